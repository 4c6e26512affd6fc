import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BillfoldError } from '../api/errors.ts';
import type { Versioned } from '../api/types.ts';
import type { BillingCycle, BillingInterval, CycleChangeRequest, CyclePreview, FieldError } from '../contract/index.ts';
import { createMutation, createQuery, toBillfoldError, type LoadState, type StoreContext } from './remote.ts';

/** Options of {@link createBillingCycleModel} (tests shorten the debounce). */
export interface BillingCycleModelOptions {
  /** How long the choice must rest before the server is asked for a preview. */
  debounceMs?: number;
}

/**
 * Where the change stands: choosing (with a preview below), confirming (the commitment in
 * words, one button away), or done (the new cycle and when it takes effect).
 */
export type CycleStep = 'choose' | 'confirm' | 'done';

/** What the customer saw confirmed: the new cycle and the preview they agreed to. */
export interface ConfirmedChange {
  cycle: BillingCycle;
  preview: CyclePreview;
}

/** What changed on the server while the customer was deciding (412). */
export interface CycleConflict {
  /** The cycle as it is now (someone changed it meanwhile). */
  current: BillingCycle;
}

/** The preview as it stands; `stale` while a newer choice waits for its own. */
export type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; data: CyclePreview }
  | { status: 'error'; error: BillfoldError };

const sameChoice = (a: CycleChangeRequest | undefined, b: CycleChangeRequest | undefined): boolean =>
  !!a && !!b && a.interval === b.interval && a.billingDay === b.billingDay;

/**
 * The billing cycle screen's model: the current cycle (with its ETag), the customer's choice,
 * a debounced server preview of that choice (which never changes anything), and the change
 * itself, sent with If-Match and one idempotency key per confirmation. A 412 reloads the cycle,
 * keeps the choice and asks the customer to confirm again; a 422 becomes field messages.
 */
