import type { TFunction } from 'i18next';
import type { BillfoldError } from '../../api/errors.ts';
import type { PaymentMethod } from '../../contract/index.ts';
import { errorMessage } from '../error-message.ts';

/** The strings' area key. */
export const K = 'payment-methods';

/** How a method is named in sentences and labels ("Visa ending in 4242"); never more than the last four. */
export function methodName(t: TFunction, method: PaymentMethod): string {
  switch (method.type) {
    case 'card':
      return t(`${K}.card`, { brand: method.brand, last4: method.last4 });
    case 'bank_account':
      return t(`${K}.bank`, { bank: method.bankName, last4: method.last4 });
    case 'wallet':
      return t(`${K}.wallet`, { provider: method.provider });
  }
}

/** The customer-facing sentence for a failed change; domain codes get their own words. */
export function changeErrorMessage(t: TFunction, error: BillfoldError): string {
  const code = error.code ?? error.fields?.[0]?.code;
  if (code && ['card_expired', 'invalid_token', 'token_used'].includes(code)) return t(`${K}.errors.${code}`);
  if (error.kind === 'not_found') return t(`${K}.errors.not_found`);
  if (error.kind === 'validation') return t(`${K}.errors.validation`);
  return errorMessage(t, error);
}

