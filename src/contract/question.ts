import { z } from './zod.ts';
import { CursorSchema, customerText, IdSchema, IsoDateTimeSchema, maybe, text, LocaleSchema } from './common.ts';

export const QuestionTopicSchema = z.enum(['unrecognised', 'amount_wrong', 'already_paid', 'other']);
export type QuestionTopic = z.infer<typeof QuestionTopicSchema>;

export const QuestionMessageSchema = z.object({
  id: IdSchema,
  author: z.enum(['customer', 'merchant']),
  /** The name of the person at the merchant who replied. */
  authorName: maybe(text(200)),
  /** Plain text. */
  body: text(5000),
  /**
   * The language of this object's texts (BCP 47), when the backend knows it: the portal marks them
   * with it, so a screen reader reads an English note in an English voice inside a German portal.
   */
  lang: maybe(LocaleSchema),
  sentAt: IsoDateTimeSchema,
});
export type QuestionMessage = z.infer<typeof QuestionMessageSchema>;

/** A question about an invoice or one of its lines, as a thread (at most 200 messages). */
export const QuestionSchema = z.object({
  id: IdSchema,
  invoiceId: IdSchema,
  lineId: maybe(IdSchema),
  /** What the question is about, e.g. the invoice number and line description. */
  subject: text(500),
  topic: QuestionTopicSchema,
  status: z.enum(['open', 'answered', 'closed']),
  createdAt: IsoDateTimeSchema,
  messages: z.array(QuestionMessageSchema).check(z.maxLength(200)),
});
export type Question = z.infer<typeof QuestionSchema>;

/** A question as listed: its subject and status, and who spoke last and when (the thread is one request away). */
export const QuestionSummarySchema = z.object({
  id: IdSchema,
  invoiceId: IdSchema,
  lineId: maybe(IdSchema),
  subject: text(500),
  topic: QuestionTopicSchema,
  status: z.enum(['open', 'answered', 'closed']),
  createdAt: IsoDateTimeSchema,
  messageCount: z.int().check(z.gte(0)),
  lastMessage: maybe(z.object({ author: z.enum(['customer', 'merchant']), sentAt: IsoDateTimeSchema })),
});
export type QuestionSummary = z.infer<typeof QuestionSummarySchema>;

/** `GET /questions` query. */
export const QuestionListQuerySchema = z.object({
  cursor: z.optional(text(500)),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
});
export type QuestionListQuery = z.infer<typeof QuestionListQuerySchema>;

/** `GET /questions`, newest first, a page at a time. */
export const QuestionListSchema = z.object({
  items: z.array(QuestionSummarySchema),
  nextCursor: CursorSchema,
});
export type QuestionList = z.infer<typeof QuestionListSchema>;

/**
 * `POST /questions/{questionId}/messages` answers with the message as stored and the thread's
 * status, not the whole thread: a long conversation stays cheap to reply to.
 */
export const QuestionReplySchema = z.object({
  message: QuestionMessageSchema,
  status: z.enum(['open', 'answered', 'closed']),
});
export type QuestionReply = z.infer<typeof QuestionReplySchema>;

/** `POST /questions`. */
export const AskQuestionRequestSchema = z.object({
  invoiceId: IdSchema,
  lineId: z.optional(IdSchema),
  topic: QuestionTopicSchema,
  message: customerText(5000),
});
export type AskQuestionRequest = z.infer<typeof AskQuestionRequestSchema>;

/** `POST /questions/{questionId}/messages`. */
export const QuestionReplyRequestSchema = z.object({
  message: customerText(5000),
});
export type QuestionReplyRequest = z.infer<typeof QuestionReplyRequestSchema>;
