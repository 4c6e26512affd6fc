/**
 * The portal's events: names, classes and the shape of each `detail`. The public types here are
 * written out rather than imported from `state/`, whose declarations need `@preact/signals`:
 * the package's types must stand with none of the bundled libraries installed.
 * `change-events.ts` proves at compile time that they match the store's.
 */
import type { BillfoldError } from '../api/errors.ts';

/** The names of every event the portal dispatches: the tag name plus what happened. */
export const BillfoldEvents = {
  ready: 'billfold-ready',
  error: 'billfold-error',
  viewChange: 'billfold-view-change',
  sessionExpired: 'billfold-session-expired',
  paymentMade: 'billfold-payment-made',
  paymentMethodAdded: 'billfold-payment-method-added',
  paymentMethodRemoved: 'billfold-payment-method-removed',
  paymentMethodDefault: 'billfold-payment-method-default',
  contactDetailsUpdated: 'billfold-contact-details-updated',
  billingCycleChanged: 'billfold-billing-cycle-changed',
  paymentPlanRequested: 'billfold-payment-plan-requested',
  questionAsked: 'billfold-question-asked',
  callbackRequested: 'billfold-callback-requested',
  feedbackSent: 'billfold-feedback-sent',
} as const;

// Every portal event bubbles and is composed, so a host can listen on any ancestor, across
// shadow roots of its own components.
const init: EventInit = { bubbles: true, composed: true };

/** The first data is on screen. */
export class BillfoldReadyEvent extends Event {
  constructor() {
    super(BillfoldEvents.ready, init);
  }
}

/** A load failed; the portal already shows the customer an error. For logging and monitoring. */
export class BillfoldErrorEvent extends Event {
  /** What went wrong (`kind`, `status`, `code`, zod `issues` for unexpected responses). */
  readonly error: BillfoldError;
  /** The client operation that failed, e.g. `getAccount`. */
  readonly operation: string;

  constructor(error: BillfoldError, operation: string) {
    super(BillfoldEvents.error, init);
    this.error = error;
    this.operation = operation;
  }
}

/** The portal's screens, as the `view` attribute and `billfold-view-change` name them. */
export type BillfoldViewName =
  | 'overview'
  | 'invoices'
  | 'payment-methods'
  | 'contact-details'
  | 'billing-cycle'
  | 'payment-plan'
  | 'questions'
  | 'history'
  | 'contact';

/** The customer moved to another screen inside the portal (a host may mirror it in its URL). */
export class BillfoldViewChangeEvent extends Event {
  readonly view: BillfoldViewName;
  /** The record shown, for record screens (`invoices/<id>`). */
  readonly id: string | undefined;

  constructor(route: { view: BillfoldViewName; id?: string | undefined }) {
    super(BillfoldEvents.viewChange, init);
    this.view = route.view;
    this.id = route.id;
  }
}

/**
 * The session token expired and no fresh one could be had (`getSessionToken` missing or
 * failing): the host should sign the customer in again and set `sessionToken`.
 */
export class BillfoldSessionExpiredEvent extends Event {
  constructor() {
    super(BillfoldEvents.sessionExpired, init);
  }
}

/** What `billfold-payment-made` says: once `pending`, again `succeeded` or `failed` when it settled. */
export interface BillfoldPaymentMadeDetail {
  invoiceId: string;
  paymentId: string;
  status: 'pending' | 'succeeded' | 'failed';
}
/** Which payment method was added, removed or made the default. */
export interface BillfoldPaymentMethodDetail {
  paymentMethodId: string;
}
/** The top-level contact-details fields that changed (names, never values). */
export interface BillfoldContactDetailsUpdatedDetail {
  changedFields: string[];
}
/** The new billing interval and day. */
export interface BillfoldBillingCycleChangedDetail {
  interval: string;
  billingDay: number;
}
/** The requested plan and its status. */
export interface BillfoldPaymentPlanRequestedDetail {
  planId: string;
  status: string;
}
/** The question sent and the invoice it is about. */
export interface BillfoldQuestionAskedDetail {
  questionId: string;
  invoiceId: string;
}
/** The call-back request. */
export interface BillfoldCallbackRequestedDetail {
  callbackId: string;
}
/** The journey the feedback is about and its rating. */
export interface BillfoldFeedbackSentDetail {
  journey: string;
  rating: number;
}

