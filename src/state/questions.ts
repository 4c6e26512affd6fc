import { signal, type ReadonlySignal } from '@preact/signals';
import {
  AskQuestionRequestSchema,
  QuestionReplyRequestSchema,
  QuestionTopicSchema,
  type InvoiceDetail,
  type InvoicePage,
  type Question,
  type QuestionList,
  type QuestionReply,
  type QuestionSummary,
  type QuestionTopic,
} from '../contract/index.ts';
import { createForm } from './form.ts';
import { createQuery, toBillfoldError, type StoreContext } from './remote.ts';
import type { Route } from './routes.ts';

/** The topics a customer picks from, in the order the form offers them. */
export const QUESTION_TOPICS: readonly QuestionTopic[] = QuestionTopicSchema.options;

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

const ASK_FIELDS: readonly AskField[] = ['invoiceId', 'lineId', 'topic', 'message'];

const emptyDraft = (prefill: AskPrefill = {}): AskDraft => ({
  invoiceId: prefill.invoiceId ?? '',
  lineId: prefill.lineId ?? '',
  topic: '',
  message: '',
});

/** A draft in the contract's shape: blank fields are missing, so the schema says "required". */
function toAskRequest(draft: AskDraft) {
  const message = draft.message.trim();
  return {
    ...(draft.invoiceId ? { invoiceId: draft.invoiceId } : {}),
    ...(draft.lineId ? { lineId: draft.lineId } : {}),
    ...(draft.topic ? { topic: draft.topic } : {}),
    ...(message ? { message } : {}),
  };
}

/** How many questions one page of the list asks for. */
export const QUESTION_PAGE_SIZE = 20;

/** A whole thread as the list shows it: who spoke last and when. */
export function summaryOf(question: Question): QuestionSummary {
  const { messages, ...rest } = question;
  const last = messages[messages.length - 1];
  return { ...rest, messageCount: messages.length, lastMessage: last ? { author: last.author, sentAt: last.sentAt } : null };
}

type Query<T> = ReturnType<typeof createQuery<T>>;
type ReplyForm = ReturnType<typeof createForm<{ message: string }, { message: string }, QuestionReply>>;

/**
 * The questions screen's model: the customer's questions about charges (the list, each thread),
 * asking a new one about an invoice or one of its lines (topic + message, one idempotency key per
 * action, the draft kept through failures), and replying in a thread.
 */
