import { z } from './zod.ts';
import { IdSchema, text } from './common.ts';

const common = {
  /** The method's id. */
  id: IdSchema,
  /** Whether future charges use this method; exactly one method is the default. */
  isDefault: z.boolean(),
};

/** A saved card, masked: brand, last four digits and expiry only. */
export const CardMethodSchema = z.object({
  ...common,
  /** A card. */
  type: z.literal('card'),
  /** The card network, e.g. `visa`, `mastercard`, `amex`. */
  brand: text(30, 1),
  /** The last four digits of the card number. */
  last4: z.string().check(z.regex(/^[0-9]{4}$/)),
  /** Expiry month, 1–12. */
  expMonth: z.int().check(z.gte(1), z.lte(12)),
  /** Expiry year, four digits. */
  expYear: z.int().check(z.gte(2000), z.lte(2100)),
});

/** A bank account for direct debit, masked. */
export const BankAccountMethodSchema = z.object({
  ...common,
  /** A bank account. */
  type: z.literal('bank_account'),
  /** The bank's name. */
  bankName: text(100, 1),
  /** The last four characters of the account number or IBAN. */
  last4: z.string().check(z.regex(/^[0-9A-Z]{4}$/)),
});

/** A wallet such as PayPal, Apple Pay or Google Pay. */
export const WalletMethodSchema = z.object({
  ...common,
  /** A wallet. */
  type: z.literal('wallet'),
  /** The wallet's name, e.g. `PayPal`. */
  provider: text(50, 1),
  /** A masked hint, e.g. "m•••@example.com". */
  label: text(100),
});

/** A saved payment method, masked, told apart by `type`. */
export const PaymentMethodSchema = z.discriminatedUnion('type', [
  CardMethodSchema,
  BankAccountMethodSchema,
  WalletMethodSchema,
]);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

/** `GET /payment-methods`. */
export const PaymentMethodListSchema = z.object({
  /** Every saved method, the default first. */
  items: z.array(PaymentMethodSchema).check(z.maxLength(100)),
});
export type PaymentMethodList = z.infer<typeof PaymentMethodListSchema>;

/**
 * `POST /payment-methods`: attach a method collected by the payment provider.
 * `token` is the provider's single-use token; card data never reaches Billfold or the merchant.
 */
export const AddPaymentMethodRequestSchema = z.object({
  /** The payment provider's single-use token for the collected method. */
  token: text(500, 1),
  /** Whether future charges should use it. */
  makeDefault: z.boolean(),
});
export type AddPaymentMethodRequest = z.infer<typeof AddPaymentMethodRequestSchema>;