/**
 * The base of the event of a change the customer completed: its name fixed, its `detail` typed.
 * `detail` says what changed, never secrets or card data. One class per change, so hosts can
 * `instanceof` and TypeScript knows each `detail`.
 */
function changeEventClass<Detail>(name: string) {
  return class extends Event {
    readonly detail: Detail;
    constructor(detail: Detail) {
      super(name, init);
      this.detail = detail;
    }
  };
}

/** A payment was submitted (`status` pending) — and again when it settled (succeeded/failed). */
export class BillfoldPaymentMadeEvent extends changeEventClass<BillfoldPaymentMadeDetail>(BillfoldEvents.paymentMade) {}
/** A payment method was added through the collector. */
export class BillfoldPaymentMethodAddedEvent extends changeEventClass<BillfoldPaymentMethodDetail>(BillfoldEvents.paymentMethodAdded) {}
/** A payment method was removed. */
export class BillfoldPaymentMethodRemovedEvent extends changeEventClass<BillfoldPaymentMethodDetail>(BillfoldEvents.paymentMethodRemoved) {}
/** A payment method became the default. */
export class BillfoldPaymentMethodDefaultEvent extends changeEventClass<BillfoldPaymentMethodDetail>(BillfoldEvents.paymentMethodDefault) {}
/** Contact details or preferences were saved; `changedFields` names the top-level fields. */
export class BillfoldContactDetailsUpdatedEvent extends changeEventClass<BillfoldContactDetailsUpdatedDetail>(BillfoldEvents.contactDetailsUpdated) {}
/** The billing interval or day changed. */
export class BillfoldBillingCycleChangedEvent extends changeEventClass<BillfoldBillingCycleChangedDetail>(BillfoldEvents.billingCycleChanged) {}
/** A payment plan or extension was requested. */
export class BillfoldPaymentPlanRequestedEvent extends changeEventClass<BillfoldPaymentPlanRequestedDetail>(BillfoldEvents.paymentPlanRequested) {}
/** A question about a charge was sent. */
export class BillfoldQuestionAskedEvent extends changeEventClass<BillfoldQuestionAskedDetail>(BillfoldEvents.questionAsked) {}
/** A call back was requested. */
export class BillfoldCallbackRequestedEvent extends changeEventClass<BillfoldCallbackRequestedDetail>(BillfoldEvents.callbackRequested) {}
/** Feedback was sent. */
export class BillfoldFeedbackSentEvent extends changeEventClass<BillfoldFeedbackSentDetail>(BillfoldEvents.feedbackSent) {}

/** The portal's events by name, for typed `addEventListener` on the element and its ancestors. */
export interface BillfoldEventMap {
  'billfold-ready': BillfoldReadyEvent;
  'billfold-error': BillfoldErrorEvent;
  'billfold-view-change': BillfoldViewChangeEvent;
  'billfold-session-expired': BillfoldSessionExpiredEvent;
  'billfold-payment-made': BillfoldPaymentMadeEvent;
  'billfold-payment-method-added': BillfoldPaymentMethodAddedEvent;
  'billfold-payment-method-removed': BillfoldPaymentMethodRemovedEvent;
  'billfold-payment-method-default': BillfoldPaymentMethodDefaultEvent;
  'billfold-contact-details-updated': BillfoldContactDetailsUpdatedEvent;
  'billfold-billing-cycle-changed': BillfoldBillingCycleChangedEvent;
  'billfold-payment-plan-requested': BillfoldPaymentPlanRequestedEvent;
  'billfold-question-asked': BillfoldQuestionAskedEvent;
  'billfold-callback-requested': BillfoldCallbackRequestedEvent;
  'billfold-feedback-sent': BillfoldFeedbackSentEvent;
}

declare global {
  interface HTMLElementEventMap extends BillfoldEventMap {}
  // The events bubble and are composed, so hosts often listen on the document.
  interface DocumentEventMap extends BillfoldEventMap {}
}
