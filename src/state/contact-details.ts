import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BillfoldError } from '../api/errors.ts';
import type { Versioned } from '../api/types.ts';
import { ContactDetailsUpdateSchema, type ContactDetails } from '../contract/index.ts';
import {
  DRAFT_LEAVES,
  draftRules,
  FORM_ORDER,
  leafOf,
  newRecipientKey,
  sameLeaf,
  toDraft,
  toRequestBody,
  withLeaf,
  type ContactDraft,
  type DraftLeafPath,
} from './contact-details-draft.ts';
import { ALL_FIELDS, changedFields, conflictChanges, reapply, type Conflict, type ContactField } from './contact-details-merge.ts';
import { issuesFromSchema, type FieldIssue } from './field-issues.ts';
import { createForm } from './form.ts';
import { createQuery, toBillfoldError, type StoreContext } from './remote.ts';

export * from './contact-details-draft.ts';
export * from './contact-details-merge.ts';

/** The outcome of checking a draft before sending it. */
export type DraftCheck = { ok: true; body: ContactDetails } | { ok: false; issues: FieldIssue[] };

/** Checks a draft as a save would: the contract's schema and {@link draftRules}. */
export function checkDraft(draft: ContactDraft): DraftCheck {
  const own = draftRules(draft);
  const body = toRequestBody(draft);
  const paths = new Set(own.map((issue) => issue.path));
  const issues = [...own, ...issuesFromSchema(ContactDetailsUpdateSchema, body).filter((issue) => !paths.has(issue.path))];
  if (issues.length > 0) return { ok: false, issues: sortByForm(issues) };
  return { ok: true, body: ContactDetailsUpdateSchema.parse(body) };
}

function sortByForm(issues: FieldIssue[]): FieldIssue[] {
  const rank = (path: string) => {
    const index = FORM_ORDER.findIndex((p) => path === p || path.startsWith(`${p}.`));
    return index === -1 ? FORM_ORDER.length : index;
  };
  const row = (path: string) => Number(/\.(\d+)\./.exec(path)?.[1] ?? -1);
  return [...issues].sort((a, b) => rank(a.path) - rank(b.path) || row(a.path) - row(b.path));
}

/** Where the screen stands, for the view. */
export type ContactDetailsPhase = 'editing' | 'saving' | 'saved' | 'invalid' | 'conflict' | 'failed';

/** A placeholder draft until the record is loaded (never shown: the view waits for `draft`). */
const UNLOADED: ContactDraft = toDraft({
  name: '',
  email: '',
  billingAddress: { line1: '', city: '', postalCode: '', country: '' },
  recipients: [],
  preferences: { channel: 'email', reminderDaysBefore: 0, language: 'en' },
});

/**
 * The contact details screen's model: the record with its ETag, the customer's draft (one form:
 * field issues from the contract and the server's 422, one idempotency key per save), saving with
 * If-Match, a conflict (412) resolved by applying the customer's edit again on top of the new
 * version, and a failed save that keeps the draft and can be retried as it was.
 */
