import type {
  AccountStatus,
  AccountSummary,
  BillingCycle,
  BillingInterval,
  ContactDetails,
  CycleChangeRequest,
  CyclePreview,
  Feature,
  HistoryEntry,
  HistoryKind,
  HumanContact,
  Instalment,
  InvoiceDetail,
  InvoiceLine,
  InvoiceStatus,
  InvoiceSummary,
  Money,
  OutstandingInvoice,
  Payment,
  PaymentMethod,
  PaymentPlan,
  PlanPolicy,
  PlanPreview,
  PlanRequest,
  Question,
  Situation,
} from '../../contract/index.ts';
import type { AdapterContext, BillingAdapter, VersionedRecord } from '../adapter.ts';
import { HttpError, VersionConflictError } from '../errors.ts';
import { addDays, addMonths, daysBetween, nextOnDay, toIsoDate } from './dates.ts';
import { failureFor, isCardExpired, parseSandboxToken, type SandboxOutcome } from './sandbox-cards.ts';
import type { Row, Sql, SqlQueryable } from './sql.ts';

/** Options of {@link createReferenceAdapter}. */
export interface ReferenceAdapterOptions {
  sql: Sql;
  /** How long a payment stays `pending` before the sandbox processor settles it. Default 3000. */
  settleDelayMs?: number;
  /** The clock (tests move it). */
  now?: () => Date;
}

/** The reference adapter, plus the hook that settles pending payments (call it on a timer). */
export interface ReferenceAdapter extends BillingAdapter {
  /** Settle every pending payment whose delay has passed; resolves how many were settled. */
  settleDuePayments(customerId?: string): Promise<number>;
}

/** The plan policy as stored per customer (eligible invoices are derived). */
export type StoredPlanPolicy = Omit<PlanPolicy, 'eligibleInvoiceIds'>;

interface CustomerRow extends Row {
  id: string;
  name: string;
  greeting_name: string;
  kind: 'individual' | 'business';
  customer_since: string;
  segment: 'new' | 'regular' | 'loyal';
  locale: string;
  currency: string;
  merchant_name: string;
  merchant_note_html: string | null;
  human_contact: HumanContact | null;
  features: Feature[];
  plan_policy: StoredPlanPolicy;
}

interface InvoiceRow extends Row {
  id: string;
  number: string;
  issue_date: string;
  due_date: string;
  period_start: string | null;
  period_end: string | null;
  currency: string;
  void: boolean;
  paid_at: Date | null;
  pdf_url: string | null;
  total: number;
  tax_total: number;
  paid: number;
  corrected: number;
  processing: boolean;
  last_payment_id: string | null;
  last_payment_status: string | null;
}

interface InvoiceState {
  row: InvoiceRow;
  amountDue: number;
  status: InvoiceStatus;
}

interface PaymentRow extends Row {
  id: string;
  invoice_id: string;
  amount: number;
  currency: string;
  status: 'pending' | 'succeeded' | 'failed';
  created_at: Date;
  settled_at: Date | null;
  payment_method_id: string | null;
  payment_method_label: string | null;
  failure_reason: string | null;
  failure_message: string | null;
  next_retry_at: Date | null;
  suggested_action: string | null;
}

interface MethodRow extends Row {
  id: string;
  type: 'card' | 'bank_account' | 'wallet';
  brand: string | null;
  last4: string | null;
  exp_month: number | null;
  exp_year: number | null;
  bank_name: string | null;
  provider: string | null;
  label: string | null;
  is_default: boolean;
  outcome: SandboxOutcome;
}

interface CycleRow extends Row {
  interval: BillingInterval;
  billing_day: number;
  allowed_days: number[];
  price_month: number;
  price_quarter: number;
  price_year: number;
  next_invoice_date: string;
  version: number;
}

interface PlanRow extends Row {
  id: string;
  kind: 'instalments' | 'extension';
  status: PaymentPlan['status'];
  created_at: Date;
  invoice_ids: string[];
  total: number;
  currency: string;
  schedule: Instalment[];
  reason: PaymentPlan['reason'];
  note: string | null;
  decision_note: string | null;
  decided_at: Date | null;
}

const INVOICE_SELECT = /* sql */ `
  SELECT i.id, i.number, i.issue_date::text AS issue_date, i.due_date::text AS due_date,
    i.period_start::text AS period_start, i.period_end::text AS period_end,
    i.currency, i.void, i.paid_at, i.pdf_url,
    COALESCE((SELECT sum(l.amount) FROM invoice_lines l WHERE l.invoice_id = i.id), 0)::int AS total,
    COALESCE((SELECT sum(l.amount) FROM invoice_lines l WHERE l.invoice_id = i.id AND l.kind = 'tax'), 0)::int AS tax_total,
    COALESCE((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id AND p.status = 'succeeded'), 0)::int AS paid,
    COALESCE((SELECT sum(c.amount) FROM corrections c WHERE c.invoice_id = i.id), 0)::int AS corrected,
    EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = i.id AND p.status = 'pending') AS processing,
    (SELECT p.id FROM payments p WHERE p.invoice_id = i.id ORDER BY p.created_at DESC, p.id DESC LIMIT 1) AS last_payment_id,
    (SELECT p.status FROM payments p WHERE p.invoice_id = i.id ORDER BY p.created_at DESC, p.id DESC LIMIT 1) AS last_payment_status
  FROM invoices i`;

const PAYMENT_SELECT = 'SELECT * FROM payments';

const PERIOD_MONTHS: Record<BillingInterval, number> = { month: 1, quarter: 3, year: 12 };
const PERIOD_DAYS: Record<BillingInterval, number> = { month: 30, quarter: 91, year: 365 };
const OPEN_PLAN_STATUSES = ['approved', 'active'];
const DEFAULT_PAGE_SIZE = 20;

/** A short random id with a type prefix (`pay_…`), like most billing systems use. */
export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

