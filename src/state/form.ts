import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient, CallOptions } from '../api/types.ts';
import { z } from '../contract/index.ts';
import { issuesFromSchema, issuesFromServer, rulesAt, sortIssues, type FieldIssue } from './field-issues.ts';
import { createMutation, type StoreContext } from './remote.ts';

export type { FieldIssue } from './field-issues.ts';

/**
 * What every form shows, whatever it changes: the fields to fix, whether it is busy, a failure
 * that is not about a field, and a counter bumped at each outcome so the view can take the
 * customer there once. `FormShell` in `views/` renders exactly this.
 */
export interface FormStatus {
  /** The fields to fix, in the order the form shows them (own check or the server's 422). */
  readonly issues: ReadonlySignal<readonly FieldIssue[]>;
  /** A request is on its way; a second submit is ignored. */
  readonly busy: ReadonlySignal<boolean>;
  /** Why the last attempt failed, when it is not a field the customer can fix. */
  readonly failure: ReadonlySignal<BillfoldError | undefined>;
  /** Bumped at each outcome (refused, failed, done); 0 until the first. */
  readonly outcome: ReadonlySignal<number>;
}

/** A request body a form cannot send, and why (e.g. the payment provider refused the card). */
export interface Refusal {
  refused: readonly FieldIssue[];
}

/** Refuses to send, with the issues to show beside the fields. */
export function refuse(issues: readonly FieldIssue[]): Refusal {
  return { refused: issues };
}

function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'refused' in value;
}

/** How a form is built. */
export interface FormOptions<D, B, R> {
  /** The client operation, for errors reported to the host (`billfold-error`). */
  operation: string;
  /** The contract's schema of the request body: field issues and limits come from it. */
  schema: z.ZodMiniType<B>;
  /** The form's starting draft. */
  initial: D;
  /**
   * The draft in the contract's shape, before validation. May wait for something (a payment
   * provider's token) and may refuse with issues of its own.
   */
  toBody: (draft: D) => unknown | Refusal | Promise<unknown | Refusal>;
  /** Rules the schema cannot know (a phone number for SMS, no date in the past); they win over the schema's for their field. */
  check?: (draft: D) => FieldIssue[];
  /** The field paths in the order the form shows them; issues follow this order. */
  fields: readonly string[];
  /** Where a server issue about a field the form does not show lands. Default: the last field. */
  fallbackField?: string;
  /** Sends the checked body with the action's idempotency key. */
  send: (client: BillfoldClient, body: B, options: CallOptions) => Promise<R>;
  /** After the backend took it: update what shows it, tell the host. */
  onDone?: (result: R, body: B) => void;
  /**
   * A failure the model handles itself (a 412 conflict): return true and the form neither shows
   * it as a failure nor maps it to fields.
   */
  onFailed?: (error: BillfoldError) => boolean | Promise<boolean>;
}

/**
 * A form and the change it sends: the draft, field issues from the contract's own schema (so no
 * limit is ever copied), the server's 422 mapped onto the same fields, one idempotency key per
 * customer action (kept while the same body is retried after an unknown outcome, see
 * `createMutation`), and one set of names for where it stands ({@link FormStatus}).
 */