export function createContactDetailsModel(context: StoreContext) {
  const record = createQuery(context, 'getContactDetails', (client, options) => client.getContactDetails(options));
  /** The version the draft started from (the If-Match of the next save). */
  const base = signal<Versioned<ContactDetails> | undefined>(undefined);
  const conflict = signal<Conflict | undefined>(undefined);
  /** Set after a successful save until the next edit: which top-level fields it changed. */
  const saved = signal<ContactField[] | undefined>(undefined);
  /** Set after "Undo my changes" until the next edit, so the customer hears what happened. */
  const undone = signal(false);
  const resolving = signal(false);

  const form = createForm(context, {
    operation: 'updateContactDetails',
    schema: ContactDetailsUpdateSchema,
    initial: UNLOADED,
    toBody: toRequestBody,
    check: draftRules,
    fields: FORM_ORDER,
    fallbackField: 'name',
    send: (client, body, options) => client.updateContactDetails(body, base.peek()!.etag, options),
    onDone: (result) => {
      const before = base.peek();
      accept(result, before ? changedFields(before.value, result.value) : [...ALL_FIELDS]);
    },
    onFailed: async (error) => {
      if (error.kind !== 'conflict') return false;
      await showConflict();
      return true;
    },
  });

  const draft = computed(() => (base.value ? form.draft.value : undefined));
  context.onInvalidate?.('contact-details', () => {
    // Saved elsewhere meanwhile: the form follows unless the customer is editing it.
    if (record.state.peek().status === 'ready' && !dirty.peek() && !form.busy.peek()) void reload();
  });
  const baseDraft = computed(() => (base.value ? toDraft(base.value.value) : undefined));
  const dirty = computed(() => {
    const start = baseDraft.value;
    const now = draft.value;
    return !!start && !!now && DRAFT_LEAVES.some((path) => !sameLeaf(leafOf(start, path), leafOf(now, path)));
  });
  const phase = computed<ContactDetailsPhase>(() => {
    if (form.busy.value || resolving.value) return 'saving';
    if (conflict.value) return 'conflict';
    if (form.issues.value.length > 0) return 'invalid';
    if (form.failure.value) return 'failed';
    if (saved.value) return 'saved';
    return 'editing';
  });

  /** The draft starts (again) from a saved version. */
  function start(version: Versioned<ContactDetails>): void {
    batch(() => {
      base.value = version;
      form.reset(toDraft(version.value));
    });
  }

  /** A save went through (now, or earlier with its answer lost): show it, tell the host. */
  function accept(version: Versioned<ContactDetails>, fields: ContactField[]): void {
    batch(() => {
      start(version);
      conflict.value = undefined;
      saved.value = fields;
      form.announce();
    });
    record.set(version);
    // The account carries the customer's locale (the reference server keeps it equal to the
    // preferred language): the store's refresh of the account makes the portal speak it.
    context.reportChange({ type: 'contact-details-updated', changedFields: [...fields] });
  }

  /** Loads the record (once); a draft in progress is kept when the customer comes back. */
  async function load(): Promise<void> {
    const loaded = await record.ensure();
    if (loaded && !base.peek()) start(loaded);
  }

  /** Loads again after a failed load ("Try again"). */
  async function reload(): Promise<void> {
    const loaded = await record.reload();
    if (loaded && !dirty.peek()) start(loaded);
  }

  /** Applies an edit. The confirmation of an earlier save goes; a field's issue goes once it is edited. */
  function edit(change: (current: ContactDraft) => ContactDraft, touched?: string): void {
    if (!base.peek()) return;
    batch(() => {
      form.edit(change, touched);
      saved.value = undefined;
      undone.value = false;
    });
  }

  /** Someone else saved first: fetch their version and show it beside the customer's. */
  async function showConflict(): Promise<void> {
    const client = context.client();
    const first = baseDraft.peek();
    const mine = draft.peek();
    if (!client || !first || !mine) return;
    const tracked = context.track();
    resolving.value = true;
    try {
      const current = await client.getContactDetails({ signal: tracked.signal });
      const theirs = toDraft(current.value);
      const changes = conflictChanges(first, theirs, mine);
      const check = checkDraft(mine);
      if (check.ok && changedFields(check.body, current.value).length === 0) {
        // What is saved now is exactly what the customer sent (e.g. an earlier attempt of this
        // very save went through but its answer was lost): nothing to resolve.
        accept(current, changedFields(base.peek()!.value, current.value));
        return;
      }
      batch(() => {
        conflict.value = { current, changes };
        if (changes.length > 0) form.announce();
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
        form.fail(error);
      }
    } finally {
      resolving.value = false;
      tracked.done();
    }
  }

  /** Checks the draft and saves it with If-Match; false when the draft has issues. */
  async function submit(): Promise<boolean> {
    if (!base.peek() || phase.peek() === 'saving') return false;
    batch(() => {
      conflict.value = undefined;
      saved.value = undefined;
    });
    await form.submit();
    return form.issues.peek().length === 0 || form.failure.peek() !== undefined;
  }

  /** One click after a conflict: the customer's edit on top of the current version, saved. */
  async function applyAgain(): Promise<void> {
    const found = conflict.peek();
    const first = baseDraft.peek();
    const mine = draft.peek();
    if (!found || !first || !mine) return;
    const merged = reapply(first, toDraft(found.current.value), mine);
    batch(() => {
      base.value = found.current;
      form.reset(merged);
      conflict.value = undefined;
    });
    record.set(found.current);
    await submit();
  }

  return {
    /** The load of the record. */
    record: record.state,
    /** The form (its status is what `FormShell` shows). */
    form,
    draft: draft as ReadonlySignal<ContactDraft | undefined>,
    /** The saved version the draft is based on (its ETag goes out as If-Match). */
    base: base as ReadonlySignal<Versioned<ContactDetails> | undefined>,
    issues: form.issues,
    conflict: conflict as ReadonlySignal<Conflict | undefined>,
    /** The top-level fields the last save changed, until the next edit. */
    saved: saved as ReadonlySignal<ContactField[] | undefined>,
    /** The failure of the last save (network, server, session) when it is not a conflict or 422. */
    saveError: form.failure as ReadonlySignal<BillfoldError | undefined>,
    phase,
    dirty,
    load,
    reload,
    /** Sets one text field (or the channel) of the draft. */
    setField(path: Exclude<DraftLeafPath, 'recipients'>, value: string): void {
      edit((current) => withLeaf(current, path, value), path);
    },
    /** Adds an empty recipient row; returns its key (the view focuses its name field). */
    addRecipient(): string | undefined {
      const current = draft.peek();
      if (!current || current.recipients.length >= (form.rules('recipients').maxLength ?? Infinity)) return undefined;
      const key = newRecipientKey();
      edit((d) => ({ ...d, recipients: [...d.recipients, { key, name: '', email: '' }] }), 'recipients');
      return key;
    },
    /** Changes a recipient's name or email. */
    setRecipient(key: string, field: 'name' | 'email', value: string): void {
      const index = draft.peek()?.recipients.findIndex((r) => r.key === key) ?? -1;
      edit(
        (d) => ({ ...d, recipients: d.recipients.map((r) => (r.key === key ? { ...r, [field]: value } : r)) }),
        `recipients.${index}.${field}`,
      );
    },
    /** Removes a recipient row (saved with the rest of the form); later rows' issues move up. */
    removeRecipient(key: string): void {
      const current = draft.peek();
      const index = current?.recipients.findIndex((r) => r.key === key) ?? -1;
      if (index === -1) return;
      batch(() => {
        edit((d) => ({ ...d, recipients: d.recipients.filter((r) => r.key !== key) }));
        form.setIssues(
          form.issues.peek().flatMap((issue) => {
            const match = /^recipients\.(\d+)\.(.+)$/.exec(issue.path);
            if (!match) return [issue];
            const i = Number(match[1]);
            if (i === index) return [];
            return [i > index ? { ...issue, path: `recipients.${i - 1}.${match[2]}` } : issue];
          }),
        );
      });
    },
    /** Puts the form back to the saved version, and takes the customer to the word that it did. */
    discard(): void {
      const version = base.peek();
      if (!version) return;
      batch(() => {
        start(version);
        conflict.value = undefined;
        saved.value = undefined;
        undone.value = true;
        form.announce();
      });
    },
    /** The form was put back to the saved version ("Undo my changes"), until the next edit. */
    undone: undone as ReadonlySignal<boolean>,
    submit,
    /**
     * Repeats the failed save. When the outcome was unknown (no answer, a gateway's 502/503/504)
     * it goes with the same idempotency key, so the server acts once; after a definite failure it
     * is a new attempt, and If-Match keeps it from saving twice (a save that did go through turns
     * the retry into a 412 that {@link showConflict} recognises as "already saved").
     */
    retry: () => submit(),
    applyAgain,
    /** After a conflict: drop the customer's edit and take the version saved meanwhile. */
    useTheirs(): void {
      const found = conflict.peek();
      if (!found) return;
      record.set(found.current);
      batch(() => {
        start(found.current);
        conflict.value = undefined;
      });
    },
  };
}

/** The contact details screen's model. */
export type ContactDetailsModel = ReturnType<typeof createContactDetailsModel>;
