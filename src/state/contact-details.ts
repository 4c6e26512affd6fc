import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BillfoldError } from '../api/errors.ts';
import type { Versioned } from '../api/types.ts';
import {
  ContactDetailsSchema,
  z,
  type ContactDetails,
  type FieldError,
  type PreferredChannel,
} from '../contract/index.ts';
import { createMutation, createQuery, toBillfoldError, type StoreContext } from './remote.ts';

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

/** Why a field was refused; the view words each `key` in the customer's language. */
export type FieldIssueKey =
  | 'required'
  | 'tooLong'
  | 'email'
  | 'phone'
  | 'country'
  | 'language'
  | 'format'
  | 'wholeNumber'
  | 'range'
  | 'choose'
  | 'tooManyRecipients'
  | 'duplicateRecipient'
  | 'phoneForChannel'
  | 'invalid';

/** A refused field, from the client's own check or the server's 422. */
export interface FieldIssue {
  /** Dotted path into the contract's body, e.g. `billingAddress.postalCode`, `recipients.1.email`. */
  path: string;
  key: FieldIssueKey;
  /** For `tooLong` and `range`, when known. */
  max?: number;
  min?: number;
  /** The backend's own words for a code the widget does not know (shown as is). */
  serverMessage?: string;
}

/** A leaf of the record that changed while the customer was editing. */
export interface FieldChange {
  /** Dotted path, e.g. `billingAddress.city`; `recipients` stands for the whole list. */
  path: string;
  /** The value saved meanwhile (by someone else, or by the customer in another tab). */
  theirs: DraftLeaf;
  /** What the customer has in the form. */
  yours: DraftLeaf;
}

/** A leaf value of the draft: text, or the recipient list. */
export type DraftLeaf = string | readonly RecipientDraft[];

/** The state of a save that ran into someone else's change (412). */
export interface Conflict {
  /** The record as it is now on the server. */
  current: Versioned<ContactDetails>;
  /** Fields changed meanwhile, with the customer's value beside each. */
  changes: FieldChange[];
}

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

/** How many invoice recipients the contract allows. */
export const MAX_RECIPIENTS = 20;

let localKeys = 0;
/** A key for a row the customer adds (never sent: new recipients go without an id). */
function newRecipientKey(): string {
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

function withLeaf(draft: ContactDraft, path: DraftLeafPath, value: DraftLeaf): ContactDraft {
  if (path === 'recipients') return { ...draft, recipients: [...(value as RecipientDraft[])] };
  const [head, tail] = path.split('.') as [keyof ContactDraft, string | undefined];
  if (tail === undefined) return { ...draft, [head]: value };
  return { ...draft, [head]: { ...(draft[head] as object), [tail]: value } };
}

function sameRecipients(a: readonly RecipientDraft[], b: readonly RecipientDraft[]): boolean {
  return a.length === b.length && a.every((r, i) => r.id === b[i]!.id && r.name === b[i]!.name && r.email === b[i]!.email);
}

function sameLeaf(a: DraftLeaf, b: DraftLeaf): boolean {
  if (typeof a === 'string' || typeof b === 'string') {
    // Surrounding spaces are not a change: the contract trims what the customer typed.
    return typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim();
  }
  return sameRecipients(a, b);
}

/** Zod's issue, narrowed to what {@link issueKey} reads. */
interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/**
 * Picks the wording of a refused field from zod's issue code (and what the field is), never
 * zod's English message: the same keys serve the client's own check and the server's 422, whose
 * `code` is zod's issue code too (see `fieldErrorsFromIssues` in the server kit).
 */
function issueKey(issue: ZodIssueLike, path: string, draft: ContactDraft): Omit<FieldIssue, 'path'> {
  const last = path.split('.').pop();
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number') return { key: 'range', min: 0, max: 30 };
      return { key: 'required' };
    case 'too_big':
      if (issue.origin === 'array') return { key: 'tooManyRecipients', max: MAX_RECIPIENTS };
      if (issue.origin === 'number') return { key: 'range', min: 0, max: 30 };
      return issue.maximum === undefined ? { key: 'tooLong' } : { key: 'tooLong', max: Number(issue.maximum) };
    case 'invalid_format':
      if (issue.format === 'email' || last === 'email') return { key: 'email' };
      if (last === 'phone') return { key: 'phone' };
      if (last === 'country') return { key: 'country' };
      if (last === 'language') return { key: 'language' };
      return { key: 'format' };
    case 'invalid_type':
      if (last === 'reminderDaysBefore') {
        return draft.preferences.reminderDaysBefore.trim() === '' ? { key: 'required' } : { key: 'wholeNumber' };
      }
      return { key: 'required' };
    case 'invalid_value':
      return { key: 'choose' };
    default:
      return { key: 'invalid' };
  }
}

