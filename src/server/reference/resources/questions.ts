import type { AskQuestionRequest, Question, QuestionReplyRequest } from '../../../contract/index.ts';
import type { BillingAdapter } from '../../adapter.ts';
import { HttpError } from '../../errors.ts';
import type { QuestionMessageRow, QuestionRow } from '../rows.ts';
import type { SqlQueryable } from '../sql.ts';
import { toQuestion } from '../to-contract.ts';
import { newId, type ReferenceEnv } from './env.ts';
import { addHistory } from './history.ts';

/** The column `subject` holds at most this many characters. */
const SUBJECT_MAX = 500;

/** The customer's questions with their messages, newest question first (or just `questionId`). */
async function loadQuestions(q: SqlQueryable, customerId: string, questionId?: string): Promise<Question[]> {
  const questions = await q.query<QuestionRow>(
    `SELECT id, invoice_id, line_id, subject, topic, status, created_at FROM questions
     WHERE customer_id = $1 ${questionId ? 'AND id = $2' : ''} ORDER BY created_at DESC, id DESC`,
    questionId ? [customerId, questionId] : [customerId],
  );
  if (questions.length === 0) return [];
  const messages = await q.query<QuestionMessageRow>(
    `SELECT id, question_id, author, author_name, body, sent_at FROM question_messages
     WHERE question_id = ANY($1) ORDER BY sent_at ASC, seq ASC`,
    [questions.map((x) => x.id)],
  );
  return questions.map((question) => toQuestion(question, messages));
}

/** One question of the customer; 404 when it is not theirs. */
async function loadQuestion(q: SqlQueryable, customerId: string, questionId: string): Promise<Question> {
  const [question] = await loadQuestions(q, customerId, questionId);
  if (!question) throw HttpError.notFound('There is no such question on this account.');
  return question;
}

async function addCustomerMessage(tx: SqlQueryable, questionId: string, body: string, sentAt: Date): Promise<void> {
  await tx.query(
    `INSERT INTO question_messages (id, question_id, author, author_name, body, sent_at) VALUES ($1, $2, 'customer', NULL, $3, $4)`,
    [newId('msg'), questionId, body, sentAt],
  );
}

/** Ask about an invoice, or one line of it; 422 when either is not the customer's. */
export async function askQuestion(env: ReferenceEnv, tx: SqlQueryable, customerId: string, body: AskQuestionRequest): Promise<Question> {
  const [asked] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM questions WHERE customer_id = $1', [customerId]);
  if ((asked?.n ?? 0) >= env.limits.questionsPerCustomer) {
    throw HttpError.conflict('You have asked as many questions as this account can hold. Please reply on an earlier one.', 'limit_reached');
  }
  const [invoice] = await tx.query<{ number: string }>('SELECT number FROM invoices WHERE id = $1 AND customer_id = $2', [
    body.invoiceId,
    customerId,
  ]);
  if (!invoice) {
    throw HttpError.invalid([{ path: 'invoiceId', code: 'not_found', message: 'This invoice is not on your account.' }]);
  }
  let subject = `Invoice ${invoice.number}`;
  if (body.lineId) {
    const [line] = await tx.query<{ description: string }>('SELECT description FROM invoice_lines WHERE id = $1 AND invoice_id = $2', [
      body.lineId,
      body.invoiceId,
    ]);
    if (!line) throw HttpError.invalid([{ path: 'lineId', code: 'not_found', message: 'This line is not on the invoice.' }]);
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
    subject: `Question about ${subject}`.slice(0, SUBJECT_MAX),
    invoiceId: body.invoiceId,
  });
  return loadQuestion(tx, customerId, id);
}

/** Follow up on a question; the thread opens again for the merchant. */
export async function replyToQuestion(
  env: ReferenceEnv,
  tx: SqlQueryable,
  customerId: string,
  questionId: string,
  body: QuestionReplyRequest,
): Promise<Question> {
  const question = await loadQuestion(tx, customerId, questionId);
  if (question.messages.length >= env.limits.messagesPerThread) {
    throw HttpError.conflict('This conversation is as long as it can get. Please ask a new question.', 'limit_reached');
  }
  await addCustomerMessage(tx, questionId, body.message, env.now());
  await tx.query(`UPDATE questions SET status = 'open' WHERE id = $1`, [questionId]);
  await addHistory(env, tx, customerId, {
    channel: 'portal',
    direction: 'inbound',
    kind: 'question',
    subject: `Follow-up on ${question.subject}`.slice(0, SUBJECT_MAX),
    invoiceId: question.invoiceId,
  });
  return loadQuestion(tx, customerId, questionId);
}

/** Questions about charges and their replies. */
export function questionsAdapter(
  env: ReferenceEnv,
): Pick<BillingAdapter, 'listQuestions' | 'askQuestion' | 'getQuestion' | 'replyToQuestion'> {
  return {
    listQuestions: async ({ customerId }) => ({ items: await loadQuestions(env.sql, customerId) }),
    askQuestion: ({ customerId }, body) => env.change(customerId, (tx) => askQuestion(env, tx, customerId, body)),
    getQuestion: ({ customerId }, questionId) => loadQuestion(env.sql, customerId, questionId),
    replyToQuestion: ({ customerId }, questionId, body) =>
      env.change(customerId, (tx) => replyToQuestion(env, tx, customerId, questionId, body)),
  };
}
