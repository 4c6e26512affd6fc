/// <reference path="./element/framework-types.d.ts" preserve="true" />
/**
 * `billfold`: the embeddable billing portal. Importing this module registers nothing and is safe
 * without a DOM (SSR); call {@link defineBillfoldPortal} in the browser, or import
 * `billfold/define`.
 */
export { defineBillfoldPortal, DEFAULT_TAG_NAME } from './element/define.ts';
export { BillfoldPortal, BillfoldAttributes, type BillfoldTheme } from './element/portal-element.ts';
export type {
  BillfoldPortalProperties,
  BillfoldPortalAttributes,
  BillfoldPortalEventHandlers,
  BillfoldPortalVueEventHandlers,
  BillfoldEventListener,
} from './element/portal-types.ts';
export {
  BillfoldEvents,
  BillfoldReadyEvent,
  BillfoldErrorEvent,
  BillfoldViewChangeEvent,
  BillfoldSessionExpiredEvent,
  BillfoldPaymentMadeEvent,
  BillfoldPaymentMethodAddedEvent,
  BillfoldPaymentMethodRemovedEvent,
  BillfoldPaymentMethodDefaultEvent,
  BillfoldContactDetailsUpdatedEvent,
  BillfoldBillingCycleChangedEvent,
  BillfoldPaymentPlanRequestedEvent,
  BillfoldQuestionAskedEvent,
  BillfoldCallbackRequestedEvent,
  BillfoldFeedbackSentEvent,
  type BillfoldEventMap,
  type BillfoldViewName,
  type BillfoldPaymentMadeDetail,
  type BillfoldPaymentMethodDetail,
  type BillfoldContactDetailsUpdatedDetail,
  type BillfoldBillingCycleChangedDetail,
  type BillfoldPaymentPlanRequestedDetail,
  type BillfoldQuestionAskedDetail,
  type BillfoldCallbackRequestedDetail,
  type BillfoldFeedbackSentDetail,
} from './element/events.ts';
export { BillfoldError, isBillfoldError, type BillfoldErrorKind, type BillfoldErrorInit } from './api/errors.ts';
export { createRestClient, type RestClientConfig } from './api/rest-client.ts';
export type { BillfoldClient, CallOptions, Versioned } from './api/types.ts';
export type { PaymentMethodCollector, CollectorContext, CollectorSession } from './payments/collector.ts';
export type { TranslationOverrides, TranslationStrings } from './i18n/translation-overrides.ts';
export { VIEWS, type ViewName } from './element/views.ts';
// Types only: re-exporting the contract's values would re-export zod's whole `z` namespace,
// which defeats tree-shaking (the schemas are for the server kit and the REST client).
export type * from './contract/index.ts';
