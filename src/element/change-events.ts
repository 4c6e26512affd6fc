/**
 * Turns the store's changes into the element's typed events. Kept apart from `events.ts` so the
 * public declarations never reach into `state/` (see there); the checks below stop the build
 * when the public types and the store's drift apart.
 */
import type { PortalChange } from '../state/remote.ts';
import type { ViewName } from '../state/routes.ts';
import {
  BillfoldBillingCycleChangedEvent,
  BillfoldCallbackRequestedEvent,
  BillfoldContactDetailsUpdatedEvent,
  BillfoldFeedbackSentEvent,
  BillfoldPaymentMadeEvent,
  BillfoldPaymentMethodAddedEvent,
  BillfoldPaymentMethodDefaultEvent,
  BillfoldPaymentMethodRemovedEvent,
  BillfoldPaymentPlanRequestedEvent,
  BillfoldQuestionAskedEvent,
  type BillfoldViewName,
} from './events.ts';

type ChangeOf<T extends PortalChange['type']> = Omit<Extract<PortalChange, { type: T }>, 'type'>;

/** The same type both ways: `Same<A, B>` is `true` only then (and the checks below need `true`). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Detail type of each change as the public event declares it. */
interface PublicDetails {
  'payment-made': BillfoldPaymentMadeEvent['detail'];
  'payment-method-added': BillfoldPaymentMethodAddedEvent['detail'];
  'payment-method-removed': BillfoldPaymentMethodRemovedEvent['detail'];
  'payment-method-default': BillfoldPaymentMethodDefaultEvent['detail'];
  'contact-details-updated': BillfoldContactDetailsUpdatedEvent['detail'];
  'billing-cycle-changed': BillfoldBillingCycleChangedEvent['detail'];
  'payment-plan-requested': BillfoldPaymentPlanRequestedEvent['detail'];
  'question-asked': BillfoldQuestionAskedEvent['detail'];
  'callback-requested': BillfoldCallbackRequestedEvent['detail'];
  'feedback-sent': BillfoldFeedbackSentEvent['detail'];
}

type Expect<T extends true> = T;

/**
 * Compile-time only: fails to type-check when a screen or a change is added to the store but not
 * to the public types, or a detail's shape differs.
 */
export type PublicEventTypesMatchTheStore = [
  Expect<Same<ViewName, BillfoldViewName>>,
  Expect<Same<PortalChange['type'], keyof PublicDetails>>,
  Expect<Same<{ [T in PortalChange['type']]: ChangeOf<T> }, PublicDetails>>,
];

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