export function createForm<D, B, R>(context: StoreContext, options: FormOptions<D, B, R>) {
  const draft = signal<D>(options.initial);
  const issues = signal<readonly FieldIssue[]>([]);
  const failure = signal<BillfoldError | undefined>(undefined);
  const outcome = signal(0);
  const result = signal<R | undefined>(undefined);
  /** Set while `toBody` waits (a provider's token), so a double click cannot send twice. */
  const preparing = signal(false);
  const mutation = createMutation<B, R>(context, options.operation, options.send);
  const busy = computed(() => preparing.value || mutation.status.value === 'busy');
  const fallback = options.fallbackField ?? options.fields[options.fields.length - 1] ?? '';

  /** Ends an action: `apply` sets what shows the outcome, then the outcome counter moves. */
  function conclude(apply: () => void): void {
    batch(() => {
      apply();
      outcome.value++;
    });
  }

  /** The draft's issues: the form's own rules first, then the contract's for the other fields. */
  function issuesOf(body: unknown, current: D): FieldIssue[] {
    const own = options.check?.(current) ?? [];
    const fromSchema = issuesFromSchema(options.schema, body);
    const ownPaths = new Set(own.map((issue) => issue.path));
    const seen = new Set<string>();
    // One issue per field: the first the customer should fix.
    return sortIssues(
      [...own, ...fromSchema.filter((issue) => !ownPaths.has(issue.path))].filter((issue) => !seen.has(issue.path) && !!seen.add(issue.path)),
      options.fields,
    );
  }

  /**
   * Checks the draft and sends it. Resolves with the backend's answer, or `undefined` when the
   * draft has issues or the request failed (the draft stays as it was for "Try again").
   */
  async function submit(): Promise<R | undefined> {
    if (busy.peek()) return undefined;
    const current = draft.peek();
    preparing.value = true;
    let prepared: unknown;
    try {
      prepared = await options.toBody(current);
    } finally {
      preparing.value = false;
    }
    if (isRefusal(prepared)) {
      conclude(() => {
        issues.value = sortIssues(prepared.refused, options.fields);
        failure.value = undefined;
      });
      return undefined;
    }
    const found = issuesOf(prepared, current);
    if (found.length > 0) {
      conclude(() => {
        issues.value = found;
        failure.value = undefined;
      });
      return undefined;
    }
    const body = z.parse(options.schema, prepared);
    batch(() => {
      issues.value = [];
      failure.value = undefined;
    });
    const answer = await mutation.submit(body);
    if (answer !== undefined) {
      conclude(() => {
        result.value = answer;
        options.onDone?.(answer, body);
      });
      return answer;
    }
    const error = mutation.error.peek();
    if (!error) return undefined; // aborted: the element went away
    if (await options.onFailed?.(error)) return undefined;
    conclude(() => {
      if (error.kind === 'validation' && error.fields.length > 0) {
        issues.value = sortIssues(issuesFromServer(options.schema, error.fields, options.fields, fallback), options.fields);
      } else failure.value = error;
    });
    return undefined;
  }

  /** Applies an edit; the issue of the field it touched goes (the customer is fixing it). */
  function edit(change: (current: D) => D, touched?: string): void {
    batch(() => {
      draft.value = change(draft.peek());
      if (touched !== undefined) issues.value = issues.peek().filter((issue) => issue.path !== touched && !issue.path.startsWith(`${touched}.`));
    });
  }

  const status: FormStatus = { issues, busy, failure, outcome };

  return {
    ...status,
    /** The form as the customer left it. */
    draft: draft as ReadonlySignal<D>,
    /** The backend's answer to the last successful submit, until {@link reset}. */
    result: result as ReadonlySignal<R | undefined>,
    /** What `FormShell` renders. */
    status,
    /** Sets one top-level field. */
    set<K extends keyof D>(field: K, value: D[K]): void {
      edit((current) => ({ ...current, [field]: value }), String(field));
    },
    edit,
    /** Issues found outside a submit (a stale link's line, a server refusal the model words). */
    setIssues(next: readonly FieldIssue[]): void {
      issues.value = sortIssues(next, options.fields);
    },
    /** Shows a failure the model found itself and moves the customer to it. */
    fail(error: BillfoldError): void {
      conclude(() => void (failure.value = error));
    },
    /** Moves the customer to the outcome again (a conflict shown, a confirmation). */
    announce(): void {
      outcome.value++;
    },
    /** Starts over from `next` (or the initial draft): no issues, no failure, no result. */
    reset(next: D = options.initial): void {
      batch(() => {
        draft.value = next;
        issues.value = [];
        failure.value = undefined;
        result.value = undefined;
        mutation.reset();
      });
    },
    /** Forgets the outcome of the last attempt but keeps the draft (a dialog closed). */
    dismiss(): void {
      batch(() => {
        failure.value = undefined;
        mutation.reset();
      });
    },
    submit,
    /** The contract's rules for a field, e.g. `rules('note').maxLength`. */
    rules: (path: string) => rulesAt(options.schema, path),
  };
}

/** A form built by {@link createForm}. */
export type Form<D, B = unknown, R = unknown> = ReturnType<typeof createForm<D, B, R>>;
