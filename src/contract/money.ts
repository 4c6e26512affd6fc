import { z } from './zod.ts';

/** ISO 4217 currency code, upper case (`EUR`, `USD`, `JPY`). */
export const CurrencySchema = z.string().check(z.regex(/^[A-Z]{3}$/));
export type Currency = z.infer<typeof CurrencySchema>;

/**
 * An amount of money in integer minor units of its currency (cents for EUR, yen for JPY),
 * never a float. Negative for discounts, credits and refunds.
 */
export const MoneySchema = z.object({
  /** Integer minor units: 4208 is £42.08, 500 is ¥500. */
  amount: z.int(),
  currency: CurrencySchema,
});
export type Money = z.infer<typeof MoneySchema>;

/**
 * An exact decimal amount in minor units of a currency, as a string: `"24.5"` is 24.5 pence
 * (£0.245). Unit prices may hold fractions of the minor unit (like Stripe's
 * `unit_amount_decimal`); amounts never do.
 */
export const DecimalAmountSchema = z.string().check(z.regex(/^-?\d{1,15}(\.\d{1,12})?$/));
