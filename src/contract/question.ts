import { z } from './zod.ts';
import { CursorSchema, customerText, IdSchema, IsoDateTimeSchema, maybe, text, LocaleSchema } from './common.ts';

/** What kind of question: a charge the customer does not recognise, an amount they think wrong, one they think already paid, or something else. */
export const QuestionTopicSchema = z.enum(['unrecognised', 'amount_wrong', 'already_paid', 'other']);
export type QuestionTopic = z.infer<typeof QuestionTopicSchema>;

/** One message of a question's thread. */
export const QuestionMessageSchema = z.object({
  /** The message's id. */
  id: IdSchema,
  /** Who wrote it: the customer, or someone at the merchant. */
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
  /** When it was sent. */
  sentAt: IsoDateTimeSchema,
});
export type QuestionMessage = z.infer<typeof QuestionMessageSchema>;

/** A question about an invoice or one of its lines, as a thread (at most 200 messages). */
export const QuestionSchema = z.object({
  /** The question's id. */
  id: IdSchema,
  /** The invoice it is about. */
  invoiceId: IdSchema,
  /** The line it is about, when it is about one. */
  lineId: maybe(IdSchema),
  /** What the question is about, e.g. the invoice number and line description. */
  subject: text(500),
  topic: QuestionTopicSchema,
  /** `open` while waiting for the merchant, `answered` once they replied, `closed` when settled. */
  status: z.enum(['open', 'answered', 'closed']),
  /** When it was asked. */
  createdAt: IsoDateTimeSchema,
  /** The thread, oldest first, the question itself first. */
  messages: z.array(QuestionMessageSchema).check(z.maxLength(200)),
});
export type Question = z.infer<typeof QuestionSchema>;

/** A question as listed: its subject and status, and who spoke last and when (the thread is one request away). */
export const QuestionSummarySchema = z.object({
  /** The question's id. */
  id: IdSchema,
  /** The invoice it is about. */
  invoiceId: IdSchema,
  /** The line it is about, when it is about one. */
  lineId: maybe(IdSchema),
  /** What the question is about, e.g. the invoice number and line description. */
  subject: text(500),
  topic: QuestionTopicSchema,
  /** `open` while waiting for the merchant, `answered` once they replied, `closed` when settled. */
  status: z.enum(['open', 'answered', 'closed']),
  /** When it was asked. */
  createdAt: IsoDateTimeSchema,
  /** How many messages the thread has. */
  messageCount: z.int().check(z.gte(0)),
  /** Who wrote last, and when. */
  lastMessage: maybe(
    z.object({
      /** The customer, or someone at the merchant. */
      author: z.enum(['customer', 'merchant']),
      /** When. */
      sentAt: IsoDateTimeSchema,
    }),
  ),
});
export type QuestionSummary = z.infer<typeof QuestionSummarySchema>;

/** `GET /questions` query. */
export const QuestionListQuerySchema = z.object({
  /** The `nextCursor` of the page before; absent for the first page. */
  cursor: z.optional(text(500)),
  /** How many questions per page (default 20). */
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
});
export type QuestionListQuery = z.infer<typeof QuestionListQuerySchema>;

/** `GET /questions`, newest first, a page at a time. */
export const QuestionListSchema = z.object({
  /** This page's questions. */
  items: z.array(QuestionSummarySchema).check(z.maxLength(100)),
  nextCursor: CursorSchema,
});
export type QuestionList = z.infer<typeof QuestionListSchema>;

/**
 * `POST /questions/{questionId}/messages` answers with the message as stored and the thread's
 * status, not the whole thread: a long conversation stays cheap to reply to.
 */
export const QuestionReplySchema = z.object({
  /** The message as stored. */
  message: QuestionMessageSchema,
  /** The thread's status after the reply. */
  status: z.enum(['open', 'answered', 'closed']),
});
export type QuestionReply = z.infer<typeof QuestionReplySchema>;

/** `POST /questions`. */
export const AskQuestionRequestSchema = z.object({
  invoiceId: IdSchema,
  lineId: z.optional(IdSchema),
  topic: QuestionTopicSchema,
  /** The question, in the customer's words. */
  message: customerText(5000),
});
export type AskQuestionRequest = z.infer<typeof AskQuestionRequestSchema>;

/** `POST /questions/{questionId}/messages`. */
export const QuestionReplyRequestSchema = z.object({
  /** The reply, in the customer's words. */
  message: customerText(5000),
});
export type QuestionReplyRequest = z.infer<typeof QuestionReplyRequestSchema>;
