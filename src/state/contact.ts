import { CallbackRequestSchema, type CallbackRequest, type CallbackWindow } from '../contract/index.ts';
import { isIsoDate, localToday } from '../lib/calendar.ts';
import { CALLBACK_WINDOW_NAMES, offeredDates, offeredSpan, windowOpen, type WeeklyHours } from '../lib/availability.ts';
import { createForm, type FieldIssue } from './form.ts';
import type { StoreContext } from './remote.ts';

/** The time windows a customer can pick for a call back, in order. */
export const CALLBACK_WINDOWS: readonly CallbackWindow[] = CallbackRequestSchema.shape.window.options;

/** The call-back request as the customer fills it in. */
export interface CallbackDraft {
  phone: string;
  date: string;
  window: CallbackWindow | '';
  topic: string;
}

/** A field of the call-back form. */
export type CallbackField = keyof CallbackDraft;

const FIELDS: readonly CallbackField[] = ['phone', 'date', 'window', 'topic'];

const EMPTY: CallbackDraft = { phone: '', date: '', window: '', topic: '' };

/** The draft in the contract's shape: blank fields are missing, so the schema says "required". */
function toRequest(draft: CallbackDraft): Partial<CallbackRequest> {
  const topic = draft.topic.trim();
  return {
    ...(draft.phone.trim() ? { phone: draft.phone } : {}),
    ...(draft.date ? { date: draft.date } : {}),
    ...(draft.window ? { window: draft.window } : {}),
    ...(topic ? { topic } : {}),
  };
}

/**
 * The rules the contract cannot know: no day before the viewer's today (`YYYY-MM-DD`), and, when
 * the contact's hours are known, only a day and a window inside them that is not over yet.
 */
export function checkCallbackDraft(draft: CallbackDraft, today: string, hours?: WeeklyHours | null, now: Date = new Date()): FieldIssue[] {
  if (!isIsoDate(draft.date)) return [];
  if (draft.date < today) return [{ path: 'date', key: 'tooEarly' }];
  if (!hours) return [];
  if (!CALLBACK_WINDOW_NAMES.some((window) => windowOpen(hours, draft.date, window, now))) return [{ path: 'date', key: 'notOffered' }];
  if (draft.window && !windowOpen(hours, draft.date, draft.window, now)) return [{ path: 'window', key: 'notOffered' }];
  return [];
}

/** How many days ahead a call back can be asked for (the server accepts the next 90). */
export const CALLBACK_DAYS_AHEAD = 28;

/** Options of {@link createContactModel}; tests fix "today" and "now". */
export interface ContactModelOptions {
  today?: () => string;
  now?: () => Date;
}

/**
 * The contact screen's model: the call-back request (phone prefilled from the customer's contact
 * details when they have one, a date not in the past, a time window, an optional topic), sent
 * with one idempotency key per action, and its confirmation.
 */
export function createContactModel(context: StoreContext, options: ContactModelOptions = {}) {
  const today = options.today ?? (() => localToday());
  const now = options.now ?? (() => new Date());
  /** The contact's structured hours, when the merchant gives them. */
  const hours = (): WeeklyHours | null => context.account?.()?.humanContact?.availability ?? null;
  let phoneTouched = false;
  let prefillAsked = false;

  const form = createForm(context, {
    operation: 'requestCallback',
    schema: CallbackRequestSchema,
    initial: EMPTY,
    toBody: toRequest,
    check: (draft) => checkCallbackDraft(draft, today(), hours(), now()),
    fields: FIELDS,
    send: (client, body, callOptions) => client.requestCallback(body, callOptions),
    onDone: (receipt) => context.reportChange({ type: 'callback-requested', callbackId: receipt.id }),
  });

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
      if (phone && !phoneTouched && form.draft.peek().phone === '') form.edit((d) => ({ ...d, phone }));
    } catch {
      // Nothing to prefill; the field stays empty for the customer to fill in.
    } finally {
      tracked.done();
    }
  }

  return {
    form,
    /** The confirmed request, once the server took it. */
    receipt: form.result,
    /** The earliest date the form allows. */
    today,
    /** The contact's hours, when known: the form then offers only days and windows inside them. */
    hours,
    /** The days a call back can be asked for (the contact's calendar), when their hours are known. */
    offeredDays: () => {
      const known = hours();
      return known ? offeredDates(known, now(), CALLBACK_DAYS_AHEAD) : undefined;
    },
    /** The windows of a day still open, each with its span on the contact's clock. */
    windowsOn(date: string) {
      const known = hours();
      return CALLBACK_WINDOWS.flatMap((window) => {
        if (!known) return [{ window, span: undefined }];
        if (!date || !windowOpen(known, date, window, now())) return [];
        return [{ window, span: offeredSpan(known, date, window) }];
      });
    },
    prefill,
    setField<F extends CallbackField>(field: F, value: CallbackDraft[F]): void {
      if (field === 'phone') phoneTouched = true;
      form.set(field, value);
      // Another day may not have the window chosen for the last one.
      const known = hours();
      const draft = form.draft.peek();
      if (field === 'date' && known && draft.window && !windowOpen(known, draft.date, draft.window, now())) form.set('window', '');
    },
    /** After a confirmation: a fresh form for another request, the phone kept. */
    startOver(): void {
      form.reset({ ...EMPTY, phone: form.draft.peek().phone });
      // The confirmation went away with the button pressed: the customer is taken to the form.
      form.announce();
    },
  };
}

/** The contact screen's model. */
export type ContactModel = ReturnType<typeof createContactModel>;