const KNOWN_CODES = new Set(['too_small', 'too_big', 'invalid_format', 'invalid_type', 'invalid_value']);

/** The server's 422 `fields`, worded like the client's own check. */
export function issuesFromServer(fields: readonly FieldError[], draft: ContactDraft): FieldIssue[] {
  return fields.map((field) => {
    if (!KNOWN_CODES.has(field.code)) {
      // A merchant backend's own rule (e.g. a VAT id it checked): its words are all we have.
      return { path: field.path, key: 'invalid', serverMessage: field.message };
    }
    // The server sends no limits; the field tells which wording fits.
    const origin = field.path === 'recipients' ? 'array' : field.path.endsWith('reminderDaysBefore') ? 'number' : 'string';
    return { path: field.path, ...issueKey({ code: field.code, path: [], origin }, field.path, draft) };
  });
}

/** The outcome of checking a draft before sending it. */
export type DraftCheck = { ok: true; body: ContactDetails } | { ok: false; issues: FieldIssue[] };

/**
 * Checks a draft with the contract's own schema (the server checks the same), plus what a
 * customer would expect to be told before sending: a phone number for the SMS and phone
 * channels, and no recipient listed twice.
 */
export function checkDraft(draft: ContactDraft): DraftCheck {
  const result = z.safeParse(ContactDetailsSchema, toRequestBody(draft));
  const issues: FieldIssue[] = result.success
    ? []
    : result.error.issues.map((issue) => {
        const path = issue.path.map(String).join('.');
        return { path, ...issueKey(issue as ZodIssueLike, path, draft) };
      });
  const has = (path: string) => issues.some((issue) => issue.path === path);
  const channel = draft.preferences.channel;
  if ((channel === 'sms' || channel === 'phone') && draft.phone.trim() === '' && !has('phone')) {
    issues.push({ path: 'phone', key: 'phoneForChannel' });
  }
  const seen = new Set<string>();
  draft.recipients.forEach((recipient, index) => {
    const email = recipient.email.trim().toLowerCase();
    if (email === '') return;
    const path = `recipients.${index}.email`;
    if (seen.has(email) && !has(path)) issues.push({ path, key: 'duplicateRecipient' });
    seen.add(email);
  });
  if (issues.length > 0) return { ok: false, issues: sortIssues(issues, draft) };
  return { ok: true, body: (result as { data: ContactDetails }).data };
}

