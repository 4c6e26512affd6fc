/**
 * Saving contact details while someone else saved first (412): what changed on each side, and the
 * customer's edit applied again on top of the version saved meanwhile.
 */
import type { ContactDetails } from '../contract/index.ts';
import type { Versioned } from '../api/types.ts';
import {
  DRAFT_LEAVES,
  leafOf,
  newRecipientKey,
  sameLeaf,
  sameRecipients,
  withLeaf,
  type ContactDraft,
  type DraftLeaf,
  type RecipientDraft,
} from './contact-details-draft.ts';

/** What the host hears after a save: names of top-level fields, never values. */
export type ContactField = keyof ContactDetails;

const TOP_LEVEL_FIELDS: readonly ContactField[] = [
  'name',
  'email',
  'phone',
  'billingAddress',
  'taxId',
  'recipients',
  'preferences',
];

/** A leaf of the record that changed while the customer was editing. */
export interface FieldChange {
  /** Dotted path, e.g. `billingAddress.city`; `recipients` stands for the whole list. */
  path: string;
  /** The value saved meanwhile (by someone else, or by the customer in another tab). */
  theirs: DraftLeaf;
  /** What the customer has in the form. */
  yours: DraftLeaf;
}

/** The state of a save that ran into someone else's change (412). */
export interface Conflict {
  /** The record as it is now on the server. */
  current: Versioned<ContactDetails>;
  /** Fields changed meanwhile, with the customer's value beside each. */
  changes: FieldChange[];
}

/** Normalized so that `null` and a missing optional field compare equal, and ids don't count. */
function comparable(details: ContactDetails, field: ContactField): string {
  const value = details[field];
  if (field === 'recipients') return JSON.stringify(details.recipients.map((r) => [r.name, r.email]));
  if (field === 'billingAddress') {
    const a = details.billingAddress;
    return JSON.stringify([a.line1, a.line2 ?? null, a.city, a.postalCode, a.region ?? null, a.country]);
  }
  if (field === 'preferences') {
    const p = details.preferences;
    return JSON.stringify([p.channel, p.reminderDaysBefore, p.language]);
  }
  return JSON.stringify(value ?? null);
}

/** The top-level fields that differ between two versions of the record (names only). */
export function changedFields(before: ContactDetails, after: ContactDetails): ContactField[] {
  return TOP_LEVEL_FIELDS.filter((field) => comparable(before, field) !== comparable(after, field));
}

/** What changed on the server since the customer's starting point, beside their own values. */
export function conflictChanges(base: ContactDraft, theirs: ContactDraft, yours: ContactDraft): FieldChange[] {
  return DRAFT_LEAVES.filter((path) => !sameLeaf(leafOf(base, path), leafOf(theirs, path))).map((path) => ({
    path,
    theirs: leafOf(theirs, path),
    yours: leafOf(yours, path),
  }));
}

/**
 * The customer's edit applied again on top of the version saved meanwhile (a three-way merge):
 * every field the customer changed takes their value, every other field keeps the new saved
 * value. Recipients merge row by row: the customer's additions, edits and removals are applied
 * to the current list; a recipient the customer edited but someone else removed comes back.
 */
export function reapply(base: ContactDraft, theirs: ContactDraft, yours: ContactDraft): ContactDraft {
  let merged = theirs;
  for (const path of DRAFT_LEAVES) {
    if (path === 'recipients') continue;
    const mine = leafOf(yours, path);
    if (!sameLeaf(leafOf(base, path), mine)) merged = withLeaf(merged, path, mine);
  }
  if (sameRecipients(base.recipients, yours.recipients)) return merged;
  const baseById = new Map(base.recipients.filter((r) => r.id).map((r) => [r.id!, r]));
  const yoursById = new Map(yours.recipients.filter((r) => r.id).map((r) => [r.id!, r]));
  const recipients: RecipientDraft[] = [];
  for (const current of theirs.recipients) {
    const id = current.id;
    if (!id) {
      recipients.push(current);
      continue;
    }
    const before = baseById.get(id);
    const mine = yoursById.get(id);
    if (before && !mine) continue; // the customer removed it
    const edited = before && mine && (before.name !== mine.name || before.email !== mine.email);
    recipients.push(edited ? { ...current, name: mine.name, email: mine.email } : current);
  }
  const theirIds = new Set(theirs.recipients.map((r) => r.id));
  for (const mine of yours.recipients) {
    if (!mine.id) recipients.push(mine);
    else if (!theirIds.has(mine.id)) {
      const before = baseById.get(mine.id);
      // Removed meanwhile: kept only if the customer had edited it (their typing is not lost).
      if (before && (before.name !== mine.name || before.email !== mine.email)) {
        recipients.push({ key: newRecipientKey(), name: mine.name, email: mine.email });
      }
    }
  }
  return { ...merged, recipients };
}


/** Every top-level field (a first save has nothing to compare with). */
export const ALL_FIELDS: readonly ContactField[] = TOP_LEVEL_FIELDS;
