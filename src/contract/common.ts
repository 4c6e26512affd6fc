import { z } from './zod.ts';

/** An opaque identifier chosen by the merchant's backend. */
export const IdSchema = z.string().check(z.minLength(1), z.maxLength(200));

/** A calendar date, `YYYY-MM-DD`, in the merchant's billing calendar. */
export const IsoDateSchema = z.iso.date();

/** An instant, ISO 8601 with offset, e.g. `2026-11-22T10:00:00Z`. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

/** A BCP 47 language tag such as `en`, `de-DE` or `pt-BR`. */
export const LocaleSchema = z.string().check(z.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/));

/** An opaque pagination cursor; `null` when there is no further page. */
export const CursorSchema = z.nullable(z.string().check(z.maxLength(500)));

/** The channels a merchant can reach a customer on, or a customer can answer on. */
export const ChannelSchema = z.enum(['email', 'sms', 'post', 'phone', 'portal', 'chat']);
export type Channel = z.infer<typeof ChannelSchema>;

/** An inclusive date range such as a service period. */
export const PeriodSchema = z.object({
  start: IsoDateSchema,
  end: IsoDateSchema,
});
export type Period = z.infer<typeof PeriodSchema>;

/** A plain-text field the customer writes (a note, a message, a comment). */
export const customerText = (max: number) =>
  z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