/** Issues in the order of the form, so the summary reads top to bottom. */
function sortIssues(issues: FieldIssue[], draft: ContactDraft): FieldIssue[] {
  const order = (path: string) => {
    const recipient = /^recipients\.(\d+)\.(name|email)$/.exec(path);
    const base = recipient ? 'recipients' : path;
    const leaf = DRAFT_LEAVES.indexOf(base as DraftLeafPath);
    const within = recipient ? Number(recipient[1]) * 2 + (recipient[2] === 'email' ? 1 : 0) : 0;
    return (leaf === -1 ? DRAFT_LEAVES.length : leaf) * 1000 + Math.min(within, draft.recipients.length * 2);
  };
  return [...issues].sort((a, b) => order(a.path) - order(b.path));
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

/** What a save sends: the checked body and the ETag of the version the customer edited. */
interface SaveInput {
  body: ContactDetails;
  etag: string;
}

/** Where the screen stands, for the view. */
export type ContactDetailsPhase = 'editing' | 'saving' | 'saved' | 'invalid' | 'conflict' | 'failed';

/**
 * The contact details screen's model: the record with its ETag, the customer's draft, field
 * issues (client check and server 422), saving with If-Match and one idempotency key per save,
 * a conflict (412) resolved by applying the customer's edit again on top of the new version,
 * and a failed save that keeps the draft and can be retried as it was.
 */
export function createContactDetailsModel(context: StoreContext) {
  const record = createQuery(context, 'getContactDetails', (client, options) => client.getContactDetails(options));
  /** The version the draft started from (the If-Match of the next save). */
  const base = signal<Versioned<ContactDetails> | undefined>(undefined);
  const draft = signal<ContactDraft | undefined>(undefined);
  const issues = signal<FieldIssue[]>([]);
  const conflict = signal<Conflict | undefined>(undefined);
  /** Set after a successful save until the next edit: which top-level fields it changed. */
  const saved = signal<ContactField[] | undefined>(undefined);
  /** Bumped whenever the customer should be taken to the outcome (summary, alert, status). */
  const outcomeSeq = signal(0);
  const resolving = signal(false);
  let lastInput: SaveInput | undefined;

  const save = createMutation(context, 'updateContactDetails', (client, input: SaveInput, options) =>
    client.updateContactDetails(input.body, input.etag, options),
  );

  const baseDraft = computed(() => (base.value ? toDraft(base.value.value) : undefined));
  const dirty = computed(() => {
    const start = baseDraft.value;
    const now = draft.value;
    return !!start && !!now && DRAFT_LEAVES.some((path) => !sameLeaf(leafOf(start, path), leafOf(now, path)));
  });
  const phase = computed<ContactDetailsPhase>(() => {
    if (save.status.value === 'pending' || resolving.value) return 'saving';
    if (conflict.value) return 'conflict';
    if (issues.value.length > 0) return 'invalid';
    if (save.status.value === 'error') return 'failed';
    if (saved.value) return 'saved';
    return 'editing';
  });

  function start(version: Versioned<ContactDetails>): void {
    batch(() => {
      base.value = version;
      draft.value = toDraft(version.value);
    });
  }

  /** Loads the record (once); a draft in progress is kept when the customer comes back. */
  async function load(): Promise<void> {
    const loaded = await record.ensure();
    if (loaded && !draft.peek()) start(loaded);
  }

  /** Loads again after a failed load ("Try again"). */
  async function reload(): Promise<void> {
    const loaded = await record.reload();
    if (loaded && !dirty.peek()) start(loaded);
  }

  /** Applies an edit. The confirmation of an earlier save goes; a field's issue goes once it is edited. */
  function edit(change: (current: ContactDraft) => ContactDraft, touched?: string): void {
    const current = draft.peek();
    if (!current) return;
    batch(() => {
      draft.value = change(current);
      saved.value = undefined;
      if (touched !== undefined) issues.value = issues.peek().filter((issue) => issue.path !== touched);
    });
  }

  /** Sets one text field (or the channel) of the draft. */
  function setField(path: Exclude<DraftLeafPath, 'recipients'>, value: string): void {
    edit((current) => withLeaf(current, path, value), path);
  }

  /** Adds an empty recipient row; returns its key (the view focuses its name field). */
  function addRecipient(): string | undefined {
    const current = draft.peek();
    if (!current || current.recipients.length >= MAX_RECIPIENTS) return undefined;
    const key = newRecipientKey();
    edit((d) => ({ ...d, recipients: [...d.recipients, { key, name: '', email: '' }] }), 'recipients');
    return key;
  }

  /** Changes a recipient's name or email. */
  function setRecipient(key: string, field: 'name' | 'email', value: string): void {
    const index = draft.peek()?.recipients.findIndex((r) => r.key === key) ?? -1;
    edit(
      (d) => ({ ...d, recipients: d.recipients.map((r) => (r.key === key ? { ...r, [field]: value } : r)) }),
      `recipients.${index}.${field}`,
    );
  }

  /** Removes a recipient row (saved with the rest of the form). */
  function removeRecipient(key: string): void {
    const current = draft.peek();
    if (!current) return;
    const index = current.recipients.findIndex((r) => r.key === key);
    if (index === -1) return;
    batch(() => {
      edit((d) => ({ ...d, recipients: d.recipients.filter((r) => r.key !== key) }));
      // Issues of later rows shift up by one; the removed row's issues go.
      issues.value = issues.peek().flatMap((issue) => {
        const match = /^recipients\.(\d+)\.(.+)$/.exec(issue.path);
        if (!match) return [issue];
        const i = Number(match[1]);
        if (i === index) return [];
        return [i > index ? { ...issue, path: `recipients.${i - 1}.${match[2]}` } : issue];
      });
    });
  }

  /** Puts the form back to the saved version. */
  function discard(): void {
    const version = base.peek();
    if (!version) return;
    batch(() => {
      start(version);
      issues.value = [];
      conflict.value = undefined;
      saved.value = undefined;
      save.reset();
    });
  }

  async function send(input: SaveInput): Promise<void> {
    lastInput = input;
    const before = base.peek();
    const result = await save.submit(input);
    if (result) {
      batch(() => {
        base.value = result;
        draft.value = toDraft(result.value);
        issues.value = [];
        conflict.value = undefined;
        saved.value = before ? changedFields(before.value, result.value) : [...TOP_LEVEL_FIELDS];
        outcomeSeq.value++;
      });
      record.set(result);
      context.reportChange({ type: 'contact-details-updated', changedFields: [...saved.peek()!] });
      // The account carries the customer's locale (the reference server keeps it equal to the
      // preferred language), so the portal speaks the newly chosen language from now on.
      void context.refreshAccount();
      return;
    }
    const error = save.error.peek();
    if (!error) return;
    if (error.kind === 'conflict') await showConflict();
    else if (error.kind === 'validation' && error.fields.length > 0) {
      batch(() => {
        issues.value = sortIssues(issuesFromServer(error.fields, draft.peek()!), draft.peek()!);
        outcomeSeq.value++;
      });
    } else outcomeSeq.value++;
  }

  /** Someone else saved first: fetch their version and show it beside the customer's. */
  async function showConflict(): Promise<void> {
    const client = context.client();
    const start = baseDraft.peek();
    const mine = draft.peek();
    if (!client || !start || !mine) return;
    const tracked = context.track();
    resolving.value = true;
    try {
      const current = await client.getContactDetails({ signal: tracked.signal });
      const theirs = toDraft(current.value);
      const changes = conflictChanges(start, theirs, mine);
      const check = checkDraft(mine);
      if (check.ok && changedFields(check.body, current.value).length === 0) {
        // What is saved now is exactly what the customer sent (e.g. an earlier attempt of this
        // very save went through but its answer was lost): nothing to resolve.
        const fields = changedFields(base.peek()!.value, current.value);
        batch(() => {
          base.value = current;
          draft.value = theirs;
          save.reset();
          saved.value = fields;
          outcomeSeq.value++;
        });
        record.set(current);
        context.reportChange({ type: 'contact-details-updated', changedFields: [...fields] });
        void context.refreshAccount();
        return;
      }
      batch(() => {
        conflict.value = { current, changes };
        if (changes.length > 0) outcomeSeq.value++;
      });
      // Saved again with the very same values (only the version moved): nothing to show or
      // decide, so the customer's edit goes on top at once.
      if (changes.length === 0) {
        resolving.value = false;
        await applyAgain();
      }
    } catch (cause) {
      const error = toBillfoldError(cause, 'getContactDetails');
      if (error.kind !== 'aborted') {
        context.reportError(error, 'getContactDetails');
        outcomeSeq.value++;
      }
    } finally {
      resolving.value = false;
      tracked.done();
    }
  }

  /**
   * Checks the draft and saves it with If-Match. Returns false when the draft has issues (shown
   * beside the fields and in the summary).
   */
  async function submit(): Promise<boolean> {
    const current = draft.peek();
    const version = base.peek();
    if (!current || !version || phase.peek() === 'saving') return false;
    const check = checkDraft(current);
    if (!check.ok) {
      batch(() => {
        issues.value = check.issues;
        saved.value = undefined;
        outcomeSeq.value++;
      });
      return false;
    }
    batch(() => {
      issues.value = [];
      conflict.value = undefined;
      saved.value = undefined;
    });
    await send({ body: check.body, etag: version.etag });
    return true;
  }

  /**
   * Repeats the failed save as it was: same body and ETag. When the outcome was unknown (no
   * answer, a gateway's 502/503/504) it also goes with the same idempotency key, so the server
   * acts once; after a definite failure (500) it is a new attempt, and If-Match keeps it from
   * saving twice (a save that did go through turns the retry into a 412 that {@link showConflict}
   * recognises as "already saved").
   */
  async function retry(): Promise<void> {
    if (lastInput) await send(lastInput);
  }

  /** One click after a conflict: the customer's edit on top of the current version, saved. */
  async function applyAgain(): Promise<void> {
    const found = conflict.peek();
    const start = baseDraft.peek();
    const mine = draft.peek();
    if (!found || !start || !mine) return;
    const merged = reapply(start, toDraft(found.current.value), mine);
    batch(() => {
      base.value = found.current;
      draft.value = merged;
      conflict.value = undefined;
      save.reset();
    });
    record.set(found.current);
    await submit();
  }

  /** After a conflict: drop the customer's edit and take the version saved meanwhile. */
  function useTheirs(): void {
    const found = conflict.peek();
    if (!found) return;
    record.set(found.current);
    batch(() => {
      start(found.current);
      conflict.value = undefined;
      issues.value = [];
      save.reset();
    });
  }

  return {
    /** The load of the record. */
    record: record.state,
    draft: draft as ReadonlySignal<ContactDraft | undefined>,
    /** The saved version the draft is based on (its ETag goes out as If-Match). */
    base: base as ReadonlySignal<Versioned<ContactDetails> | undefined>,
    issues: issues as ReadonlySignal<FieldIssue[]>,
    conflict: conflict as ReadonlySignal<Conflict | undefined>,
    /** The top-level fields the last save changed, until the next edit. */
    saved: saved as ReadonlySignal<ContactField[] | undefined>,
    /** The failure of the last save (network, server, session) when it is not a conflict or 422. */
    saveError: computed<BillfoldError | undefined>(() =>
      phase.value === 'failed' ? save.error.value : undefined,
    ),
    phase,
    dirty,
    /** Changes each time there is an outcome to move focus to (summary, alert, confirmation). */
    outcomeSeq: outcomeSeq as ReadonlySignal<number>,
    load,
    reload,
    setField,
    addRecipient,
    setRecipient,
    removeRecipient,
    discard,
    submit,
    retry,
    applyAgain,
    useTheirs,
  };
}

/** The contact details screen's model. */
export type ContactDetailsModel = ReturnType<typeof createContactDetailsModel>;
