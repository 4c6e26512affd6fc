/** Rows as the contract shows them: pure conversions, no queries. */
import type {
  ContactDetails,
  HistoryEntry,
  HumanContact,
  InvoiceLine,
  InvoiceSummary,
  Money,
  Payment,
  PaymentMethod,
  PaymentPlan,
  Question,
} from '../../contract/index.ts';
import { localized } from './localized.ts';
import type { InvoiceState } from './rules/invoice-status.ts';
import type {
  ContactHoursRow,
  ContactRow,
  CustomerRow,
  HistoryRow,
  InvoiceLineRow,
  MethodRow,
  PaymentRow,
  PlanRow,
  QuestionMessageRow,
  QuestionRow,
  RecipientRow,
} from './rows.ts';

/** An amount in minor units of `currency`. */
export const money = (amount: number, currency: string): Money => ({ amount, currency });

/** An instant as the contract writes it (ISO 8601, UTC). */
export const iso = (value: Date | string): string => new Date(value).toISOString();

/** {@link iso}, passing `null` through. */
export const isoOrNull = (value: Date | string | null | undefined): string | null => (value ? iso(value) : null);

/** How a saved method is named in messages and on a payment (`Visa •••• 4242`). */
export function methodLabel(method: MethodRow): string {
  if (method.type === 'card') return `${method.brand ?? 'Card'} •••• ${method.last4 ?? ''}`.trim();
  if (method.type === 'bank_account') return `${method.bank_name ?? 'Bank account'} •••• ${method.last4 ?? ''}`.trim();
  return `${method.provider ?? 'Wallet'} ${method.label ?? ''}`.trim();
}

/** A saved payment method. */
export function toPaymentMethod(row: MethodRow): PaymentMethod {
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

/** A payment; only a failed one carries its failure. */
export function toPayment(row: PaymentRow): Payment {
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
            // The reference keeps a failure's words in English only (the sandbox's and the seed's).
            ...(row.failure_message ? { lang: 'en' } : {}),
            nextRetryAt: isoOrNull(row.next_retry_at),
            suggestedAction: (row.suggested_action ?? 'contact_us') as NonNullable<Payment['failure']>['suggestedAction'],
          }
        : null,
  };
}

/** A payment plan or extension, the merchant's decision in the best of `languages`. */
export function toPlan(stored: PlanRow, languages: readonly string[]): PaymentPlan {
  const row = localized(stored, languages);
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
    lang: row.decision_note === null ? null : row.text_lang,
    decidedAt: isoOrNull(row.decided_at),
  };
}

/** An invoice as listed, with its derived status and amount due. */
export function toInvoiceSummary({ row, amountDue, status, dueDate }: InvoiceState): InvoiceSummary {
  return {
    id: row.id,
    number: row.number,
    status,
    issueDate: row.issue_date,
    dueDate,
    period: row.period_start && row.period_end ? { start: row.period_start, end: row.period_end } : null,
    total: money(row.total, row.currency),
    amountDue: money(amountDue, row.currency),
  };
}

/**
 * One line of an invoice, its texts in the best of `languages`; only a tax line carries its rate
 * and taxable amount.
 */
export function toInvoiceLine(stored: InvoiceLineRow, currency: string, languages: readonly string[]): InvoiceLine {
  const line = localized(stored, languages);
  return {
    id: line.id,
    kind: line.kind,
    description: line.description,
    period: line.period_start && line.period_end ? { start: line.period_start, end: line.period_end } : null,
    quantity: line.quantity,
    unit: line.unit,
    unitAmountDecimal: line.unit_amount_decimal,
    amount: money(line.amount, currency),
    group: line.line_group,
    explanation: line.explanation,
    lang: line.text_lang,
    tax:
      line.kind === 'tax' && line.tax_name !== null && line.tax_percent !== null
        ? { name: line.tax_name, percent: line.tax_percent, taxableAmount: money(line.taxable_amount ?? 0, currency) }
        : null,
  };
}

/**
 * The account's human contact as the contract shows them: the stored contact with their weekly
 * hours, which are known exactly when a time zone is stored (`null` keeps call backs unrestricted).
 * `customer` is as {@link localized} gave it, so the contact's texts are in its `text_lang`.
 */
export function toHumanContact(customer: CustomerRow, hours: readonly ContactHoursRow[]): HumanContact | null {
  if (!customer.human_contact) return null;
  const { availability: _stored, ...contact } = customer.human_contact;
  return {
    ...contact,
    lang: customer.text_lang,
    availability: customer.contact_time_zone
      ? { timeZone: customer.contact_time_zone, weekly: hours.map((h) => ({ weekday: h.weekday, start: h.starts, end: h.ends })) }
      : null,
  };
}

/** Contact details with their invoice recipients in order. */
export function toContactDetails(row: ContactRow, recipients: readonly RecipientRow[]): ContactDetails {
  return {
    name: row.name,
    email: row.email,
    phone: row.phone,
    billingAddress: row.billing_address,
    taxId: row.tax_id,
    recipients: recipients.map((r) => ({ id: r.id, name: r.name, email: r.email })),
    preferences: { channel: row.preferred_channel, reminderDaysBefore: row.reminder_days_before, language: row.language },
  };
}

/** A question with its own messages, oldest first as given. */
export function toQuestion(question: QuestionRow, messages: readonly QuestionMessageRow[]): Question {
  return {
    id: question.id,
    invoiceId: question.invoice_id,
    lineId: question.line_id,
    subject: question.subject,
    topic: question.topic,
    status: question.status,
    createdAt: iso(question.created_at),
    messages: messages
      .filter((m) => m.question_id === question.id)
      .map((m) => ({ id: m.id, author: m.author, authorName: m.author_name, body: m.body, lang: m.text_lang, sentAt: iso(m.sent_at) })),
  };
}

/** One entry of the history, its subject in the best of `languages`. */
export function toHistoryEntry(stored: HistoryRow, languages: readonly string[]): HistoryEntry {
  const row = localized(stored, languages);
  return {
    id: row.id,
    occurredAt: iso(row.occurred_at),
    channel: row.channel,
    direction: row.direction,
    kind: row.kind,
    subject: row.subject,
    lang: row.text_lang,
    sentTo: row.sent_to,
    invoiceId: row.invoice_id,
  };
}
