import type { TFunction } from 'i18next';
import type { InvoiceStatus, PaymentMethod, PaymentStatus } from '../../contract/index.ts';
import type { BadgeTone } from '../../ui/status-badge.tsx';
import type { BillfoldError } from '../../api/errors.ts';
import { errorMessage } from '../error-message.ts';

/** The badge colour of each invoice status; the word always carries the meaning. */
export const INVOICE_TONE: Record<InvoiceStatus, BadgeTone> = {
  open: 'info',
  past_due: 'warning',
  processing: 'info',
  paid: 'ok',
  on_plan: 'info',
  void: 'info',
};

/** The badge colour of each payment status. */
export const PAYMENT_TONE: Record<PaymentStatus, BadgeTone> = {
  pending: 'info',
  succeeded: 'ok',
  failed: 'danger',
};

/** A saved payment method in words ("Visa ending in 4242, expires 08/2028"). */
export function methodLabel(t: TFunction, method: PaymentMethod): string {
  switch (method.type) {
    case 'card':
      return t('invoices.pay.card', {
        brand: method.brand,
        last4: method.last4,
        month: String(method.expMonth).padStart(2, '0'),
        year: method.expYear,
      });
    case 'bank_account':
      return t('invoices.pay.bank', { bank: method.bankName, last4: method.last4 });
    case 'wallet':
      return t('invoices.pay.wallet', { provider: method.provider, label: method.label }).trim();
  }
}

const quantityFormats = new Map<string, Intl.NumberFormat>();

/** A line's quantity in the customer's locale (metered usage may be fractional: 12.5 GB). */
export function formatQuantity(quantity: number, locale: string): string {
  let format = quantityFormats.get(locale);
  if (!format) quantityFormats.set(locale, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 })));
  return format.format(quantity);
}

/** A tax rate in the customer's locale ("19 %", "7.25%"). */
export function formatPercent(percent: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 3 }).format(percent / 100);
}

/** Backend codes a payment can be refused with, worded by the invoices strings. */
const PAY_CODES = new Set(['conflict', 'idempotency_in_progress', 'payment_method_required', 'invoice_on_plan']);

/** Words for a failed "Pay" request (not a failed payment: the request itself did not go through). */
export function payErrorMessage(t: TFunction, error: BillfoldError): string {
  if (error.code && PAY_CODES.has(error.code)) return t(`invoices.pay.error.${error.code}`);
  if (error.kind === 'validation') return t('invoices.pay.error.validation');
  return errorMessage(t, error);
}
