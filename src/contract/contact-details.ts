import { z } from './zod.ts';
import { IdSchema, LocaleSchema, maybe, trimmed } from './common.ts';

/** How the customer prefers to hear from the merchant. */
export const PreferredChannelSchema = z.enum(['email', 'sms', 'post', 'phone']);
export type PreferredChannel = z.infer<typeof PreferredChannelSchema>;

/** A person's or company's name, as written on invoices. */
const name = trimmed(200, 1);
/** An email address. */
const email = z.email().check(z.maxLength(254));
/** E.164-ish: digits, spaces, dashes, parentheses, an optional leading +. */
const phone = z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{6,20}$/));

/** The address invoices are made out to. */
export const BillingAddressSchema = z.object({
  /** Street and number. */
  line1: trimmed(200, 1),
  /** Flat, floor, building or c/o. */
  line2: maybe(trimmed(200)),
  /** Town or city. */
  city: trimmed(100, 1),
  /** Postcode or ZIP code, as the country writes it. */
  postalCode: trimmed(20, 1),
  /** State, county or province, where the country uses one. */
  region: maybe(trimmed(100)),
  /** ISO 3166-1 alpha-2. */
  country: z.string().check(z.regex(/^[A-Z]{2}$/)),
});
export type BillingAddress = z.infer<typeof BillingAddressSchema>;

/** A person who receives invoices by email. */
export const InvoiceRecipientSchema = z.object({
  /** Absent for a recipient the customer is adding. */
  id: z.optional(IdSchema),
  name,
  email,
});
export type InvoiceRecipient = z.infer<typeof InvoiceRecipientSchema>;

/** How and when the customer wants to hear from the merchant. */
export const CommunicationPreferencesSchema = z.object({
  channel: PreferredChannelSchema,
  /** How many days before a charge the customer wants a reminder; 0 turns reminders off. */
  reminderDaysBefore: z.int().check(z.gte(0), z.lte(30)),
  /** The language of invoices, reminders and messages. */
  language: LocaleSchema,
});
export type CommunicationPreferences = z.infer<typeof CommunicationPreferencesSchema>;

/**
 * The customer's own details. `GET /contact-details` returns it with an `ETag`;
 * `PUT /contact-details` replaces it and requires `If-Match`.
 */
export const ContactDetailsSchema = z.object({
  name,
  /** Where invoices and messages go by email. */
  email,
  phone: maybe(phone),
  billingAddress: BillingAddressSchema,
  /** VAT or other tax id, free form (validated by the merchant). */
  taxId: maybe(trimmed(50)),
  /** Other people who receive the invoices by email. */
  recipients: z.array(InvoiceRecipientSchema).check(z.maxLength(20)),
  preferences: CommunicationPreferencesSchema,
});
export type ContactDetails = z.infer<typeof ContactDetailsSchema>;

/** The body of `PUT /contact-details`: the whole record, as the customer left it. */
export const ContactDetailsUpdateSchema = ContactDetailsSchema;
export type ContactDetailsUpdate = z.infer<typeof ContactDetailsUpdateSchema>;
