/**
 * The reference adapter's own words for customers, in each language it speaks: refusals of a
 * field, history subjects and decision notes it writes. Stored texts come with their languages
 * (see `localized.ts`); these are the texts it makes itself.
 */
import type { FieldError } from '../../contract/index.ts';
import { HttpError, isHttpError } from '../errors.ts';
import { pickText, type Texts } from './localized.ts';

/** A refused field that carries its message in every language, until the answer picks one. */
type Refusal = FieldError & { texts?: Texts };

/**
 * A refused field with its message in each language (English as `message` until picked). The
 * other languages ride along unseen (not enumerable), so the field is a plain `FieldError` to
 * anyone else: compared, serialized or sent.
 */
export function refusal(path: string, code: string, texts: Texts): FieldError {
  const refused: FieldError = { path, code, message: texts.en ?? Object.values(texts)[0] ?? '' };
  return Object.defineProperty(refused, 'texts', { value: texts, enumerable: false });
}

/** `error` with each refusal's message in the best of `languages`, tagged with it; else as it was. */
export function inLanguage(error: unknown, languages: readonly string[]): unknown {
  if (!isHttpError(error) || !error.fields?.some((f: Refusal) => f.texts)) return error;
  const fields = error.fields.map(({ texts, ...field }: Refusal): FieldError => {
    if (!texts) return field;
    const { text, lang } = pickText(texts, languages);
    return { ...field, message: text, lang };
  });
  return new HttpError(error.status, error.code, error.message, { fields, headers: error.headers, cause: error.cause });
}

/** How many days a number of days is, in each language. */
const days = (n: number): Texts => ({ en: n === 1 ? '1 day' : `${n} days`, de: n === 1 ? '1 Tag' : `${n} Tagen` });

/** Refusals of a field, in English and German. */
export const REFUSALS = {
  billingDayNotAllowed: {
    en: 'This day of the month cannot be chosen as billing day.',
    de: 'Dieser Tag des Monats kann nicht als Abrechnungstag gewählt werden.',
  },
  instalmentsRequired: { en: 'Choose how many instalments.', de: 'Bitte wählen Sie die Anzahl der Raten.' },
  extendToRequired: { en: 'Choose the new due date.', de: 'Bitte wählen Sie das neue Fälligkeitsdatum.' },
  extendToPast: { en: 'The new due date must be in the future.', de: 'Das neue Fälligkeitsdatum muss in der Zukunft liegen.' },
  extendToTooFar: (limit: number): Texts => ({
    en: `Choose a date within ${days(limit).en} of the due date.`,
    de: `Bitte wählen Sie ein Datum innerhalb von ${days(limit).de} nach dem Fälligkeitsdatum.`,
  }),
  notEligible: {
    en: 'None of these invoices can be covered by a plan.',
    de: 'Keine dieser Rechnungen kann in eine Ratenzahlung aufgenommen werden.',
  },
  callbackPast: { en: 'Choose today or a later date.', de: 'Bitte wählen Sie heute oder einen späteren Tag.' },
  callbackTooFar: (limit: number): Texts => ({
    en: `Choose a date within the next ${days(limit).en}.`,
    de: `Bitte wählen Sie einen Tag innerhalb der nächsten ${days(limit).de}.`,
  }),
  callbackDayClosed: (name: string, hours: string | null | undefined): Texts => ({
    en: `${name} cannot call back on this day: it is outside their hours${hours ? ` (${hours})` : ''}.`,
    de: `${name} kann an diesem Tag nicht zurückrufen: Er liegt außerhalb der Sprechzeiten${hours ? ` (${hours})` : ''}.`,
  }),
  callbackWindowClosed: (name: string, hours: string | null | undefined): Texts => ({
    en: `${name} cannot call back at this time of day${hours ? ` (${hours})` : ''}. Choose another window.`,
    de: `${name} kann zu dieser Tageszeit nicht zurückrufen${hours ? ` (${hours})` : ''}. Bitte wählen Sie eine andere Zeit.`,
  }),
  paymentMethodNotFound: { en: 'This payment method is not on your account.', de: 'Diese Zahlungsart gehört nicht zu Ihrem Konto.' },
  invoiceNotFound: { en: 'This invoice is not on your account.', de: 'Diese Rechnung gehört nicht zu Ihrem Konto.' },
  lineNotFound: { en: 'This line is not on the invoice.', de: 'Diese Position steht nicht auf der Rechnung.' },
  tokenInvalid: {
    en: 'The payment provider did not recognise this card.',
    de: 'Der Zahlungsdienstleister hat diese Karte nicht erkannt.',
  },
  cardExpired: { en: 'This card has expired.', de: 'Diese Karte ist abgelaufen.' },
  tokenUsed: {
    en: 'This card token was already used. Please enter the card again.',
    de: 'Diese Kartendaten wurden bereits verwendet. Bitte geben Sie die Karte erneut ein.',
  },
  cursorInvalid: { en: 'This page link is not valid.', de: 'Dieser Seitenlink ist ungültig.' },
} as const;