const money = (amount: number, currency: string): Money => ({ amount, currency });
const iso = (value: Date | string): string => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null | undefined): string | null => (value ? iso(value) : null);

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const match = /^o([0-9]{1,9})$/.exec(cursor);
  if (!match) throw HttpError.invalid([{ path: 'cursor', code: 'invalid_cursor', message: 'This page link is not valid.' }]);
  return Number(match[1]);
}

function page<T>(rows: T[], offset: number, limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(offset, offset + limit);
  return { items, nextCursor: offset + limit < rows.length ? `o${offset + limit}` : null };
}

function methodLabel(method: MethodRow): string {
  if (method.type === 'card') return `${method.brand ?? 'Card'} •••• ${method.last4 ?? ''}`.trim();
  if (method.type === 'bank_account') return `${method.bank_name ?? 'Bank account'} •••• ${method.last4 ?? ''}`.trim();
  return `${method.provider ?? 'Wallet'} ${method.label ?? ''}`.trim();
}

function toPaymentMethod(row: MethodRow): PaymentMethod {
  if (row.type === 'card') {
    return {
      id: row.id,
      isDefault: row.is_default,
      type: 'card',
      brand: row.brand ?? 'Card',
      last4: row.last4 ?? '0000',
      expMonth: row.exp_month ?? 1,
      expYear: row.exp_year ?? 2000,
    };
  }
  if (row.type === 'bank_account') {
    return { id: row.id, isDefault: row.is_default, type: 'bank_account', bankName: row.bank_name ?? 'Bank', last4: row.last4 ?? '0000' };
  }
  return { id: row.id, isDefault: row.is_default, type: 'wallet', provider: row.provider ?? 'Wallet', label: row.label ?? '' };
}

function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    amount: money(row.amount, row.currency),
    status: row.status,
    createdAt: iso(row.created_at),
    settledAt: isoOrNull(row.settled_at),
    paymentMethodId: row.payment_method_id,
    paymentMethodLabel: row.payment_method_label,
    failure:
      row.status === 'failed'
        ? {
            reason: (row.failure_reason ?? 'other') as NonNullable<Payment['failure']>['reason'],
            message: row.failure_message,
            nextRetryAt: isoOrNull(row.next_retry_at),
            suggestedAction: (row.suggested_action ?? 'contact_us') as NonNullable<Payment['failure']>['suggestedAction'],
          }
        : null,
  };
}

function toPlan(row: PlanRow): PaymentPlan {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    createdAt: iso(row.created_at),
    invoiceIds: row.invoice_ids,
    total: money(row.total, row.currency),
    schedule: row.schedule,
    reason: row.reason,
    note: row.note,
    decisionNote: row.decision_note,
    decidedAt: isoOrNull(row.decided_at),
  };
}

/**
 * The reference implementation of {@link BillingAdapter}: a small but real billing system in SQL
 * (PGlite or PostgreSQL). Everything the widget shows is derived from stored facts: invoice
 * status from due dates, payments, corrections and plans; account status and situation from the
 * invoices; the next charge from the billing cycle. Payments settle through a sandbox processor
 * whose outcome depends on the saved method, driven from the database so a restart loses nothing.
 */
