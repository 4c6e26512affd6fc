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

/** The public event class of each change the store reports. */
const CHANGE_EVENTS = {
  'payment-made': BillfoldPaymentMadeEvent,
  'payment-method-added': BillfoldPaymentMethodAddedEvent,
  'payment-method-removed': BillfoldPaymentMethodRemovedEvent,
  'payment-method-default': BillfoldPaymentMethodDefaultEvent,
  'contact-details-updated': BillfoldContactDetailsUpdatedEvent,
  'billing-cycle-changed': BillfoldBillingCycleChangedEvent,
  'payment-plan-requested': BillfoldPaymentPlanRequestedEvent,
  'question-asked': BillfoldQuestionAskedEvent,
  'callback-requested': BillfoldCallbackRequestedEvent,
  'feedback-sent': BillfoldFeedbackSentEvent,
} as const;

/** Detail type of each change as the public event declares it. */
type PublicDetails = { [T in keyof typeof CHANGE_EVENTS]: InstanceType<(typeof CHANGE_EVENTS)[T]>['detail'] };

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
  // The checks above make the detail of each change the one its class takes.
  const EventClass = CHANGE_EVENTS[type] as new (detail: unknown) => Event;
  return new EventClass(detail);
}
