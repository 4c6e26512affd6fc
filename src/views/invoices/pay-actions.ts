import type { TFunction } from 'i18next';
import type { Money, Payment, PaymentMethod } from '../../contract/index.ts';
import type { Route, ViewName } from '../../state/routes.ts';
import { formatMoney } from '../../i18n/format.ts';
import { localToday } from '../../lib/calendar.ts';
import { isCardExpired } from '../../lib/card.ts';
import type { FailureAction } from './payment-failure.tsx';

/** How pay controls move the customer elsewhere, and which screens exist for them. */
export interface PayNavigation {
  navigate: (route: Route) => void;
  /** Whether a screen exists and is enabled for this customer. */
  canOpen: (view: ViewName) => boolean;
}

/** What the pay controls need to know of an invoice (a summary, a detail or an overview row). */
export interface PayableInvoice {
  id: string;
  number: string;
  status: 'open' | 'past_due' | 'processing' | 'paid' | 'on_plan' | 'void';
  amountDue: Money;
}

/**
 * The methods a payment can be made with now: never a card that has expired (a charge on it
 * fails for certain), and, when `avoid` is given, not the method that just failed.
 */
export function usableMethods(methods: readonly PaymentMethod[], avoid?: string | null): PaymentMethod[] {
  const today = localToday();
  return methods.filter((m) => m.id !== avoid && !(m.type === 'card' && isCardExpired(m, today)));
}

/** What the customer can do about a failed payment, the backend's suggestion first. */
export function failureActions(
  t: TFunction,
  payment: Payment,
  nav: PayNavigation,
  payOther: (() => void) | undefined,
): FailureAction[] {
  const actions: FailureAction[] = [];
  const suggested = payment.failure?.suggestedAction;
  if (nav.canOpen('payment-methods')) {
    actions.push({
      label: t(payment.failure?.reason === 'card_expired' ? 'invoices.failure.updateCard' : 'invoices.failure.updateMethod'),
      onClick: () => nav.navigate({ view: 'payment-methods' }),
      primary: suggested === 'update_payment_method',
    });
  }
  if (payOther) {
    actions.push({ label: t('invoices.failure.payOther'), onClick: payOther, primary: suggested === 'pay_with_other_method' });
  }
  if (nav.canOpen('payment-plan')) {
    actions.push({
      label: t('invoices.failure.askPlan'),
      onClick: () => nav.navigate({ view: 'payment-plan' }),
      primary: suggested === 'request_payment_plan',
    });
  } else if (nav.canOpen('contact')) {
    actions.push({ label: t('invoices.failure.contactPlan'), onClick: () => nav.navigate({ view: 'contact' }) });
  }
  // The suggested step first; at most one primary button.
  const primary = actions.findIndex((a) => a.primary);
  if (primary > 0) actions.unshift(...actions.splice(primary, 1));
  if (primary === -1 && actions[0]) actions[0].primary = true;
  return actions;
}

/**
 * The words for a payment this portal follows: processing, then paid or failed — or, when it
 * takes long, that it is still on its way and there is no need to pay again. Never silence.
 */
export function paymentProgressText(t: TFunction, locale: string, payment: Payment, invoiceNumber: string, slow = false): string {
  const amount = formatMoney(payment.amount, locale);
  if (payment.status === 'pending') return t(slow ? 'invoices.pay.slow' : 'invoices.pay.processing', { amount });
  if (payment.status === 'succeeded') return t('invoices.pay.succeeded', { amount, number: invoiceNumber });
  return t('invoices.pay.failed', { amount });
}