/** What the reference adapter writes into the customer's history, in English and German. */
export const SUBJECTS = {
  contactUpdated: { en: 'Your contact details were updated', de: 'Ihre Kontaktdaten wurden geändert' },
  paymentReceived: (number: string): Texts => ({
    en: `Payment received for invoice ${number} — thank you`,
    de: `Zahlung für Rechnung ${number} erhalten – vielen Dank`,
  }),
  paymentFailed: (number: string): Texts => ({
    en: `Your payment for invoice ${number} didn't go through`,
    de: `Ihre Zahlung für Rechnung ${number} ist nicht durchgegangen`,
  }),
  methodAdded: (label: string): Texts => ({ en: `${label} was added to your account`, de: `${label} wurde Ihrem Konto hinzugefügt` }),
  questionAsked: (subject: string): Texts => ({ en: `Question about ${subject}`, de: `Frage zu ${subject}` }),
  questionFollowUp: (subject: string): Texts => ({ en: `Follow-up on ${subject}`, de: `Nachfrage zu ${subject}` }),
  planApproved: (kind: 'instalments' | 'extension'): Texts =>
    kind === 'extension'
      ? { en: 'Your extension is approved', de: 'Ihr Zahlungsaufschub ist genehmigt' }
      : { en: 'Your payment plan is approved', de: 'Ihre Ratenzahlung ist genehmigt' },
  planReceived: (kind: 'instalments' | 'extension'): Texts =>
    kind === 'extension'
      ? { en: 'We received your request for a later due date', de: 'Wir haben Ihre Bitte um einen späteren Fälligkeitstermin erhalten' }
      : { en: 'We received your request for a payment plan', de: 'Wir haben Ihre Anfrage nach einer Ratenzahlung erhalten' },
  callbackRequested: (window: 'morning' | 'afternoon' | 'evening'): Texts => ({
    en: `Call-back requested (${window})`,
    de: `Rückruf erbeten (${{ morning: 'vormittags', afternoon: 'nachmittags', evening: 'abends' }[window]})`,
  }),
  cycleChanged: (interval: 'month' | 'quarter' | 'year', day: number): Texts => ({
    en: `Your billing changes to every ${interval} on day ${day}`,
    de: `Ihre Abrechnung erfolgt künftig ${{ month: 'monatlich', quarter: 'vierteljährlich', year: 'jährlich' }[interval]} am ${day}. Tag`,
  }),
};

/** The note on a plan approved at once, in English and German: instalments, or a moved due date. */
export const APPROVED_AT_ONCE_NOTE: Record<'instalments' | 'extension', Texts> = {
  instalments: {
    en: 'Approved straight away. Thank you for telling us — your new schedule is below, and nothing else changes.',
    de: 'Sofort genehmigt. Danke, dass Sie uns Bescheid gegeben haben – Ihr neuer Zahlungsplan steht unten, sonst ändert sich nichts.',
  },
  extension: {
    en: 'Approved straight away. Thank you for telling us — your new due date is below, and nothing else changes.',
    de: 'Sofort genehmigt. Danke, dass Sie uns Bescheid gegeben haben – Ihr neues Fälligkeitsdatum steht unten, sonst ändert sich nichts.',
  },
};
