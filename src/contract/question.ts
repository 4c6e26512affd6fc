import { z } from './zod.ts';
import { customerText, IdSchema, IsoDateTimeSchema, maybe, text } from './common.ts';

export const QuestionTopicSchema = z.enum(['unrecognised', 'amount_wrong', 'already_paid', 'other']);
export type QuestionTopic = z.infer<typeof QuestionTopicSchema>;

export const QuestionMessageSchema = z.object({
  id: IdSchema,
  author: z.enum(['customer', 'merchant']),
  /** The name of the person at the merchant who replied. */
  authorName: maybe(text(200)),
  /** Plain text. */
  body: text(5000),
  sentAt: IsoDateTimeSchema,
});
export type QuestionMessage = z.infer<typeof QuestionMessageSchema>;

/** A question about an invoice or one of its lines, as a thread. */
export const QuestionSchema = z.object({
  id: IdSchema,
  invoiceId: IdSchema,
  lineId: maybe(IdSchema),
  /** What the question is about, e.g. the invoice number and line description. */
  subject: text(500),
  topic: QuestionTopicSchema,
  status: z.enum(['open', 'answered', 'closed']),
  createdAt: IsoDateTimeSchema,
  messages: z.array(QuestionMessageSchema),
});
export type Question = z.infer<typeof QuestionSchema>;

/** `GET /questions`, newest first. */
export const QuestionListSchema = z.object({
  items: z.array(QuestionSchema),
});
export type QuestionList = z.infer<typeof QuestionListSchema>;

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
