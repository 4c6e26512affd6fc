import type {
  AskQuestionRequest,
  Question,
  QuestionList,
  QuestionListQuery,
  QuestionReply,
  QuestionReplyRequest,
} from '../../../contract/index.ts';
import type { BillingAdapter } from '../../adapter.ts';
import { HttpError } from '../../errors.ts';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageFrom } from '../paging.ts';
import type { QuestionMessageRow, QuestionRow } from '../rows.ts';
import { localizedColumnSql } from '../localized.ts';
import type { SqlQueryable } from '../sql.ts';
import { iso, toQuestion } from '../to-contract.ts';
import { newId, type ReferenceEnv } from './env.ts';
import { addHistory } from './history.ts';
import { refusal, REFUSALS, SUBJECTS } from '../messages.ts';

/** The column `subject` holds at most this many characters. */
const SUBJECT_MAX = 500;

/** One question of the customer with its messages, oldest first; 404 when it is not theirs. */
async function loadQuestion(q: SqlQueryable, customerId: string, questionId: string): Promise<Question> {
  const [question] = await q.query<QuestionRow>(
    'SELECT id, invoice_id, line_id, subject, topic, status, created_at FROM questions WHERE customer_id = $1 AND id = $2',
    [customerId, questionId],
  );
  if (!question) throw HttpError.notFound('There is no such question on this account.');
  const messages = await q.query<QuestionMessageRow>(
    `SELECT id, question_id, author, author_name, body, sent_at, text_lang, translations FROM question_messages
     WHERE question_id = $1 ORDER BY sent_at ASC, seq ASC`,
    [questionId],
  );
  return toQuestion(question, messages);
}

/** A page of the customer's questions, newest first, each with how many messages it has and who spoke last. */
async function listQuestions(q: SqlQueryable, customerId: string, query: QuestionListQuery): Promise<QuestionList> {
  const offset = decodeCursor(query.cursor);
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await q.query<QuestionRow & { message_count: number; last_author: 'customer' | 'merchant' | null; last_sent_at: Date | null }>(
    `SELECT q.id, q.invoice_id, q.line_id, q.subject, q.topic, q.status, q.created_at,
       (SELECT count(*)::int FROM question_messages m WHERE m.question_id = q.id) AS message_count,
       last.author AS last_author, last.sent_at AS last_sent_at
     FROM questions q
     LEFT JOIN LATERAL (
       SELECT m.author, m.sent_at FROM question_messages m WHERE m.question_id = q.id ORDER BY m.sent_at DESC, m.seq DESC LIMIT 1
     ) last ON true
     WHERE q.customer_id = $1 ORDER BY q.created_at DESC, q.id DESC LIMIT $2 OFFSET $3`,
    [customerId, limit + 1, offset],
  );
  const { items, nextCursor } = pageFrom(rows, offset, limit);
  return {
    items: items.map((row) => ({
      id: row.id,
      invoiceId: row.invoice_id,
      lineId: row.line_id,
      subject: row.subject,
      topic: row.topic,
      status: row.status,
      createdAt: iso(row.created_at),
      messageCount: row.message_count,
      lastMessage: row.last_author && row.last_sent_at ? { author: row.last_author, sentAt: iso(row.last_sent_at) } : null,
    })),
    nextCursor,
  };
}

async function addCustomerMessage(tx: SqlQueryable, questionId: string, body: string, sentAt: Date): Promise<QuestionMessageRow> {
  const [row] = await tx.query<QuestionMessageRow>(
    `INSERT INTO question_messages (id, question_id, author, author_name, body, sent_at) VALUES ($1, $2, 'customer', NULL, $3, $4)
     RETURNING id, question_id, author, author_name, body, sent_at, text_lang, translations`,
    [newId('msg'), questionId, body, sentAt],
  );
  return row!;
}

