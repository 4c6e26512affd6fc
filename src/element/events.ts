import type { BillfoldError } from '../api/errors.ts';
import type { PortalChange } from '../state/remote.ts';
import type { Route, ViewName } from '../state/routes.ts';

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

/** The customer moved to another screen inside the portal (a host may mirror it in its URL). */
export class BillfoldViewChangeEvent extends Event {
  readonly view: ViewName;
  /** The record shown, for record screens (`invoices/<id>`). */
  readonly id: string | undefined;

  constructor(route: Route) {
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

type ChangeOf<T extends PortalChange['type']> = Omit<Extract<PortalChange, { type: T }>, 'type'>;

/**
 * A change the customer completed. `detail` says what changed, never secrets or card data.
 * One class per change, so hosts can `instanceof` and TypeScript knows each `detail`.
 */
abstract class BillfoldChangeEvent<T extends PortalChange['type']> extends Event {
  readonly detail: ChangeOf<T>;
  constructor(name: string, detail: ChangeOf<T>) {
    super(name, init);
    this.detail = detail;
  }
}

/** A payment was submitted (`status` pending) — and again when it settled (succeeded/failed). */
export class BillfoldPaymentMadeEvent extends BillfoldChangeEvent<'payment-made'> {
  constructor(detail: ChangeOf<'payment-made'>) {
    super(BillfoldEvents.paymentMade, detail);
  }
}
/** A payment method was added through the collector. */
export class BillfoldPaymentMethodAddedEvent extends BillfoldChangeEvent<'payment-method-added'> {
  constructor(detail: ChangeOf<'payment-method-added'>) {
    super(BillfoldEvents.paymentMethodAdded, detail);
  }
}
/** A payment method was removed. */
export class BillfoldPaymentMethodRemovedEvent extends BillfoldChangeEvent<'payment-method-removed'> {
  constructor(detail: ChangeOf<'payment-method-removed'>) {
    super(BillfoldEvents.paymentMethodRemoved, detail);
  }
}
/** A payment method became the default. */
export class BillfoldPaymentMethodDefaultEvent extends BillfoldChangeEvent<'payment-method-default'> {
  constructor(detail: ChangeOf<'payment-method-default'>) {
    super(BillfoldEvents.paymentMethodDefault, detail);
  }
}
/** Contact details or preferences were saved; `changedFields` names the top-level fields. */
export class BillfoldContactDetailsUpdatedEvent extends BillfoldChangeEvent<'contact-details-updated'> {
  constructor(detail: ChangeOf<'contact-details-updated'>) {
    super(BillfoldEvents.contactDetailsUpdated, detail);
  }
}
/** The billing interval or day changed. */
export class BillfoldBillingCycleChangedEvent extends BillfoldChangeEvent<'billing-cycle-changed'> {
  constructor(detail: ChangeOf<'billing-cycle-changed'>) {
    super(BillfoldEvents.billingCycleChanged, detail);
  }
}
/** A payment plan or extension was requested. */
export class BillfoldPaymentPlanRequestedEvent extends BillfoldChangeEvent<'payment-plan-requested'> {
  constructor(detail: ChangeOf<'payment-plan-requested'>) {
    super(BillfoldEvents.paymentPlanRequested, detail);
  }
}
/** A question about a charge was sent. */
export class BillfoldQuestionAskedEvent extends BillfoldChangeEvent<'question-asked'> {
  constructor(detail: ChangeOf<'question-asked'>) {
    super(BillfoldEvents.questionAsked, detail);
  }
}
/** A call back was requested. */
export class BillfoldCallbackRequestedEvent extends BillfoldChangeEvent<'callback-requested'> {
  constructor(detail: ChangeOf<'callback-requested'>) {
    super(BillfoldEvents.callbackRequested, detail);
  }
}
/** Feedback was sent. */
export class BillfoldFeedbackSentEvent extends BillfoldChangeEvent<'feedback-sent'> {
  constructor(detail: ChangeOf<'feedback-sent'>) {
    super(BillfoldEvents.feedbackSent, detail);
  }
}

/** The typed event for a store change. */
export function changeEvent(change: PortalChange): Event {
  const { type, ...detail } = change;
  switch (type) {
    case 'payment-made':
      return new BillfoldPaymentMadeEvent(detail as ChangeOf<'payment-made'>);
    case 'payment-method-added':
      return new BillfoldPaymentMethodAddedEvent(detail as ChangeOf<'payment-method-added'>);
    case 'payment-method-removed':
      return new BillfoldPaymentMethodRemovedEvent(detail as ChangeOf<'payment-method-removed'>);
    case 'payment-method-default':
      return new BillfoldPaymentMethodDefaultEvent(detail as ChangeOf<'payment-method-default'>);
    case 'contact-details-updated':
      return new BillfoldContactDetailsUpdatedEvent(detail as ChangeOf<'contact-details-updated'>);
    case 'billing-cycle-changed':
      return new BillfoldBillingCycleChangedEvent(detail as ChangeOf<'billing-cycle-changed'>);
    case 'payment-plan-requested':
      return new BillfoldPaymentPlanRequestedEvent(detail as ChangeOf<'payment-plan-requested'>);
    case 'question-asked':
      return new BillfoldQuestionAskedEvent(detail as ChangeOf<'question-asked'>);
    case 'callback-requested':
      return new BillfoldCallbackRequestedEvent(detail as ChangeOf<'callback-requested'>);
    case 'feedback-sent':
      return new BillfoldFeedbackSentEvent(detail as ChangeOf<'feedback-sent'>);
  }
}

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
