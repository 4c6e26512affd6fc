import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Versioned } from '../api/types.ts';
import { BillfoldError } from '../api/errors.ts';
import { CycleChangeRequestSchema, type BillingCycle, type BillingInterval, type CycleChangeRequest, type CyclePreview } from '../contract/index.ts';
import { issuesFromServer } from './field-issues.ts';
import { createForm } from './form.ts';
import { createQuery, toBillfoldError, type LoadState, type StoreContext } from './remote.ts';

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
  /** Whether the customer has a choice yet (the form's draft is a placeholder until the cycle loads). */
  const chosen = signal(false);
  const preview = signal<PreviewState>({ status: 'idle' });
  const step = signal<CycleStep>('choose');
  const conflict = signal<CycleConflict | undefined>(undefined);
  const confirmed = signal<ConfirmedChange | undefined>(undefined);
  /** The change, sent with If-Match of the cycle the customer saw and one idempotency key per confirmation. */
  const form = createForm(context, {
    operation: 'changeBillingCycle',
    schema: CycleChangeRequestSchema,
    initial: { interval: 'month', billingDay: 1 } as CycleChangeRequest,
    toBody: (draft) => draft,
    fields: ['interval', 'billingDay'],
    send: (client, body, callOptions) => {
      const version = record.state.peek();
      if (version.status !== 'ready') throw new BillfoldError('conflict', 'The billing cycle is not loaded.');
      return client.changeBillingCycle(body, version.data.etag, callOptions);
    },
    onDone: (result) => {
      record.set(result);
      confirmed.value = { cycle: result.value, preview: agreed! };
      conflict.value = undefined;
      step.value = 'done';
      form.reset({ interval: result.value.interval, billingDay: result.value.billingDay });
      preview.value = { status: 'idle' };
      context.reportChange({ type: 'billing-cycle-changed', interval: result.value.interval, billingDay: result.value.billingDay });
    },
    onFailed: async (error) => {
      if (error.kind === 'conflict') {
        await showConflict();
        return true;
      }
      // A refused day or interval goes back to choosing, where the message stands beside it.
      if (error.kind === 'validation' && error.fields.length > 0) step.value = 'choose';
      return false;
    },
  });
  const choice = computed<CycleChangeRequest | undefined>(() => (chosen.value ? form.draft.value : undefined));
  context.onInvalidate?.('billing-cycle', () => {
    if (record.state.peek().status === 'ready' && form.busy.peek() === false) void record.reload();
  });
  /** The preview the customer confirmed: the done step restates it. */
  let agreed: CyclePreview | undefined;

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
        if (error.kind === 'validation') form.setIssues(issuesFromServer(CycleChangeRequestSchema, error.fields));
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

  /** The choice starts at the cycle in force. */
  function startChoice(cycle: BillingCycle): void {
    if (chosen.peek()) return;
    batch(() => {
      form.reset({ interval: cycle.interval, billingDay: cycle.billingDay });
      chosen.value = true;
    });
  }

  /** Loads the cycle (once). */
  async function load(): Promise<void> {
    const loaded = await record.ensure();
    if (loaded) startChoice(loaded.value);
  }

  /** Loads again after a failed load ("Try again"). */
  async function reload(): Promise<void> {
    const loaded = await record.reload();
    if (loaded) {
      startChoice(loaded.value);
      schedulePreview();
    }
  }

  /** The customer picks an interval or a billing day; the preview follows after a short rest. */
  function choose(next: Partial<CycleChangeRequest>): void {
    const base = choice.peek() ?? (current.peek() && { interval: current.peek()!.interval, billingDay: current.peek()!.billingDay });
    if (!base) return;
    const updated = { ...base, ...next };
    if (sameChoice(updated, choice.peek())) return;
    reviewWhenReady = false;
    batch(() => {
      form.edit(() => updated);
      // The message of a field goes once the customer chose it again.
      form.setIssues(form.issues.peek().filter((issue) => !(issue.path in next)));
      chosen.value = true;
      confirmed.value = undefined;
      step.value = 'choose';
      form.dismiss();
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
      form.dismiss();
      form.announce();
    });
  }

  /** Back from the confirm step to choosing; the choice stays. */
  function back(): void {
    batch(() => {
      step.value = 'choose';
      conflict.value = undefined;
      form.dismiss();
      // The confirm step went away with the button pressed: the customer is taken to the choice.
      form.announce();
    });
  }

  /** Sends the confirmed change with the ETag of the cycle the customer saw. */
  async function confirm(): Promise<void> {
    const shown = preview.peek();
    if (record.state.peek().status !== 'ready' || !choice.peek() || shown.status !== 'ready') return;
    agreed = shown.data;
    await form.submit();
  }

  /** Someone changed the cycle meanwhile: load it, keep the customer's choice, preview it again. */
  async function showConflict(): Promise<void> {
    const loaded = await record.reload();
    if (!loaded) {
      form.announce();
      return;
    }
    batch(() => {
      conflict.value = { current: loaded.value };
      if (sameChoice(choice.peek(), { interval: loaded.value.interval, billingDay: loaded.value.billingDay })) {
        // What they wanted is already in force: nothing left to confirm.
        step.value = 'choose';
        preview.value = { status: 'idle' };
      }
      form.announce();
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
      preview.value = { status: 'idle' };
      if (now) form.reset({ interval: now.interval, billingDay: now.billingDay });
      form.announce();
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
    confirmed: confirmed as ReadonlySignal<ConfirmedChange | undefined>,
    /** The change: its status is what `FormShell` shows (field issues, failure, busy, outcome). */
    form,
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
