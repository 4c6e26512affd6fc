import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BillfoldError } from '../api/errors.ts';
import type { InvoiceDetail, InvoicePage, Question, QuestionList, QuestionTopic } from '../contract/index.ts';
import { createMutation, createQuery, type StoreContext } from './remote.ts';
import type { Route } from './routes.ts';

/** The topics a customer picks from, in the order the form offers them. */
export const QUESTION_TOPICS: readonly QuestionTopic[] = ['unrecognised', 'amount_wrong', 'already_paid', 'other'];

/** The longest message the contract accepts (question and reply). */
export const MAX_MESSAGE_LENGTH = 5000;

/** How many invoices the "new question" form offers to pick from (newest first). */
export const INVOICE_CHOICES = 100;

/** The route id of the "new question" form; `new?invoice=<id>&line=<lineId>` prefills it. */
export const NEW_QUESTION_ID = 'new';

/**
 * The route that opens the "ask about a charge" form, prefilled with an invoice and optionally
 * one of its lines: `navigate(askRoute(invoice.id, line.id))`, or as a deep link the `view`
 * attribute `questions/new?invoice=inv_1&line=ln_7`. Ids are query-encoded, so any id works.
 */
export function askRoute(invoiceId?: string, lineId?: string): Route {
  if (!invoiceId) return { view: 'questions', id: NEW_QUESTION_ID };
  const query = new URLSearchParams({ invoice: invoiceId });
  if (lineId) query.set('line', lineId);
  return { view: 'questions', id: `${NEW_QUESTION_ID}?${query.toString()}` };
}

/** What the "new question" form starts with. */
export interface AskPrefill {
  invoiceId?: string;
  lineId?: string;
}

/** The prefill of a "new question" route id, or `undefined` when the id names a question. */
export function parseAskRoute(id: string | undefined): AskPrefill | undefined {
  if (id === undefined) return undefined;
  if (id !== NEW_QUESTION_ID && !id.startsWith(`${NEW_QUESTION_ID}?`)) return undefined;
  const query = new URLSearchParams(id.slice(NEW_QUESTION_ID.length + 1));
  return { invoiceId: query.get('invoice') || undefined, lineId: query.get('line') || undefined };
}

/** The customer's question as they write it; `lineId` empty means "the whole invoice". */
export interface AskDraft {
  invoiceId: string;
  lineId: string;
  topic: QuestionTopic | '';
  message: string;
}

/** A field of the form the customer must fix. */
export type AskField = keyof AskDraft;

/** Why a field was refused: our own check (`required`, `tooLong`) or the server's (`notFound`, `invalid`). */
export type IssueKey = 'required' | 'tooLong' | 'notFound' | 'invalid';

/** One problem with the draft. */
export interface AskIssue {
  field: AskField;
  key: IssueKey;
}

const ASK_FIELDS: readonly AskField[] = ['invoiceId', 'lineId', 'topic', 'message'];

const emptyDraft = (prefill: AskPrefill = {}): AskDraft => ({
  invoiceId: prefill.invoiceId ?? '',
  lineId: prefill.lineId ?? '',
  topic: '',
  message: '',
});

/** Checks a message (question or reply): something to say, within the contract's length. */
export function checkMessage(message: string): IssueKey | undefined {
  const trimmed = message.trim();
  if (trimmed === '') return 'required';
  if (trimmed.length > MAX_MESSAGE_LENGTH) return 'tooLong';
  return undefined;
}

/** Our own check of the draft, in the order the fields appear. */
export function checkAskDraft(draft: AskDraft): AskIssue[] {
  const issues: AskIssue[] = [];
  if (!draft.invoiceId) issues.push({ field: 'invoiceId', key: 'required' });
  if (!draft.topic) issues.push({ field: 'topic', key: 'required' });
  const message = checkMessage(draft.message);
  if (message) issues.push({ field: 'message', key: message });
  return issues;
}

/** The server's 422 field errors as issues on the form's fields (unknown paths go to the message). */
export function issuesFromServer(error: BillfoldError): AskIssue[] {
  const issues: AskIssue[] = [];
  for (const field of error.fields) {
    const name = field.path.split('.')[0] as AskField;
    const known = ASK_FIELDS.includes(name) ? name : 'message';
    const key: IssueKey =
      field.code === 'not_found' ? 'notFound' : field.code === 'too_big' ? 'tooLong' : field.code === 'too_small' ? 'required' : 'invalid';
    if (!issues.some((issue) => issue.field === known)) issues.push({ field: known, key });
  }
  return issues.sort((a, b) => ASK_FIELDS.indexOf(a.field) - ASK_FIELDS.indexOf(b.field));
}

