/**
 * The contact details form as the customer edits it: text as typed, turned into the contract's
 * shape only when sent, and the rules a customer expects beyond the contract's.
 */
import type { ContactDetails, PreferredChannel } from '../contract/index.ts';
import type { FieldIssue } from './field-issues.ts';

/** One invoice recipient as the customer edits it. `key` stays stable while the row exists. */
export interface RecipientDraft {
  /** A stable key for the row (the recipient's id, or a local one for a new row). */
  key: string;
  /** The backend's id; absent for a recipient the customer is adding. */
  id?: string;
  name: string;
  email: string;
}

/**
 * The form as the customer left it: text as typed (nothing is lost or reformatted while they
 * edit). {@link toRequestBody} turns it into the contract's shape.
 */
export interface ContactDraft {
  name: string;
  email: string;
  phone: string;
  billingAddress: {
    line1: string;
    line2: string;
    city: string;
    postalCode: string;
    region: string;
    country: string;
  };
  taxId: string;
  recipients: RecipientDraft[];
  preferences: {
    channel: PreferredChannel;
    /** As typed in the number field; `0` turns reminders off. */
    reminderDaysBefore: string;
    language: string;
  };
}

/** A leaf value of the draft: text, or the recipient list. */
export type DraftLeaf = string | readonly RecipientDraft[];

/** The text leaves of the draft, in form order (recipients are compared as one list). */
export const DRAFT_LEAVES = [
  'name',
  'email',
  'phone',
  'taxId',
  'billingAddress.line1',
  'billingAddress.line2',
  'billingAddress.city',
  'billingAddress.postalCode',
  'billingAddress.region',
  'billingAddress.country',
  'recipients',
  'preferences.channel',
  'preferences.reminderDaysBefore',
  'preferences.language',
] as const;
/** One of {@link DRAFT_LEAVES}. */
export type DraftLeafPath = (typeof DRAFT_LEAVES)[number];

let localKeys = 0;
/** A key for a row the customer adds (never sent: new recipients go without an id). */
export function newRecipientKey(): string {
  return `new-${++localKeys}`;
}

/** The form's starting point for a record. */
export function toDraft(details: ContactDetails): ContactDraft {
  const address = details.billingAddress;
  return {
    name: details.name,
    email: details.email,
    phone: details.phone ?? '',
    billingAddress: {
      line1: address.line1,
      line2: address.line2 ?? '',
      city: address.city,
      postalCode: address.postalCode,
      region: address.region ?? '',
      country: address.country,
    },
    taxId: details.taxId ?? '',
    recipients: details.recipients.map((r) => ({ key: r.id ?? newRecipientKey(), id: r.id, name: r.name, email: r.email })),
    preferences: {
      channel: details.preferences.channel,
      reminderDaysBefore: String(details.preferences.reminderDaysBefore),
      language: details.preferences.language,
    },
  };
}

/** Empty optional text is "none" (`null`), not an empty string the backend would store. */
const orNull = (value: string) => (value.trim() === '' ? null : value);

/**
 * The draft in the contract's shape, before validation: optional text left empty becomes
 * `null`, the reminder days a number (an empty or non-numeric entry fails validation).
 */
export function toRequestBody(draft: ContactDraft): unknown {
  const days = draft.preferences.reminderDaysBefore.trim();
  // Emails are not trimmed by the contract (spaces are invalid there), but a space a phone
  // keyboard added after the address is not something to scold the customer for.
  return {
    name: draft.name,
    email: draft.email.trim(),
    phone: orNull(draft.phone),
    billingAddress: {
      line1: draft.billingAddress.line1,
      line2: orNull(draft.billingAddress.line2),
      city: draft.billingAddress.city,
      postalCode: draft.billingAddress.postalCode,
      region: orNull(draft.billingAddress.region),
      country: draft.billingAddress.country,
    },
    taxId: orNull(draft.taxId),
    recipients: draft.recipients.map((r) =>
      r.id ? { id: r.id, name: r.name, email: r.email.trim() } : { name: r.name, email: r.email.trim() },
    ),
    preferences: {
      channel: draft.preferences.channel,
      reminderDaysBefore: days === '' ? Number.NaN : Number(days),
      language: draft.preferences.language,
    },
  };
}

/** Reads a leaf of the draft by its dotted path. */
export function leafOf(draft: ContactDraft, path: DraftLeafPath): DraftLeaf {
  if (path === 'recipients') return draft.recipients;
  const [head, tail] = path.split('.') as [string, string | undefined];
  const value = (draft as unknown as Record<string, unknown>)[head];
  return (tail === undefined ? value : (value as Record<string, string>)[tail]) as string;
}

export function withLeaf(draft: ContactDraft, path: DraftLeafPath, value: DraftLeaf): ContactDraft {
  if (path === 'recipients') return { ...draft, recipients: [...(value as RecipientDraft[])] };
  const [head, tail] = path.split('.') as [keyof ContactDraft, string | undefined];
  if (tail === undefined) return { ...draft, [head]: value };
  return { ...draft, [head]: { ...(draft[head] as object), [tail]: value } };
}

export function sameRecipients(a: readonly RecipientDraft[], b: readonly RecipientDraft[]): boolean {
  return a.length === b.length && a.every((r, i) => r.id === b[i]!.id && r.name === b[i]!.name && r.email === b[i]!.email);
}

export function sameLeaf(a: DraftLeaf, b: DraftLeaf): boolean {
  if (typeof a === 'string' || typeof b === 'string') {
    // Surrounding spaces are not a change: the contract trims what the customer typed.
    return typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim();
  }
  return sameRecipients(a, b);
}

/**
 * What a customer would expect to be told before sending, beyond the contract's own checks: a
 * whole number of reminder days, a phone number for the SMS and phone channels, and no recipient
 * listed twice.
 */
export function draftRules(draft: ContactDraft): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const days = draft.preferences.reminderDaysBefore.trim();
  if (days !== '' && !Number.isInteger(Number(days))) issues.push({ path: 'preferences.reminderDaysBefore', key: 'wholeNumber' });
  const channel = draft.preferences.channel;
  if ((channel === 'sms' || channel === 'phone') && draft.phone.trim() === '') issues.push({ path: 'phone', key: 'phoneForChannel' });
  const seen = new Set<string>();
  draft.recipients.forEach((recipient, index) => {
    const email = recipient.email.trim().toLowerCase();
    if (email === '') return;
    if (seen.has(email)) issues.push({ path: `recipients.${index}.email`, key: 'duplicateRecipient' });
    seen.add(email);
  });
  return issues;
}

/** Field paths in the order the form shows them (recipient rows sort by their number). */
export const FORM_ORDER: readonly string[] = DRAFT_LEAVES;
