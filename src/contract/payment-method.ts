import { z } from './zod.ts';
import { IdSchema, text } from './common.ts';

const common = {
  id: IdSchema,
  isDefault: z.boolean(),
};

/** A saved card, masked: brand, last four digits and expiry only. */
export const CardMethodSchema = z.object({
  ...common,
  type: z.literal('card'),
  brand: text(30, 1),
  last4: z.string().check(z.regex(/^[0-9]{4}$/)),
  expMonth: z.int().check(z.gte(1), z.lte(12)),
  expYear: z.int().check(z.gte(2000), z.lte(2100)),
});

/** A bank account for direct debit, masked. */
export const BankAccountMethodSchema = z.object({
  ...common,
  type: z.literal('bank_account'),
  bankName: text(100, 1),
  last4: z.string().check(z.regex(/^[0-9A-Z]{4}$/)),
});

/** A wallet such as PayPal, Apple Pay or Google Pay. */
export const WalletMethodSchema = z.object({
  ...common,
  type: z.literal('wallet'),
  provider: text(50, 1),
  /** A masked hint, e.g. "m•••@example.com". */
  label: text(100),
});

export const PaymentMethodSchema = z.discriminatedUnion('type', [
  CardMethodSchema,
  BankAccountMethodSchema,
  WalletMethodSchema,
]);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

/** `GET /payment-methods`. */
export const PaymentMethodListSchema = z.object({
  items: z.array(PaymentMethodSchema),
});
export type PaymentMethodList = z.infer<typeof PaymentMethodListSchema>;

/**
 * `POST /payment-methods`: attach a method collected by the payment provider.
 * `token` is the provider's single-use token; card data never reaches Billfold or the merchant.
 */
export const AddPaymentMethodRequestSchema = z.object({
  token: text(500, 1),
  makeDefault: z.boolean(),
});
export type AddPaymentMethodRequest = z.infer<typeof AddPaymentMethodRequestSchema>;