export function createReferenceAdapter(options: ReferenceAdapterOptions): ReferenceAdapter {
  const { sql } = options;
  const settleDelayMs = options.settleDelayMs ?? 3000;
  const clock = options.now ?? (() => new Date());
  const today = () => toIsoDate(clock());

  async function loadCustomer(q: SqlQueryable, customerId: string): Promise<CustomerRow> {
    const [row] = await q.query<CustomerRow>(
      `SELECT id, name, greeting_name, kind, customer_since::text AS customer_since, segment, locale, currency,
        merchant_name, merchant_note_html, human_contact, features, plan_policy
       FROM customers WHERE id = $1`,
      [customerId],
    );
    if (!row) throw HttpError.notFound('There is no billing account for this session.');
    return row;
  }

  async function planInvoiceIds(q: SqlQueryable, customerId: string): Promise<Set<string>> {
    const rows = await q.query<{ invoice_ids: string[] }>(
      'SELECT invoice_ids FROM payment_plans WHERE customer_id = $1 AND status = ANY($2)',
      [customerId, OPEN_PLAN_STATUSES],
    );
    return new Set(rows.flatMap((r) => r.invoice_ids));
  }

  function stateOf(row: InvoiceRow, onPlan: Set<string>): InvoiceState {
    const amountDue = Math.max(0, row.total + row.corrected - row.paid);
    let status: InvoiceStatus;
    if (row.void) status = 'void';
    else if (amountDue === 0) status = 'paid';
    else if (row.processing) status = 'processing';
    else if (onPlan.has(row.id)) status = 'on_plan';
    else if (row.due_date < today()) status = 'past_due';
    else status = 'open';
    return { row, amountDue: row.void ? 0 : amountDue, status };
  }

  async function loadInvoices(q: SqlQueryable, customerId: string): Promise<InvoiceState[]> {
    const [rows, onPlan] = await Promise.all([
      q.query<InvoiceRow>(`${INVOICE_SELECT} WHERE i.customer_id = $1 ORDER BY i.issue_date DESC, i.id DESC`, [customerId]),
      planInvoiceIds(q, customerId),
    ]);
    return rows.map((row) => stateOf(row, onPlan));
  }

  async function loadInvoice(q: SqlQueryable, customerId: string, invoiceId: string): Promise<InvoiceState> {
    const [[row], onPlan] = await Promise.all([
      q.query<InvoiceRow>(`${INVOICE_SELECT} WHERE i.customer_id = $1 AND i.id = $2`, [customerId, invoiceId]),
      planInvoiceIds(q, customerId),
    ]);
    if (!row) throw HttpError.notFound('There is no such invoice on this account.');
    return stateOf(row, onPlan);
  }

  function summaryOf({ row, amountDue, status }: InvoiceState): InvoiceSummary {
    return {
      id: row.id,
      number: row.number,
      status,
      issueDate: row.issue_date,
      dueDate: row.due_date,
      period: row.period_start && row.period_end ? { start: row.period_start, end: row.period_end } : null,
      total: money(row.total, row.currency),
      amountDue: money(amountDue, row.currency),
    };
  }

  async function loadMethods(q: SqlQueryable, customerId: string): Promise<MethodRow[]> {
    return q.query<MethodRow>(
      `SELECT * FROM payment_methods WHERE customer_id = $1 AND removed_at IS NULL
       ORDER BY is_default DESC, created_at ASC, id ASC`,
      [customerId],
    );
  }

  async function loadContactEmail(q: SqlQueryable, customerId: string): Promise<string | null> {
    const [row] = await q.query<{ email: string }>('SELECT email FROM contact_details WHERE customer_id = $1', [customerId]);
    return row?.email ?? null;
  }

  async function addHistory(
    q: SqlQueryable,
    customerId: string,
    entry: {
      channel: HistoryEntry['channel'];
      direction: HistoryEntry['direction'];
      kind: HistoryKind;
      subject: string;
      sentTo?: string | null;
      invoiceId?: string | null;
    },
  ): Promise<void> {
    await q.query(
      `INSERT INTO history (id, customer_id, occurred_at, channel, direction, kind, subject, sent_to, invoice_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [newId('evt'), customerId, clock(), entry.channel, entry.direction, entry.kind, entry.subject, entry.sentTo ?? null, entry.invoiceId ?? null],
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Payments and their settlement

  async function settleDuePayments(customerId?: string): Promise<number> {
    const now = clock();
    const due = await sql.query<{ id: string }>(
      `SELECT id FROM payments WHERE status = 'pending' AND settle_after <= $1 ${customerId ? 'AND customer_id = $2' : ''}
       ORDER BY settle_after`,
      customerId ? [now, customerId] : [now],
    );
    let settled = 0;
    for (const { id } of due) {
      const done = await sql.transaction(async (tx) => {
        const [payment] = await tx.query<PaymentRow & { customer_id: string }>(
          `${PAYMENT_SELECT} WHERE id = $1 AND status = 'pending' FOR UPDATE`,
          [id],
        );
        // Another instance (or request) settled it in the meantime.
        if (!payment) return false;
        const [method] = payment.payment_method_id
          ? await tx.query<MethodRow>('SELECT * FROM payment_methods WHERE id = $1', [payment.payment_method_id])
          : [];
        let outcome: SandboxOutcome = method ? method.outcome : 'bank_declined';
        if (method?.type === 'card' && isCardExpired(method.exp_month ?? 1, method.exp_year ?? 2000, now)) outcome = 'card_expired';
        const [invoice] = await tx.query<{ number: string }>('SELECT number FROM invoices WHERE id = $1', [payment.invoice_id]);
        const number = invoice?.number ?? '';
        const email = await loadContactEmail(tx, payment.customer_id);
        if (outcome === 'succeed') {
          await tx.query(`UPDATE payments SET status = 'succeeded', settled_at = $2 WHERE id = $1`, [id, now]);
          const [state] = await tx.query<InvoiceRow>(`${INVOICE_SELECT} WHERE i.id = $1`, [payment.invoice_id]);
          if (state && state.total + state.corrected - state.paid <= 0) {
            await tx.query('UPDATE invoices SET paid_at = $2 WHERE id = $1 AND paid_at IS NULL', [payment.invoice_id, now]);
          }
          await addHistory(tx, payment.customer_id, {
            channel: 'email',
            direction: 'outbound',
            kind: 'receipt',
            subject: `Payment received for invoice ${number} — thank you`,
            sentTo: email,
            invoiceId: payment.invoice_id,
          });
        } else {
          const failure = failureFor(outcome);
          await tx.query(
            `UPDATE payments SET status = 'failed', settled_at = $2, failure_reason = $3, failure_message = $4,
               suggested_action = $5 WHERE id = $1`,
            [id, now, failure.reason, failure.message, failure.suggestedAction],
          );
          await addHistory(tx, payment.customer_id, {
            channel: 'email',
            direction: 'outbound',
            kind: 'payment_failed',
            subject: `Your payment for invoice ${number} didn't go through`,
            sentTo: email,
            invoiceId: payment.invoice_id,
          });
        }
        return true;
      });
      if (done) settled += 1;
    }
    return settled;
  }

  async function loadPayment(q: SqlQueryable, customerId: string, paymentId: string): Promise<Payment> {
    const [row] = await q.query<PaymentRow>(`${PAYMENT_SELECT} WHERE id = $1 AND customer_id = $2`, [paymentId, customerId]);
    if (!row) throw HttpError.notFound('There is no such payment on this account.');
    return toPayment(row);
  }

  // ---------------------------------------------------------------------------------------------
  // Billing cycle

  async function loadCycle(q: SqlQueryable, customerId: string): Promise<CycleRow> {
    const [row] = await q.query<CycleRow>(
      `SELECT interval, billing_day, allowed_days, price_month, price_quarter, price_year,
         next_invoice_date::text AS next_invoice_date, version
       FROM billing_cycles WHERE customer_id = $1`,
      [customerId],
    );
    if (!row) throw HttpError.notFound('This account has no billing cycle.');
    // Time passes between reads: roll the next invoice date forward past today.
    let next = row.next_invoice_date;
    while (next < today()) next = addMonths(next, PERIOD_MONTHS[row.interval], row.billing_day);
    return { ...row, next_invoice_date: next };
  }

  const priceOf = (cycle: CycleRow, interval: BillingInterval): number =>
    interval === 'month' ? cycle.price_month : interval === 'quarter' ? cycle.price_quarter : cycle.price_year;

  function cycleOf(cycle: CycleRow, currency: string): BillingCycle {
    return {
      interval: cycle.interval,
      billingDay: cycle.billing_day,
      allowedBillingDays: cycle.allowed_days,
      options: (['month', 'quarter', 'year'] as const).map((interval) => ({
        interval,
        pricePerPeriod: money(priceOf(cycle, interval), currency),
        yearlySavings: money(
          Math.max(0, cycle.price_month * 12 - priceOf(cycle, interval) * (12 / PERIOD_MONTHS[interval])),
          currency,
        ),
      })),
      nextInvoiceDate: cycle.next_invoice_date,
      scheduledChange: null,
    };
  }

  function previewCycle(cycle: CycleRow, currency: string, change: CycleChangeRequest): CyclePreview {
    if (!cycle.allowed_days.includes(change.billingDay)) {
      throw HttpError.invalid([
        { path: 'billingDay', code: 'not_allowed', message: 'This day of the month cannot be chosen as billing day.' },
      ]);
    }
    // The period already paid for runs until the current next invoice date; the change starts then.
    const effectiveDate = cycle.next_invoice_date;
    const nextInvoiceDate = nextOnDay(effectiveDate, change.billingDay);
    const price = priceOf(cycle, change.interval);
    const gapDays = daysBetween(effectiveDate, nextInvoiceDate);
    const adjustments: CyclePreview['adjustments'] = [];
    if (gapDays > 0) {
      adjustments.push({
        kind: 'proration',
        description: `${gapDays} day${gapDays === 1 ? '' : 's'} from ${effectiveDate} to ${nextInvoiceDate}, to move your billing day to the ${change.billingDay}.`,
        amount: money(Math.round((price / PERIOD_DAYS[change.interval]) * gapDays), currency),
      });
    }
    return {
      interval: change.interval,
      billingDay: change.billingDay,
      effectiveDate,
      nextInvoiceDate,
      nextInvoiceAmount: money(price + adjustments.reduce((sum, a) => sum + a.amount.amount, 0), currency),
      adjustments,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Payment plans

  function eligibleInvoices(invoices: InvoiceState[]): InvoiceState[] {
    return invoices.filter((i) => i.status === 'open' || i.status === 'past_due');
  }

  function previewPlan(customer: CustomerRow, invoices: InvoiceState[], request: PlanRequest): PlanPreview {
    const policy = customer.plan_policy;
    const eligible = new Map(eligibleInvoices(invoices).map((i) => [i.row.id, i]));
    const violations = new Set<string>();
    if (!policy.enabled) violations.add('plans_not_offered');
    const chosen: InvoiceState[] = [];
    for (const id of new Set(request.invoiceIds)) {
      const invoice = eligible.get(id);
      if (invoice) chosen.push(invoice);
      else violations.add('invoice_not_eligible');
    }
    const total = chosen.reduce((sum, i) => sum + i.amountDue, 0);
    const start = today();
    let schedule: Instalment[];
    if (request.kind === 'instalments') {
      const count = request.instalments;
      if (count === undefined) {
        throw HttpError.invalid([{ path: 'instalments', code: 'required', message: 'Choose how many instalments.' }]);
      }
      if (count > policy.maxInstalments) violations.add('too_many_instalments');
      const base = Math.floor(total / count);
      if (base < policy.minInstalmentAmount.amount) violations.add('instalment_too_small');
      const firstDue = addDays(start, 7);
      schedule = Array.from({ length: count }, (_, index) => ({
        dueDate: addMonths(firstDue, index),
        // The remainder of the split goes on the first instalment, so every later one is equal.
        amount: money(base + (index === 0 ? total - base * count : 0), customer.currency),
        status: 'upcoming' as const,
      }));
    } else {
      const extendTo = request.extendTo;
      if (extendTo === undefined) {
        throw HttpError.invalid([{ path: 'extendTo', code: 'required', message: 'Choose the new due date.' }]);
      }
      if (extendTo <= start) {
        throw HttpError.invalid([{ path: 'extendTo', code: 'too_small', message: 'The new due date must be in the future.' }]);
      }
      const latestDue = chosen.reduce((latest, i) => (i.row.due_date > latest ? i.row.due_date : latest), start);
      if (daysBetween(latestDue, extendTo) > policy.maxDeferralDays) violations.add('deferral_too_long');
      schedule = [{ dueDate: extendTo, amount: money(total, customer.currency), status: 'upcoming' }];
    }
    return {
      kind: request.kind,
      total: money(total, customer.currency),
      schedule,
      withinPolicy: violations.size === 0,
      violations: [...violations],
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Questions

  async function loadQuestions(q: SqlQueryable, customerId: string, questionId?: string): Promise<Question[]> {
    const questions = await q.query<{
      id: string;
      invoice_id: string;
      line_id: string | null;
      subject: string;
      topic: Question['topic'];
      status: Question['status'];
      created_at: Date;
    }>(
      `SELECT id, invoice_id, line_id, subject, topic, status, created_at FROM questions
       WHERE customer_id = $1 ${questionId ? 'AND id = $2' : ''} ORDER BY created_at DESC, id DESC`,
      questionId ? [customerId, questionId] : [customerId],
    );
    if (questions.length === 0) return [];
    const messages = await q.query<{
      id: string;
      question_id: string;
      author: 'customer' | 'merchant';
      author_name: string | null;
      body: string;
      sent_at: Date;
    }>('SELECT id, question_id, author, author_name, body, sent_at FROM question_messages WHERE question_id = ANY($1) ORDER BY sent_at ASC, seq ASC', [questions.map((x) => x.id)]);
    return questions.map((question) => ({
      id: question.id,
      invoiceId: question.invoice_id,
      lineId: question.line_id,
      subject: question.subject,
      topic: question.topic,
      status: question.status,
      createdAt: iso(question.created_at),
      messages: messages
        .filter((m) => m.question_id === question.id)
        .map((m) => ({ id: m.id, author: m.author, authorName: m.author_name, body: m.body, sentAt: iso(m.sent_at) })),
    }));
  }

  async function loadQuestion(q: SqlQueryable, customerId: string, questionId: string): Promise<Question> {
    const [question] = await loadQuestions(q, customerId, questionId);
    if (!question) throw HttpError.notFound('There is no such question on this account.');
    return question;
  }

  // ---------------------------------------------------------------------------------------------
  // Contact details

  async function loadContactDetails(q: SqlQueryable, customerId: string): Promise<VersionedRecord<ContactDetails>> {
    const [row] = await q.query<{
      name: string;
      email: string;
      phone: string | null;
      billing_address: ContactDetails['billingAddress'];
      tax_id: string | null;
      preferred_channel: ContactDetails['preferences']['channel'];
      reminder_days_before: number;
      language: string;
      version: number;
    }>('SELECT * FROM contact_details WHERE customer_id = $1', [customerId]);
    if (!row) throw HttpError.notFound('This account has no contact details.');
    const recipients = await q.query<{ id: string; name: string; email: string }>(
      'SELECT id, name, email FROM invoice_recipients WHERE customer_id = $1 ORDER BY position, id',
      [customerId],
    );
    return {
      version: String(row.version),
      value: {
        name: row.name,
        email: row.email,
        phone: row.phone,
        billingAddress: row.billing_address,
        taxId: row.tax_id,
        recipients: recipients.map((r) => ({ id: r.id, name: r.name, email: r.email })),
        preferences: { channel: row.preferred_channel, reminderDaysBefore: row.reminder_days_before, language: row.language },
      },
    };
  }

  // ---------------------------------------------------------------------------------------------

  const adapter: ReferenceAdapter = {
    settleDuePayments,

    async getAccount({ customerId }: AdapterContext): Promise<AccountSummary> {
      await settleDuePayments(customerId);
      const customer = await loadCustomer(sql, customerId);
      const [invoices, methods, cycleRows] = await Promise.all([
        loadInvoices(sql, customerId),
        loadMethods(sql, customerId),
        sql.query('SELECT 1 FROM billing_cycles WHERE customer_id = $1', [customerId]),
      ]);
      const outstanding = invoices.filter((i) =>
        i.status === 'open' || i.status === 'past_due' || i.status === 'processing' || i.status === 'on_plan',
      );
      const failed = outstanding.find((i) => i.status !== 'processing' && i.row.last_payment_status === 'failed');
      let status: AccountStatus = 'good';
      if (failed) status = 'payment_failed';
      else if (outstanding.length > 0 && outstanding.every((i) => i.status === 'on_plan')) status = 'on_plan';
      else if (outstanding.some((i) => i.status === 'past_due')) status = 'past_due';
      else if (outstanding.length > 0) status = 'payment_due';

      let situation: Situation = 'none';
      if (status === 'on_plan') situation = 'hardship';
      else if (status === 'past_due' || status === 'payment_failed') {
        // Missed = overdue now, or paid after its due date within the last year.
        const yearAgo = addDays(today(), -365);
        const missed = invoices.filter(
          (i) =>
            i.status === 'past_due' ||
            (i.row.last_payment_status === 'failed' && outstanding.includes(i)) ||
            (i.row.paid_at !== null && toIsoDate(new Date(i.row.paid_at)) > i.row.due_date && i.row.due_date >= yearAgo),
        );
        situation = missed.length >= 2 ? 'repeated_missed' : 'first_missed';
      }

      let nextCharge: AccountSummary['nextCharge'] = null;
      if (cycleRows.length > 0) {
        const cycle = await loadCycle(sql, customerId);
        const defaultMethod = methods.find((m) => m.is_default) ?? null;
        nextCharge = {
          date: cycle.next_invoice_date,
          amount: money(priceOf(cycle, cycle.interval), customer.currency),
          paymentMethodId: defaultMethod?.id ?? null,
        };
      }

      return {
        customer: {
          id: customer.id,
          name: customer.name,
          greetingName: customer.greeting_name,
          kind: customer.kind,
          customerSince: customer.customer_since,
          segment: customer.segment,
          locale: customer.locale,
        },
        merchant: { name: customer.merchant_name },
        status,
        situation,
        balance: money(
          outstanding.reduce((sum, i) => sum + i.amountDue, 0),
          customer.currency,
        ),
        nextCharge,
        outstandingInvoices: outstanding.map(
          (i): OutstandingInvoice => ({
            id: i.row.id,
            number: i.row.number,
            dueDate: i.row.due_date,
            amountDue: money(i.amountDue, i.row.currency),
            status: i.status as OutstandingInvoice['status'],
          }),
        ),
        lastFailedPaymentId: failed?.row.last_payment_id ?? null,
        merchantNoteHtml: customer.merchant_note_html,
        humanContact: customer.human_contact,
        features: customer.features,
      };
    },

    getContactDetails: ({ customerId }) => loadContactDetails(sql, customerId),

    async updateContactDetails({ customerId }, body, expectedVersion) {
      return sql.transaction(async (tx) => {
        const updated = await tx.query(
          `UPDATE contact_details SET name = $3, email = $4, phone = $5, billing_address = $6, tax_id = $7,
             preferred_channel = $8, reminder_days_before = $9, language = $10,
             version = version + 1, updated_at = $11
           WHERE customer_id = $1 AND version::text = $2
           RETURNING version`,
          [
            customerId,
            expectedVersion,
            body.name,
            body.email,
            body.phone ?? null,
            JSON.stringify(body.billingAddress),
            body.taxId || null,
            body.preferences.channel,
            body.preferences.reminderDaysBefore,
            body.preferences.language,
            clock(),
          ],
        );
        if (updated.length === 0) {
          const [current] = await tx.query<{ version: number }>('SELECT version FROM contact_details WHERE customer_id = $1', [customerId]);
          if (!current) throw HttpError.notFound('This account has no contact details.');
          throw new VersionConflictError(String(current.version));
        }
        // Recipients keep their ids when the customer edits them; new ones get an id here.
        const existing = await tx.query<{ id: string }>('SELECT id FROM invoice_recipients WHERE customer_id = $1', [customerId]);
        const existingIds = new Set(existing.map((r) => r.id));
        const keep = new Set<string>();
        for (const [position, recipient] of body.recipients.entries()) {
          if (recipient.id && existingIds.has(recipient.id) && !keep.has(recipient.id)) {
            keep.add(recipient.id);
            await tx.query('UPDATE invoice_recipients SET name = $2, email = $3, position = $4 WHERE id = $1', [
              recipient.id,
              recipient.name,
              recipient.email,
              position,
            ]);
          } else {
            const id = newId('rcp');
            keep.add(id);
            await tx.query(
              'INSERT INTO invoice_recipients (id, customer_id, position, name, email) VALUES ($1, $2, $3, $4, $5)',
              [id, customerId, position, recipient.name, recipient.email],
            );
          }
        }
        await tx.query('DELETE FROM invoice_recipients WHERE customer_id = $1 AND NOT (id = ANY($2))', [customerId, [...keep]]);
        await tx.query('UPDATE customers SET locale = $2 WHERE id = $1', [customerId, body.preferences.language]);
        // Telling people when their details change is how account takeovers get noticed.
        await addHistory(tx, customerId, {
          channel: 'email',
          direction: 'outbound',
          kind: 'notice',
          subject: 'Your contact details were updated',
          sentTo: body.email,
        });
        return loadContactDetails(tx, customerId);
      });
    },

    async listInvoices({ customerId }, query) {
      await settleDuePayments(customerId);
      const offset = decodeCursor(query.cursor);
      const all = (await loadInvoices(sql, customerId)).filter((i) => !query.status || i.status === query.status);
      const { items, nextCursor } = page(all, offset, query.limit ?? DEFAULT_PAGE_SIZE);
      return { items: items.map(summaryOf), nextCursor };
    },

    async getInvoice({ customerId }, invoiceId) {
      await settleDuePayments(customerId);
      const state = await loadInvoice(sql, customerId, invoiceId);
      const [lines, payments, corrections] = await Promise.all([
        sql.query<{
          id: string;
          kind: InvoiceLine['kind'];
          description: string;
          period_start: string | null;
          period_end: string | null;
          quantity: number | null;
          unit: string | null;
          unit_amount: number | null;
          amount: number;
          explanation: string;
          tax_name: string | null;
          tax_percent: number | null;
          taxable_amount: number | null;
        }>(
          `SELECT id, kind, description, period_start::text AS period_start, period_end::text AS period_end, quantity, unit,
             unit_amount, amount, explanation, tax_name, tax_percent, taxable_amount
           FROM invoice_lines WHERE invoice_id = $1 ORDER BY position, id`,
          [invoiceId],
        ),
        sql.query<PaymentRow>(`${PAYMENT_SELECT} WHERE invoice_id = $1 ORDER BY created_at DESC, id DESC`, [invoiceId]),
        sql.query<{ id: string; number: string; issue_date: string; amount: number; note: string }>(
          'SELECT id, number, issue_date::text AS issue_date, amount, note FROM corrections WHERE invoice_id = $1 ORDER BY issue_date',
          [invoiceId],
        ),
      ]);
      const currency = state.row.currency;
      const detail: InvoiceDetail = {
        ...summaryOf(state),
        lines: lines.map((line) => ({
          id: line.id,
          kind: line.kind,
          description: line.description,
          period: line.period_start && line.period_end ? { start: line.period_start, end: line.period_end } : null,
          quantity: line.quantity,
          unit: line.unit,
          unitAmount: line.unit_amount === null ? null : money(line.unit_amount, currency),
          amount: money(line.amount, currency),
          explanation: line.explanation,
          tax:
            line.kind === 'tax' && line.tax_name !== null && line.tax_percent !== null
              ? { name: line.tax_name, percent: line.tax_percent, taxableAmount: money(line.taxable_amount ?? 0, currency) }
              : null,
        })),
        subtotal: money(state.row.total - state.row.tax_total, currency),
        taxTotal: money(state.row.tax_total, currency),
        amountPaid: money(state.row.paid, currency),
        payments: payments.map(toPayment),
        corrections: corrections.map((c) => ({
          id: c.id,
          number: c.number,
          issueDate: c.issue_date,
          amount: money(c.amount, currency),
          note: c.note,
        })),
        pdfUrl: state.row.pdf_url,
      };
      return detail;
    },

    async payInvoice({ customerId }, invoiceId, body) {
      return sql.transaction(async (tx) => {
        await tx.query('SELECT id FROM invoices WHERE id = $1 AND customer_id = $2 FOR UPDATE', [invoiceId, customerId]);
        const state = await loadInvoice(tx, customerId, invoiceId);
        if (state.status === 'processing') {
          throw HttpError.conflict('A payment for this invoice is already on its way.');
        }
        if (state.amountDue <= 0) throw HttpError.conflict('This invoice has nothing left to pay.');
        const [method] = await tx.query<MethodRow>(
          'SELECT * FROM payment_methods WHERE id = $1 AND customer_id = $2 AND removed_at IS NULL',
          [body.paymentMethodId, customerId],
        );
        if (!method) {
          throw HttpError.invalid([
            { path: 'paymentMethodId', code: 'not_found', message: 'This payment method is not on your account.' },
          ]);
        }
        const now = clock();
        const [row] = await tx.query<PaymentRow>(
          `INSERT INTO payments (id, customer_id, invoice_id, amount, currency, status, created_at, settle_after,
             payment_method_id, payment_method_label)
           VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9) RETURNING *`,
          [
            newId('pay'),
            customerId,
            invoiceId,
            state.amountDue,
            state.row.currency,
            now,
            new Date(now.getTime() + settleDelayMs),
            method.id,
            methodLabel(method),
          ],
        );
        return toPayment(row!);
      });
    },

    async getPayment({ customerId }, paymentId) {
      await settleDuePayments(customerId);
      return loadPayment(sql, customerId, paymentId);
    },

    async listPaymentMethods({ customerId }) {
      return { items: (await loadMethods(sql, customerId)).map(toPaymentMethod) };
    },

    async addPaymentMethod({ customerId }, body) {
      const parsed = parseSandboxToken(body.token);
      if (!parsed) {
        throw HttpError.invalid([{ path: 'token', code: 'invalid_token', message: 'The payment provider did not recognise this card.' }]);
      }
      if (parsed.type === 'card' && isCardExpired(parsed.expMonth, parsed.expYear, clock())) {
        throw HttpError.invalid([{ path: 'token', code: 'card_expired', message: 'This card has expired.' }]);
      }
      return sql.transaction(async (tx) => {
        const used = await tx.query('SELECT 1 FROM payment_methods WHERE token = $1', [body.token]);
        if (used.length > 0) {
          throw HttpError.invalid([{ path: 'token', code: 'token_used', message: 'This card token was already used. Please enter the card again.' }]);
        }
        const existing = await loadMethods(tx, customerId);
        const makeDefault = body.makeDefault || existing.length === 0;
        if (makeDefault) await tx.query('UPDATE payment_methods SET is_default = false WHERE customer_id = $1', [customerId]);
        const id = newId('pm');
        const [row] = await tx.query<MethodRow>(
          `INSERT INTO payment_methods (id, customer_id, type, brand, last4, exp_month, exp_year, bank_name, is_default, outcome, token, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
          [
            id,
            customerId,
            parsed.type,
            parsed.type === 'card' ? parsed.brand : null,
            parsed.last4,
            parsed.type === 'card' ? parsed.expMonth : null,
            parsed.type === 'card' ? parsed.expYear : null,
            parsed.type === 'bank_account' ? parsed.bankName : null,
            makeDefault,
            parsed.outcome,
            body.token,
            clock(),
          ],
        );
        await addHistory(tx, customerId, {
          channel: 'email',
          direction: 'outbound',
          kind: 'notice',
          subject: `${methodLabel(row!)} was added to your account`,
          sentTo: await loadContactEmail(tx, customerId),
        });
        return toPaymentMethod(row!);
      });
    },

    async setDefaultPaymentMethod({ customerId }, paymentMethodId) {
      return sql.transaction(async (tx) => {
        const methods = await loadMethods(tx, customerId);
        if (!methods.some((m) => m.id === paymentMethodId)) throw HttpError.notFound('There is no such payment method on this account.');
        await tx.query('UPDATE payment_methods SET is_default = (id = $2) WHERE customer_id = $1 AND removed_at IS NULL', [
          customerId,
          paymentMethodId,
        ]);
        return { items: (await loadMethods(tx, customerId)).map(toPaymentMethod) };
      });
    },

    async removePaymentMethod({ customerId }, paymentMethodId) {
      return sql.transaction(async (tx) => {
        const methods = await loadMethods(tx, customerId);
        const method = methods.find((m) => m.id === paymentMethodId);
        if (!method) throw HttpError.notFound('There is no such payment method on this account.');
        if (methods.length === 1) {
          const cycle = await tx.query('SELECT 1 FROM billing_cycles WHERE customer_id = $1', [customerId]);
          if (cycle.length > 0) {
            throw HttpError.conflict(
              'This is your only payment method and a charge is scheduled. Add another method before removing this one.',
              'payment_method_required',
            );
          }
        }
        await tx.query('UPDATE payment_methods SET removed_at = $2, is_default = false WHERE id = $1', [paymentMethodId, clock()]);
        if (method.is_default) {
          // The oldest remaining method takes over, so scheduled charges still have one.
          const next = methods.find((m) => m.id !== paymentMethodId);
          if (next) await tx.query('UPDATE payment_methods SET is_default = true WHERE id = $1', [next.id]);
        }
        return { items: (await loadMethods(tx, customerId)).map(toPaymentMethod) };
      });
    },

    async getBillingCycle({ customerId }) {
      const customer = await loadCustomer(sql, customerId);
      const cycle = await loadCycle(sql, customerId);
      return { value: cycleOf(cycle, customer.currency), version: String(cycle.version) };
    },

    async previewBillingCycle({ customerId }, body) {
      const customer = await loadCustomer(sql, customerId);
      return previewCycle(await loadCycle(sql, customerId), customer.currency, body);
    },

    async changeBillingCycle({ customerId }, body, expectedVersion) {
      return sql.transaction(async (tx) => {
        const customer = await loadCustomer(tx, customerId);
        const cycle = await loadCycle(tx, customerId);
        if (String(cycle.version) !== expectedVersion) throw new VersionConflictError(String(cycle.version));
        const preview = previewCycle(cycle, customer.currency, body);
        const updated = await tx.query<{ version: number }>(
          `UPDATE billing_cycles SET interval = $3, billing_day = $4, next_invoice_date = $5, version = version + 1
           WHERE customer_id = $1 AND version::text = $2 RETURNING version`,
          [customerId, expectedVersion, body.interval, body.billingDay, preview.nextInvoiceDate],
        );
        if (updated.length === 0) throw new VersionConflictError(String((await loadCycle(tx, customerId)).version));
        await addHistory(tx, customerId, {
          channel: 'email',
          direction: 'outbound',
          kind: 'notice',
          subject: `Your billing changes to every ${body.interval} on day ${body.billingDay}, from ${preview.effectiveDate}`,
          sentTo: await loadContactEmail(tx, customerId),
        });
        const fresh = await loadCycle(tx, customerId);
        return { value: cycleOf(fresh, customer.currency), version: String(fresh.version) };
      });
    },

    async getPaymentPlans({ customerId }) {
      const customer = await loadCustomer(sql, customerId);
      const [invoices, plans] = await Promise.all([
        loadInvoices(sql, customerId),
        sql.query<PlanRow>('SELECT * FROM payment_plans WHERE customer_id = $1 ORDER BY created_at DESC, id DESC', [customerId]),
      ]);
      return {
        policy: { ...customer.plan_policy, eligibleInvoiceIds: eligibleInvoices(invoices).map((i) => i.row.id) },
        plans: plans.map(toPlan),
      };
    },

    async previewPaymentPlan({ customerId }, body) {
      const customer = await loadCustomer(sql, customerId);
      return previewPlan(customer, await loadInvoices(sql, customerId), body);
    },

    async requestPaymentPlan({ customerId }, body) {
      return sql.transaction(async (tx) => {
        const customer = await loadCustomer(tx, customerId);
        const preview = previewPlan(customer, await loadInvoices(tx, customerId), body);
        if (preview.total.amount === 0) {
          throw HttpError.invalid([{ path: 'invoiceIds', code: 'not_eligible', message: 'None of these invoices can be covered by a plan.' }]);
        }
        const now = clock();
        const approved = preview.withinPolicy;
        const [row] = await tx.query<PlanRow>(
          `INSERT INTO payment_plans (id, customer_id, kind, status, created_at, invoice_ids, total, currency, schedule,
             reason, note, decision_note, decided_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
          [
            newId('plan'),
            customerId,
            body.kind,
            approved ? 'active' : 'pending',
            now,
            JSON.stringify([...new Set(body.invoiceIds)]),
            preview.total.amount,
            preview.total.currency,
            JSON.stringify(preview.schedule),
            body.reason ?? null,
            body.note ?? null,
            approved ? 'Approved straight away. Thank you for telling us — your new schedule is below, and nothing else changes.' : null,
            approved ? now : null,
          ],
        );
        const email = await loadContactEmail(tx, customerId);
        await addHistory(tx, customerId, {
          channel: 'email',
          direction: 'outbound',
          kind: approved ? 'plan_decision' : 'notice',
          subject: approved
            ? `Your ${body.kind === 'extension' ? 'extension' : 'payment plan'} is approved`
            : `We received your request for a ${body.kind === 'extension' ? 'later due date' : 'payment plan'}`,
          sentTo: email,
        });
        return toPlan(row!);
      });
    },

    async listQuestions({ customerId }) {
      return { items: await loadQuestions(sql, customerId) };
    },

    async askQuestion({ customerId }, body) {
      return sql.transaction(async (tx) => {
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
          subject = `${subject} — ${line.description}`.slice(0, 500);
        }
        const id = newId('q');
        const now = clock();
        await tx.query(
          `INSERT INTO questions (id, customer_id, invoice_id, line_id, subject, topic, status, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'open', $7)`,
          [id, customerId, body.invoiceId, body.lineId ?? null, subject, body.topic, now],
        );
        await tx.query(
          `INSERT INTO question_messages (id, question_id, author, author_name, body, sent_at) VALUES ($1, $2, 'customer', NULL, $3, $4)`,
          [newId('msg'), id, body.message, now],
        );
        await addHistory(tx, customerId, {
          channel: 'portal',
          direction: 'inbound',
          kind: 'question',
          subject: `Question about ${subject}`.slice(0, 500),
          invoiceId: body.invoiceId,
        });
        return loadQuestion(tx, customerId, id);
      });
    },

    getQuestion: ({ customerId }, questionId) => loadQuestion(sql, customerId, questionId),

    async replyToQuestion({ customerId }, questionId, body) {
      return sql.transaction(async (tx) => {
        const question = await loadQuestion(tx, customerId, questionId);
        await tx.query(
          `INSERT INTO question_messages (id, question_id, author, author_name, body, sent_at) VALUES ($1, $2, 'customer', NULL, $3, $4)`,
          [newId('msg'), questionId, body.message, clock()],
        );
        // A customer's follow-up reopens the thread for the merchant.
        await tx.query(`UPDATE questions SET status = 'open' WHERE id = $1`, [questionId]);
        await addHistory(tx, customerId, {
          channel: 'portal',
          direction: 'inbound',
          kind: 'question',
          subject: `Follow-up on ${question.subject}`.slice(0, 500),
          invoiceId: question.invoiceId,
        });
        return loadQuestion(tx, customerId, questionId);
      });
    },

    async listHistory({ customerId }, query) {
      await loadCustomer(sql, customerId);
      const offset = decodeCursor(query.cursor);
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await sql.query<{
        id: string;
        occurred_at: Date;
        channel: HistoryEntry['channel'];
        direction: HistoryEntry['direction'];
        kind: HistoryKind;
        subject: string;
        sent_to: string | null;
        invoice_id: string | null;
      }>(
        `SELECT id, occurred_at, channel, direction, kind, subject, sent_to, invoice_id FROM history
         WHERE customer_id = $1 ORDER BY occurred_at DESC, seq DESC LIMIT $2 OFFSET $3`,
        [customerId, limit + 1, offset],
      );
      const items = rows.slice(0, limit).map(
        (row): HistoryEntry => ({
          id: row.id,
          occurredAt: iso(row.occurred_at),
          channel: row.channel,
          direction: row.direction,
          kind: row.kind,
          subject: row.subject,
          sentTo: row.sent_to,
          invoiceId: row.invoice_id,
        }),
      );
      return { items, nextCursor: rows.length > limit ? `o${offset + limit}` : null };
    },

    async sendFeedback({ customerId }, body) {
      await loadCustomer(sql, customerId);
      const id = newId('fb');
      await sql.query('INSERT INTO feedback (id, customer_id, rating, comment, journey, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        id,
        customerId,
        body.rating,
        body.comment ?? null,
        body.journey,
        clock(),
      ]);
      return { id };
    },

    async requestCallback({ customerId }, body) {
      return sql.transaction(async (tx) => {
        const customer = await loadCustomer(tx, customerId);
        if (!customer.human_contact?.callbackAvailable) {
          throw HttpError.conflict('Call-backs are not offered for this account. Please use one of the other channels.');
        }
        if (body.date < today()) {
          throw HttpError.invalid([{ path: 'date', code: 'too_small', message: 'Choose today or a later date.' }]);
        }
        const id = newId('cb');
        const now = clock();
        await tx.query(
          `INSERT INTO callbacks (id, customer_id, phone, date, time_window, topic, status, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7)`,
          [id, customerId, body.phone, body.date, body.window, body.topic ?? null, now],
        );
        await addHistory(tx, customerId, {
          channel: 'portal',
          direction: 'inbound',
          kind: 'callback',
          subject: `Call-back requested for ${body.date} (${body.window})`,
          sentTo: body.phone,
        });
        return { id, status: 'requested' as const, date: body.date, window: body.window, createdAt: iso(now) };
      });
    },
  };
  return adapter;
}