export function createQuestionsModel(context: StoreContext) {
  const list = createQuery<QuestionList>(context, 'listQuestions', (client, options) =>
    client.listQuestions({ limit: QUESTION_PAGE_SIZE }, options),
  );
  const loadingMore = signal(false);
  context.onInvalidate?.('questions', () => {
    if (list.state.peek().status === 'ready') void list.reload();
  });
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

  /** A question changed (asked, replied to): the thread and the list show the new version, first. */
  function remember(question: Question): void {
    thread(question.id).set(question);
    const current = list.state.peek();
    if (current.status === 'ready') {
      const others = current.data.items.filter((item) => item.id !== question.id);
      list.set({ items: [summaryOf(question), ...others], nextCursor: current.data.nextCursor });
    }
  }

  /** A reply the server stored: added to its thread (the answer is the message, not the thread). */
  function rememberReply(questionId: string, reply: QuestionReply): void {
    const current = thread(questionId).state.peek();
    if (current.status !== 'ready') {
      void thread(questionId).reload();
      return;
    }
    const messages = [...current.data.messages.filter((m) => m.id !== reply.message.id), reply.message];
    remember({ ...current.data, status: reply.status, messages });
  }

  /** The next page of questions ("Show more"). */
  async function loadMore(): Promise<void> {
    const current = list.state.peek();
    const client = context.client();
    if (current.status !== 'ready' || !current.data.nextCursor || loadingMore.peek() || !client) return;
    const tracked = context.track();
    loadingMore.value = true;
    try {
      const page = await client.listQuestions({ limit: QUESTION_PAGE_SIZE, cursor: current.data.nextCursor }, { signal: tracked.signal });
      const now = list.state.peek();
      if (now.status !== 'ready') return;
      const seen = new Set(now.data.items.map((item) => item.id));
      list.set({ items: [...now.data.items, ...page.items.filter((item) => !seen.has(item.id))], nextCursor: page.nextCursor });
    } catch (cause) {
      const error = toBillfoldError(cause, 'listQuestions');
      if (error.kind !== 'aborted') context.reportError(error, 'listQuestions');
    } finally {
      loadingMore.value = false;
      tracked.done();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Asking

  const invoices = createQuery<InvoicePage>(context, 'listInvoices', (client, options) =>
    client.listInvoices({ limit: INVOICE_CHOICES }, options),
  );
  const invoiceDetails = new Map<string, Query<InvoiceDetail>>();

  /**
   * One invoice with the lines the form offers to pick from: the first page, and the line the
   * customer came from when it lies further down a big invoice.
   */
  function invoice(invoiceId: string): Query<InvoiceDetail> {
    let query = invoiceDetails.get(invoiceId);
    if (!query) {
      query = createQuery(context, 'getInvoice', async (client, options) => {
        const detail = await client.getInvoice(invoiceId, options);
        const wanted = ask.draft.peek().lineId;
        if (!wanted || detail.linesNextCursor === null || detail.lines.some((line) => line.id === wanted)) return detail;
        const found = await client.listInvoiceLines(invoiceId, { id: wanted, limit: 1 }, options);
        return { ...detail, lines: [...detail.lines, ...found.items.filter((line) => line.id === wanted)] };
      });
      invoiceDetails.set(invoiceId, query);
    }
    return query;
  }

  /** The question just asked: its thread confirms that it was sent. */
  const justAsked = signal<string | undefined>(undefined);
  let prefillKey: string | undefined;

  const ask = createForm(context, {
    operation: 'askQuestion',
    schema: AskQuestionRequestSchema,
    initial: emptyDraft(),
    toBody: toAskRequest,
    fields: ASK_FIELDS,
    fallbackField: 'message',
    send: (client, body, options) => client.askQuestion(body, options),
    onDone: (question) => {
      remember(question);
      ask.reset();
      justAsked.value = question.id;
      // The next "Ask about this charge" starts afresh, even for the same line.
      prefillKey = undefined;
      context.reportChange({ type: 'question-asked', questionId: question.id, invoiceId: question.invoiceId });
    },
  });

  /**
   * Starts the form from a route's prefill. Coming back to the same form keeps what the customer
   * typed; another invoice or line (a new "Ask about this charge") starts afresh.
   */
  function prepare(prefill: AskPrefill): void {
    const key = JSON.stringify([prefill.invoiceId ?? '', prefill.lineId ?? '']);
    if (key === prefillKey) return;
    prefillKey = key;
    ask.reset(emptyDraft(prefill));
  }

  /** Changes one field; another invoice clears the line (it belonged to the old one). */
  function setField<F extends AskField>(field: F, value: AskDraft[F]): void {
    if (field === 'invoiceId' && value !== ask.draft.peek().invoiceId) {
      ask.edit((current) => ({ ...current, invoiceId: value as string, lineId: '' }), 'invoiceId');
      ask.setIssues(ask.issues.peek().filter((issue) => issue.path !== 'lineId'));
    } else ask.set(field, value);
  }

  /**
   * The line a link asked about is not on the invoice (a stale link): the form falls back to the
   * whole invoice and says so beside the line, rather than sending what the server would refuse.
   */
  function dropUnknownLine(lineIds: readonly string[]): void {
    const current = ask.draft.peek();
    if (!current.lineId || lineIds.includes(current.lineId)) return;
    ask.edit((d) => ({ ...d, lineId: '' }), 'lineId');
    ask.setIssues([...ask.issues.peek(), { path: 'lineId', key: 'notFound' }]);
  }

  // ---------------------------------------------------------------------------------------------
  // Replying: one form per thread, so a half-written reply waits in its thread.

  const replies = new Map<string, ReplyForm>();
  const sentReplyTo = signal<string | undefined>(undefined);

  function replyForm(questionId: string): ReplyForm {
    let form = replies.get(questionId);
    if (!form) {
      form = createForm(context, {
        operation: 'replyToQuestion',
        schema: QuestionReplyRequestSchema,
        initial: { message: '' },
        toBody: (draft: { message: string }) => (draft.message.trim() ? { message: draft.message.trim() } : {}),
        fields: ['message'],
        send: (client, body, options) => client.replyToQuestion(questionId, body, options),
        onDone: (reply) => {
          rememberReply(questionId, reply);
          replies.get(questionId)?.reset();
          sentReplyTo.value = questionId;
        },
      });
      replies.set(questionId, form);
    }
    return form;
  }

  return {
    /** The customer's questions, newest first. */
    list: list.state,
    loadList: () => list.ensure(),
    reloadList: () => list.reload(),
    loadMore,
    loadingMore: loadingMore as ReadonlySignal<boolean>,
    thread,
    /** The invoices the form offers. */
    invoices: invoices.state,
    loadInvoices: () => invoices.ensure(),
    reloadInvoices: () => invoices.reload(),
    invoice,
    /** The "new question" form. */
    ask,
    justAsked: justAsked as ReadonlySignal<string | undefined>,
    prepare,
    setField,
    dropUnknownLine,
    /**
     * Sends the question. Resolves with it when the server took it (the view then opens the
     * thread); `undefined` when the draft has issues or the request failed.
     */
    submitQuestion: () => ask.submit(),
    /** The reply form of a thread. */
    replyForm,
    /** Types in a thread's reply box; "Your reply was sent" goes once they type again. */
    setReply(questionId: string, message: string): void {
      replyForm(questionId).set('message', message);
      if (sentReplyTo.peek() === questionId) sentReplyTo.value = undefined;
    },
    /** Sends the reply typed in a thread; the reply box empties once the server has it. */
    submitReply: (questionId: string) => {
      sentReplyTo.value = undefined;
      return replyForm(questionId).submit();
    },
    /** The thread whose reply the server just took (for "Your reply was sent"). */
    sentReplyTo: sentReplyTo as ReadonlySignal<string | undefined>,
  };
}

/** The questions screen's model. */
export type QuestionsModel = ReturnType<typeof createQuestionsModel>;
