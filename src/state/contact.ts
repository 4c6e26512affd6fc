import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BillfoldError } from '../api/errors.ts';
import type { CallbackReceipt, CallbackRequest, CallbackWindow } from '../contract/index.ts';
import { todayIsoDate } from '../i18n/format.ts';
import { createMutation, type StoreContext } from './remote.ts';

/** The time windows a customer can pick for a call back, in order. */
export const CALLBACK_WINDOWS: readonly CallbackWindow[] = ['morning', 'afternoon', 'evening'];

/** The longest topic the contract accepts. */
export const MAX_TOPIC_LENGTH = 1000;

/** The phone numbers the contract accepts (same pattern as the contract's). */
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The call-back request as the customer fills it in. */
export interface CallbackDraft {
  phone: string;
  date: string;
  window: CallbackWindow | '';
  topic: string;
}

/** A field of the call-back form. */
export type CallbackField = keyof CallbackDraft;

/** Why a field was refused. */
export type CallbackIssueKey = 'required' | 'phone' | 'past' | 'date' | 'tooLong' | 'invalid';

/** One problem with the draft. */
export interface CallbackIssue {
  field: CallbackField;
  key: CallbackIssueKey;
}

const FIELDS: readonly CallbackField[] = ['phone', 'date', 'window', 'topic'];

/** Whether a string is a real `YYYY-MM-DD` day (not 2026-02-30). */
function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Our own check of the call-back draft; `today` is the viewer's calendar date (`YYYY-MM-DD`). */
export function checkCallbackDraft(draft: CallbackDraft, today: string): CallbackIssue[] {
  const issues: CallbackIssue[] = [];
  const phone = draft.phone.trim();
  if (phone === '') issues.push({ field: 'phone', key: 'required' });
  else if (!PHONE.test(phone)) issues.push({ field: 'phone', key: 'phone' });
  if (draft.date === '') issues.push({ field: 'date', key: 'required' });
  else if (!isCalendarDate(draft.date)) issues.push({ field: 'date', key: 'date' });
  else if (draft.date < today) issues.push({ field: 'date', key: 'past' });
  if (!draft.window) issues.push({ field: 'window', key: 'required' });
  if (draft.topic.trim().length > MAX_TOPIC_LENGTH) issues.push({ field: 'topic', key: 'tooLong' });
  return issues;
}

/** The server's 422 field errors as issues on the form's fields. */
function issuesFromServer(error: BillfoldError): CallbackIssue[] {
  const issues: CallbackIssue[] = [];
  for (const field of error.fields) {
    const name = field.path.split('.')[0] as CallbackField;
    const known = FIELDS.includes(name) ? name : 'topic';
    const key: CallbackIssueKey =
      known === 'date' && field.code === 'too_small' ? 'past' : known === 'phone' ? 'phone' : field.code === 'too_big' ? 'tooLong' : 'invalid';
    if (!issues.some((issue) => issue.field === known)) issues.push({ field: known, key });
  }
  return issues.sort((a, b) => FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field));
}

/** Options of {@link createContactModel}; tests fix "today". */
export interface ContactModelOptions {
  today?: () => string;
}

/**
 * The contact screen's model: the call-back request (phone prefilled from the customer's contact
 * details when they have one, a date not in the past, a time window, an optional topic), sent
 * with one idempotency key per action, and its confirmation.
 */
export function createContactModel(context: StoreContext, options: ContactModelOptions = {}) {
  const today = options.today ?? (() => todayIsoDate());
  const draft = signal<CallbackDraft>({ phone: '', date: '', window: '', topic: '' });
  const issues = signal<CallbackIssue[]>([]);
  const receipt = signal<CallbackReceipt | undefined>(undefined);
  /** Bumped whenever the customer should be taken to the outcome (summary, failure, confirmation). */
  const outcome = signal(0);
  let phoneTouched = false;
  let prefillAsked = false;

  const request = createMutation(context, 'requestCallback', (client, body: CallbackRequest, callOptions) =>
    client.requestCallback(body, callOptions),
  );

  /**
   * Prefills the phone number from the customer's contact details, once. A nicety: when the
   * details cannot be had (switched off, offline), the customer types the number.
   */
  async function prefill(): Promise<void> {
    const client = context.client();
    if (prefillAsked || !client) return;
    prefillAsked = true;
    const tracked = context.track();
    try {
      const details = await client.getContactDetails({ signal: tracked.signal });
      const phone = details.value.phone;
      if (phone && !phoneTouched && draft.peek().phone === '') draft.value = { ...draft.peek(), phone };
    } catch {
      // Nothing to prefill; the field stays empty for the customer to fill in.
    } finally {
      tracked.done();
    }
  }

  function setField<F extends CallbackField>(field: F, value: CallbackDraft[F]): void {
    if (field === 'phone') phoneTouched = true;
    batch(() => {
      draft.value = { ...draft.peek(), [field]: value };
      issues.value = issues.peek().filter((issue) => issue.field !== field);
    });
  }

  /** Checks and sends the request; the draft stays when it fails, so "Try again" sends it once. */
  async function submit(): Promise<CallbackReceipt | undefined> {
    const current = draft.peek();
    const problems = checkCallbackDraft(current, today());
    if (problems.length > 0) {
      batch(() => {
        issues.value = problems;
        outcome.value++;
      });
      return undefined;
    }
    issues.value = [];
    const topic = current.topic.trim();
    const result = await request.submit({
      phone: current.phone.trim(),
      date: current.date,
      window: current.window as CallbackWindow,
      ...(topic ? { topic } : {}),
    });
    batch(() => {
      if (result) receipt.value = result;
      else {
        const error = request.error.peek();
        if (error?.kind === 'validation' && error.fields.length > 0) issues.value = issuesFromServer(error);
      }
      outcome.value++;
    });
    if (result) context.reportChange({ type: 'callback-requested', callbackId: result.id });
    return result;
  }

  /** After a confirmation: a fresh form for another request. */
  function startOver(): void {
    batch(() => {
      receipt.value = undefined;
      draft.value = { ...draft.peek(), date: '', window: '', topic: '' };
      request.reset();
    });
  }

  return {
    draft: draft as ReadonlySignal<CallbackDraft>,
    issues: issues as ReadonlySignal<CallbackIssue[]>,
    /** The confirmed request, once the server took it. */
    receipt: receipt as ReadonlySignal<CallbackReceipt | undefined>,
    outcome: outcome as ReadonlySignal<number>,
    sending: computed(() => request.status.value === 'pending'),
    /** Why sending failed, when it is not a field the customer can fix. */
    error: computed<BillfoldError | undefined>(() =>
      request.status.value === 'error' && issues.value.length === 0 ? request.error.value : undefined,
    ),
    /** The earliest date the form allows. */
    today,
    prefill,
    setField,
    submit,
    startOver,
  };
}

/** The contact screen's model. */
export type ContactModel = ReturnType<typeof createContactModel>;
