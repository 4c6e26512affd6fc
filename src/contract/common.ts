import { z } from './zod.ts';

// Small builders for the shapes used over and over: they read well and keep the widget bundle
// small (each call site minifies to a few bytes instead of a chain of checks).

/** A string of at most `max` characters (and at least `min`). */
export const text = (max: number, min = 0) =>
  min > 0 ? z.string().check(z.minLength(min), z.maxLength(max)) : z.string().check(z.maxLength(max));

/** Like {@link text}, trimmed first: what a customer typed. */
export const trimmed = (max: number, min = 0) =>
  min > 0
    ? z.string().check(z.trim(), z.minLength(min), z.maxLength(max))
    : z.string().check(z.trim(), z.maxLength(max));

/** A field a backend may leave out or send as `null`. */
export const maybe = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));

/** An opaque identifier chosen by the merchant's backend. */
export const IdSchema = text(200, 1);

/**
 * An absolute http(s) URL, safe to use as a link or image source (no `javascript:` and the like).
 * A pattern rather than `z.url()`, which costs the widget ~0.5 KB gzip for the same guarantee here.
 */
export const HttpUrlSchema = z.string().check(z.maxLength(2000), z.regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i));

/** A calendar date, `YYYY-MM-DD`, in the merchant's billing calendar. */
export const IsoDateSchema = z.iso.date();

/** An instant, ISO 8601 with offset, e.g. `2026-11-22T10:00:00Z`. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

/** A BCP 47 language tag such as `en`, `de-DE` or `pt-BR`. */
export const LocaleSchema = z.string().check(z.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/));

/** An opaque pagination cursor; `null` when there is no further page. */
export const CursorSchema = z.nullable(text(500));

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
  trimmed(max, 1);