export function createBillingCycleModel(context: StoreContext, options: BillingCycleModelOptions = {}) {
  const debounceMs = options.debounceMs ?? 350;
  const record = createQuery<Versioned<BillingCycle>>(context, 'getBillingCycle', (client, callOptions) =>
    client.getBillingCycle(callOptions),
  );
  const choice = signal<CycleChangeRequest | undefined>(undefined);
  const preview = signal<PreviewState>({ status: 'idle' });
  const step = signal<CycleStep>('choose');
  const conflict = signal<CycleConflict | undefined>(undefined);
  const fieldErrors = signal<FieldError[]>([]);
  const confirmed = signal<ConfirmedChange | undefined>(undefined);
  /** Changes each time there is an outcome to move focus to. */
  const outcomeSeq = signal(0);
  const change = createMutation<{ body: CycleChangeRequest; etag: string }, Versioned<BillingCycle>>(
    context,
    'changeBillingCycle',
    (client, { body, etag }, callOptions) => client.changeBillingCycle(body, etag, callOptions),
  );

  const current = computed<BillingCycle | undefined>(() => {
    const state = record.state.value;
    return state.status === 'ready' ? state.data.value : undefined;
  });
  /** Whether the choice differs from the cycle in force (only then is there anything to preview). */
  const isChange = computed(() => {
    const now = current.value;
    const chosen = choice.value;
    return !!now && !!chosen && !sameChoice(chosen, { interval: now.interval, billingDay: now.billingDay });
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The customer asked to review while the preview was loading. */
  let reviewWhenReady = false;
  let previewSeq = 0;
  /** Cancels the preview request in flight, if any. */
  let abortPreview: (() => void) | undefined;

  function cancelPreview(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    previewSeq++;
    abortPreview?.();
    abortPreview = undefined;
  }

  /** Asks the server what the current choice would do; the latest choice wins. */
  async function runPreview(): Promise<void> {
    timer = undefined;
    const client = context.client();
    const chosen = choice.peek();
    if (!client || !chosen || !isChange.peek()) return;
    abortPreview?.();
    const tracked = context.track();
    abortPreview = tracked.abort;
    const mine = ++previewSeq;
    preview.value = { status: 'loading' };
    try {
      const data = await client.previewBillingCycle(chosen, { signal: tracked.signal });
      if (mine !== previewSeq) return;
      preview.value = { status: 'ready', data };
      if (reviewWhenReady) {
        reviewWhenReady = false;
        review();
      }
    } catch (cause) {
      if (mine !== previewSeq) return;
      const error = toBillfoldError(cause, 'previewBillingCycle');
      if (error.kind === 'aborted' && tracked.signal.aborted) return;
      reviewWhenReady = false;
      batch(() => {
        preview.value = { status: 'error', error };
        if (error.kind === 'validation') fieldErrors.value = error.fields;
      });
      context.reportError(error, 'previewBillingCycle');
    } finally {
      tracked.done();
      if (abortPreview === tracked.abort) abortPreview = undefined;
    }
  }

  /** Schedules a preview of the choice after the debounce; nothing to preview when it is the current cycle. */
  function schedulePreview(): void {
    cancelPreview();
    if (!isChange.peek()) {
      preview.value = { status: 'idle' };
      return;
    }
    preview.value = { status: 'loading' };
    timer = setTimeout(() => void runPreview(), debounceMs);
  }

  /** Loads the cycle (once); the choice starts at the cycle in force. */
  async function load(): Promise<void> {
    const loaded = await record.ensure();
    if (loaded && !choice.peek()) choice.value = { interval: loaded.value.interval, billingDay: loaded.value.billingDay };
  }

  /** Loads again after a failed load ("Try again"). */
  async function reload(): Promise<void> {
    const loaded = await record.reload();
    if (loaded && !choice.peek()) choice.value = { interval: loaded.value.interval, billingDay: loaded.value.billingDay };
    if (loaded) schedulePreview();
  }

  /** The customer picks an interval or a billing day; the preview follows after a short rest. */
  function choose(next: Partial<CycleChangeRequest>): void {
    const base = choice.peek() ?? (current.peek() && { interval: current.peek()!.interval, billingDay: current.peek()!.billingDay });
    if (!base) return;
    const updated = { ...base, ...next };
    if (sameChoice(updated, choice.peek())) return;
    reviewWhenReady = false;
    batch(() => {
      choice.value = updated;
      confirmed.value = undefined;
      step.value = 'choose';
      if (next.billingDay !== undefined) fieldErrors.value = fieldErrors.peek().filter((f) => f.path !== 'billingDay');
      if (next.interval !== undefined) fieldErrors.value = fieldErrors.peek().filter((f) => f.path !== 'interval');
      change.reset();
    });
    schedulePreview();
  }

  /** Tries the preview again after it failed. */
  function retryPreview(): void {
    cancelPreview();
    void runPreview();
  }

  /**
   * To the confirm step, once the preview of the choice is on screen. Asked for while the preview
   * is still on its way (a quick keyboard user), the step follows as soon as it arrives.
   */
  function review(): void {
    const status = preview.peek().status;
    if (isChange.peek() && status === 'loading') {
      reviewWhenReady = true;
      return;
    }
    if (!isChange.peek() || status !== 'ready') return;
    batch(() => {
      step.value = 'confirm';
      change.reset();
      outcomeSeq.value++;
    });
  }

  /** Back from the confirm step to choosing; the choice stays. */
  function back(): void {
    batch(() => {
      step.value = 'choose';
      conflict.value = undefined;
      change.reset();
    });
  }

  /** Sends the confirmed change with the ETag of the cycle the customer saw. */
  async function confirm(): Promise<void> {
    const version = record.state.peek();
    const chosen = choice.peek();
    const shown = preview.peek();
    if (version.status !== 'ready' || !chosen || shown.status !== 'ready' || change.status.peek() === 'pending') return;
    const result = await change.submit({ body: chosen, etag: version.data.etag });
    if (result) {
      record.set(result);
      batch(() => {
        confirmed.value = { cycle: result.value, preview: shown.data };
        conflict.value = undefined;
        fieldErrors.value = [];
        step.value = 'done';
        choice.value = { interval: result.value.interval, billingDay: result.value.billingDay };
        preview.value = { status: 'idle' };
        outcomeSeq.value++;
      });
      context.reportChange({ type: 'billing-cycle-changed', interval: result.value.interval, billingDay: result.value.billingDay });
      void context.refreshAccount();
      return;
    }
    const error = change.error.peek();
    if (!error) return;
    if (error.kind === 'conflict') {
      await showConflict();
      return;
    }
    batch(() => {
      if (error.kind === 'validation' && error.fields.length > 0) {
        fieldErrors.value = error.fields;
        step.value = 'choose';
      }
      outcomeSeq.value++;
    });
  }

  /** Someone changed the cycle meanwhile: load it, keep the customer's choice, preview it again. */
  async function showConflict(): Promise<void> {
    const loaded = await record.reload();
    if (!loaded) {
      outcomeSeq.value++;
      return;
    }
    batch(() => {
      conflict.value = { current: loaded.value };
      if (sameChoice(choice.peek(), { interval: loaded.value.interval, billingDay: loaded.value.billingDay })) {
        // What they wanted is already in force: nothing left to confirm.
        step.value = 'choose';
        preview.value = { status: 'idle' };
      }
      outcomeSeq.value++;
    });
    // The preview depends on the cycle in force, which just changed.
    if (isChange.peek()) {
      cancelPreview();
      await runPreview();
    }
  }

  /** Starts over from the cycle in force (after a completed change, to change it again). */
  function startOver(): void {
    const now = current.peek();
    cancelPreview();
    batch(() => {
      step.value = 'choose';
      confirmed.value = undefined;
      conflict.value = undefined;
      fieldErrors.value = [];
      preview.value = { status: 'idle' };
      if (now) choice.value = { interval: now.interval, billingDay: now.billingDay };
      change.reset();
    });
  }

  return {
    /** The load of the cycle in force, with its ETag. */
    record: record.state as ReadonlySignal<LoadState<Versioned<BillingCycle>>>,
    current,
    choice: choice as ReadonlySignal<CycleChangeRequest | undefined>,
    isChange,
    preview: preview as ReadonlySignal<PreviewState>,
    step: step as ReadonlySignal<CycleStep>,
    conflict: conflict as ReadonlySignal<CycleConflict | undefined>,
    /** The server's 422 field errors (`billingDay`, `interval`). */
    fieldErrors: fieldErrors as ReadonlySignal<FieldError[]>,
    confirmed: confirmed as ReadonlySignal<ConfirmedChange | undefined>,
    /** The state of the change request. */
    changeStatus: change.status,
    /** A failure of the change that is neither a conflict nor a 422 (network, server, session). */
    changeError: computed<BillfoldError | undefined>(() => {
      const error = change.error.value;
      // A 422 without field errors has nothing to show beside a field: it is worded as a failure.
      return error && error.kind !== 'conflict' && !(error.kind === 'validation' && error.fields.length > 0) ? error : undefined;
    }),
    outcomeSeq: outcomeSeq as ReadonlySignal<number>,
    load,
    reload,
    choose,
    /** Shorthand for choosing an interval. */
    chooseInterval: (interval: BillingInterval) => choose({ interval }),
    /** Shorthand for choosing a billing day. */
    chooseDay: (billingDay: number) => choose({ billingDay }),
    retryPreview,
    review,
    back,
    confirm,
    startOver,
    dispose: cancelPreview,
  };
}

/** The billing cycle screen's model. */
export type BillingCycleModel = ReturnType<typeof createBillingCycleModel>;
