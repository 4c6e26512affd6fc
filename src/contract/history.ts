import { z } from './zod.ts';
import { ChannelSchema, CursorSchema, IdSchema, IsoDateTimeSchema, maybe, text, LocaleSchema } from './common.ts';

/** What was sent: an invoice, a reminder, a receipt, a failed-payment notice, a question or reply, a plan decision, a call back, or another notice. */
export const HistoryKindSchema = z.enum([
  'invoice',
  'reminder',
  'receipt',
  'payment_failed',
  'question',
  'reply',
  'plan_decision',
  'callback',
  'notice',
]);
export type HistoryKind = z.infer<typeof HistoryKindSchema>;

/** One thing sent to the customer or by the customer, on one channel. */
export const HistoryEntrySchema = z.object({
  /** The entry's id. */
  id: IdSchema,
  /** When it was sent or received. */
  occurredAt: IsoDateTimeSchema,
  channel: ChannelSchema,
  /** `outbound` from the merchant to the customer, `inbound` from the customer. */
  direction: z.enum(['outbound', 'inbound']),
  kind: HistoryKindSchema,
  /** A subject line or headline, plain text. */
  subject: text(500),
  /**
   * The language of this object's texts (BCP 47), when the backend knows it: the portal marks them
   * with it, so a screen reader reads an English note in an English voice inside a German portal.
   */
  lang: maybe(LocaleSchema),
  /** Where it went: an email address, a masked phone number, a postal address. */
  sentTo: maybe(text(500)),
  /** The invoice it was about, if any. */
  invoiceId: maybe(IdSchema),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** `GET /history`, newest first. */
export const HistoryPageSchema = z.object({
  items: z.array(HistoryEntrySchema).check(z.maxLength(100)),
  nextCursor: CursorSchema,
});
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

/** `GET /history` query. */
export const HistoryQuerySchema = z.object({
  /** The `nextCursor` of the page before; absent for the first page. */
  cursor: z.optional(text(500)),
  /** How many entries per page (default 20). */
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
});
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>;
