import type { Money as MoneyValue } from '../contract/index.ts';
import { formatMoney } from '../i18n/format.ts';

/** Props of {@link Money}. */
export interface MoneyProps {
  value: MoneyValue;
  locale: string;
}

/** An amount in its own currency, formatted for the customer's locale. */
export function Money({ value, locale }: MoneyProps) {
  return <span class={value.amount < 0 ? 'money money-negative' : 'money'}>{formatMoney(value, locale)}</span>;
}