/** The last message of a thread (the list shows who spoke last and when). */
export function lastMessage(question: Question) {
  return question.messages[question.messages.length - 1];
}

type Query<T> = ReturnType<typeof createQuery<T>>;

/**
 * The questions screen's model: the customer's questions about charges (the list, each thread),
 * asking a new one about an invoice or one of its lines (topic + message, one idempotency key per
 * action, the draft kept through failures), and replying in a thread.
 */
export function createQuestionsModel(context: StoreContext) {
  const list = createQuery<QuestionList>(context, 'listQuestions', (client, options) => client.listQuestions(options));
  const threads = new Map<string, Query<Question>>();

  /** One thread, loaded on demand and kept (returning to it shows it at once). */
  function thread(questionId: string): Query<Question> {
    let query = threads.get(questionId);
    if (!query) {
      query = createQuery(context, 'getQuestion', (client, options) => client.getQuestion(questionId, options));
      threads.set(questionId, query);
    }
    return query;
  }

  /** A question changed (asked, replied to): the thread and the list show the new version. */
  function remember(question: Question): void {
    thread(question.id).set(question);
    const current = list.state.peek();
    if (current.status === 'ready') {
      const others = current.data.items.filter((item) => item.id !== question.id);
      list.set({ items: [question, ...others] });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Asking

  const invoices = createQuery<InvoicePage>(context, 'listInvoices', (client, options) =>
    client.listInvoices({ limit: INVOICE_CHOICES }, options),
  );
  const invoiceDetails = new Map<string, Query<InvoiceDetail>>();

  /** One invoice with its lines (the form offers them to pick from). */
  function invoice(invoiceId: string): Query<InvoiceDetail> {
    let query = invoiceDetails.get(invoiceId);
    if (!query) {
      query = createQuery(context, 'getInvoice', (client, options) => client.getInvoice(invoiceId, options));
      invoiceDetails.set(invoiceId, query);
    }
    return query;
  }

  const draft = signal<AskDraft>(emptyDraft());
  const issues = signal<AskIssue[]>([]);
  /** Bumped whenever the customer should be taken to the outcome (the summary or the failure). */
  const askOutcome = signal(0);
  /** The question just asked: its thread confirms that it was sent. */
  const justAsked = signal<string | undefined>(undefined);
  let prefillKey: string | undefined;

  const ask = createMutation(context, 'askQuestion', (client, body: Parameters<typeof client.askQuestion>[0], options) =>
    client.askQuestion(body, options),
  );

  /**
   * Starts the form from a route's prefill. Coming back to the same form keeps what the customer
   * typed; another invoice or line (a new "Ask about this charge") starts afresh.
   */
  function prepare(prefill: AskPrefill): void {
    const key = JSON.stringify([prefill.invoiceId ?? '', prefill.lineId ?? '']);
    if (key === prefillKey) return;
    prefillKey = key;
    batch(() => {
      draft.value = emptyDraft(prefill);
      issues.value = [];
      ask.reset();
    });
  }

  /** Changes one field; another invoice clears the line (it belonged to the old one). */
  function setField<F extends AskField>(field: F, value: AskDraft[F]): void {
    batch(() => {
      const current = draft.peek();
      draft.value = field === 'invoiceId' && value !== current.invoiceId ? { ...current, invoiceId: value, lineId: '' } : { ...current, [field]: value };
      issues.value = issues.peek().filter((issue) => issue.field !== field && !(field === 'invoiceId' && issue.field === 'lineId'));
    });
  }

  /**
   * The line a link asked about is not on the invoice (a stale link): the form falls back to the
   * whole invoice and says so beside the line, rather than sending what the server would refuse.
   */
  function dropUnknownLine(lineIds: readonly string[]): void {
    const current = draft.peek();
    if (!current.lineId || lineIds.includes(current.lineId)) return;
    batch(() => {
      draft.value = { ...current, lineId: '' };
      issues.value = [...issues.peek().filter((issue) => issue.field !== 'lineId'), { field: 'lineId', key: 'notFound' }];
    });
  }

  /**
   * Sends the question. Returns it when the server took it (the view then opens the thread);
   * `undefined` when the draft has issues or the request failed (the draft stays, and sending
   * again with the same draft reuses the idempotency key while the outcome is unknown).
   */
  async function submitQuestion(): Promise<Question | undefined> {
    const current = draft.peek();
    const problems = checkAskDraft(current);
    if (problems.length > 0) {
      batch(() => {
        issues.value = problems;
        askOutcome.value++;
      });
      return undefined;
    }
    issues.value = [];
    const question = await ask.submit({
      invoiceId: current.invoiceId,
      ...(current.lineId ? { lineId: current.lineId } : {}),
      topic: current.topic as QuestionTopic,
      message: current.message.trim(),
    });
    if (question) {
      remember(question);
      batch(() => {
        draft.value = emptyDraft();
        justAsked.value = question.id;
        // The next "Ask about this charge" starts afresh, even for the same line.
        prefillKey = undefined;
      });
      context.reportChange({ type: 'question-asked', questionId: question.id, invoiceId: question.invoiceId });
      return question;
    }
    const error = ask.error.peek();
    batch(() => {
      if (error?.kind === 'validation' && error.fields.length > 0) issues.value = issuesFromServer(error);
      askOutcome.value++;
    });
    return undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Replying

  const replyDrafts = signal<Readonly<Record<string, string>>>({});
  const replyIssue = signal<{ questionId: string; key: IssueKey } | undefined>(undefined);
  const replyingTo = signal<string | undefined>(undefined);
  /** Bumped after each reply attempt, so the view can move focus to its outcome. */
  const replyOutcome = signal(0);
  const sentReplyTo = signal<string | undefined>(undefined);
  const reply = createMutation(
    context,
    'replyToQuestion',
    (client, input: { questionId: string; message: string }, options) =>
      client.replyToQuestion(input.questionId, { message: input.message }, options),
  );

  function setReply(questionId: string, message: string): void {
    batch(() => {
      replyDrafts.value = { ...replyDrafts.peek(), [questionId]: message };
      if (replyIssue.peek()?.questionId === questionId) replyIssue.value = undefined;
      if (sentReplyTo.peek() === questionId) sentReplyTo.value = undefined;
    });
  }

  /** Sends the reply typed in a thread; the reply box empties once the server has it. */
  async function submitReply(questionId: string): Promise<Question | undefined> {
    const message = replyDrafts.peek()[questionId] ?? '';
    const problem = checkMessage(message);
    if (problem) {
      batch(() => {
        replyIssue.value = { questionId, key: problem };
        replyOutcome.value++;
      });
      return undefined;
    }
    batch(() => {
      replyIssue.value = undefined;
      replyingTo.value = questionId;
      sentReplyTo.value = undefined;
    });
    const question = await reply.submit({ questionId, message: message.trim() });
    batch(() => {
      if (question) {
        remember(question);
        const { [questionId]: _sent, ...rest } = replyDrafts.peek();
        replyDrafts.value = rest;
        sentReplyTo.value = questionId;
      } else {
        const error = reply.error.peek();
        if (error?.kind === 'validation' && error.fields.length > 0) {
          replyIssue.value = { questionId, key: issuesFromServer(error)[0]?.key ?? 'invalid' };
        }
      }
      replyOutcome.value++;
    });
    return question;
  }

  return {
    /** The customer's questions, newest first. */
    list: list.state,
    loadList: () => list.ensure(),
    reloadList: () => list.reload(),
    thread,
    /** The invoices the form offers. */
    invoices: invoices.state,
    loadInvoices: () => invoices.ensure(),
    reloadInvoices: () => invoices.reload(),
    invoice,
    draft: draft as ReadonlySignal<AskDraft>,
    issues: issues as ReadonlySignal<AskIssue[]>,
    askOutcome: askOutcome as ReadonlySignal<number>,
    justAsked: justAsked as ReadonlySignal<string | undefined>,
    asking: computed(() => ask.status.value === 'pending'),
    /** Why sending failed, when it is not a field the customer can fix. */
    askError: computed<BillfoldError | undefined>(() =>
      ask.status.value === 'error' && issues.value.length === 0 ? ask.error.value : undefined,
    ),
    prepare,
    setField,
    dropUnknownLine,
    submitQuestion,
    replyDrafts: replyDrafts as ReadonlySignal<Readonly<Record<string, string>>>,
    replyIssue: replyIssue as ReadonlySignal<{ questionId: string; key: IssueKey } | undefined>,
    replyOutcome: replyOutcome as ReadonlySignal<number>,
    /** The thread whose reply the server just took (for "Your reply was sent"). */
    sentReplyTo: sentReplyTo as ReadonlySignal<string | undefined>,
    /** The thread a reply is being sent to. */
    replying: computed(() => (reply.status.value === 'pending' ? replyingTo.value : undefined)),
    /** The failure of the last reply (not a field issue), and the thread it was for. */
    replyError: computed<{ questionId: string; error: BillfoldError } | undefined>(() => {
      const error = reply.error.value;
      const to = replyingTo.value;
      if (reply.status.value !== 'error' || !error || !to || replyIssue.value) return undefined;
      return { questionId: to, error };
    }),
    setReply,
    submitReply,
  };
}

/** The questions screen's model. */
export type QuestionsModel = ReturnType<typeof createQuestionsModel>;