/** Ask about an invoice, or one line of it; 422 when either is not the customer's. */
export async function askQuestion(
  env: ReferenceEnv,
  tx: SqlQueryable,
  customerId: string,
  body: AskQuestionRequest,
  languages: readonly string[] = [],
): Promise<Question> {
  const [asked] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM questions WHERE customer_id = $1', [customerId]);
  if ((asked?.n ?? 0) >= env.limits.questionsPerCustomer) {
    throw HttpError.conflict('You have asked as many questions as this account can hold. Please reply on an earlier one.', 'limit_reached');
  }
  const [invoice] = await tx.query<{ number: string }>('SELECT number FROM invoices WHERE id = $1 AND customer_id = $2', [
    body.invoiceId,
    customerId,
  ]);
  if (!invoice) {
    throw HttpError.invalid([refusal('invoiceId', 'not_found', REFUSALS.invoiceNotFound)]);
  }
  let subject = `Invoice ${invoice.number}`;
  if (body.lineId) {
    // The line as the customer reads it.
    const params: unknown[] = [body.lineId, body.invoiceId];
    const description = localizedColumnSql('description', languages, params);
    const [line] = await tx.query<{ description: string }>(
      `SELECT ${description} AS description FROM invoice_lines WHERE id = $1 AND invoice_id = $2`,
      params,
    );
    if (!line) throw HttpError.invalid([refusal('lineId', 'not_found', REFUSALS.lineNotFound)]);
    subject = `${subject} — ${line.description}`.slice(0, SUBJECT_MAX);
  }
  const id = newId('q');
  const now = env.now();
  await tx.query(
    `INSERT INTO questions (id, customer_id, invoice_id, line_id, subject, topic, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'open', $7)`,
    [id, customerId, body.invoiceId, body.lineId ?? null, subject, body.topic, now],
  );
  await addCustomerMessage(tx, id, body.message, now);
  await addHistory(env, tx, customerId, {
    channel: 'portal',
    direction: 'inbound',
    kind: 'question',
    subject: SUBJECTS.questionAsked(subject),
    invoiceId: body.invoiceId,
  });
  return loadQuestion(tx, customerId, id);
}

/**
 * Follow up on a question; the thread opens again for the merchant. Answers with the message as
 * stored and the thread's status, so a long conversation stays cheap to reply to.
 */
export async function replyToQuestion(
  env: ReferenceEnv,
  tx: SqlQueryable,
  customerId: string,
  questionId: string,
  body: QuestionReplyRequest,
): Promise<QuestionReply> {
  const [question] = await tx.query<Pick<QuestionRow, 'subject' | 'invoice_id'> & { messages: number }>(
    `SELECT subject, invoice_id, (SELECT count(*)::int FROM question_messages m WHERE m.question_id = q.id) AS messages
       FROM questions q WHERE id = $1 AND customer_id = $2`,
    [questionId, customerId],
  );
  if (!question) throw HttpError.notFound('There is no such question on this account.');
  if (question.messages >= env.limits.messagesPerThread) {
    throw HttpError.conflict('This conversation is as long as it can get. Please ask a new question.', 'limit_reached');
  }
  const message = await addCustomerMessage(tx, questionId, body.message, env.now());
  await tx.query(`UPDATE questions SET status = 'open' WHERE id = $1`, [questionId]);
  await addHistory(env, tx, customerId, {
    channel: 'portal',
    direction: 'inbound',
    kind: 'question',
    subject: SUBJECTS.questionFollowUp(question.subject),
    invoiceId: question.invoice_id,
  });
  return {
    message: {
      id: message.id,
      author: message.author,
      authorName: message.author_name,
      body: message.body,
      lang: message.text_lang,
      sentAt: iso(message.sent_at),
    },
    status: 'open',
  };
}

/** Questions about charges and their replies. */
export function questionsAdapter(
  env: ReferenceEnv,
): Pick<BillingAdapter, 'listQuestions' | 'askQuestion' | 'getQuestion' | 'replyToQuestion'> {
  return {
    listQuestions: ({ customerId }, query) => listQuestions(env.sql, customerId, query),
    askQuestion: ({ customerId, languages }, body) =>
      env.change(
        customerId,
        (tx) => askQuestion(env, tx, customerId, body, languages),
        (question) => ({ type: 'question.asked', data: { question } }),
      ),
    getQuestion: ({ customerId }, questionId) => loadQuestion(env.sql, customerId, questionId),
    replyToQuestion: ({ customerId }, questionId, body) =>
      env.change(
        customerId,
        (tx) => replyToQuestion(env, tx, customerId, questionId, body),
        (reply) => ({ type: 'question.replied', data: { questionId, ...reply } }),
      ),
  };
}
