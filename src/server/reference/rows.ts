/**
 * The reference adapter's rows as its queries select them. Calendar dates are selected as
 * `::text` (`YYYY-MM-DD`), so neither driver turns them into local-midnight `Date`s.
 */
import type {
  BillingInterval,
  ContactDetails,
  Feature,
  HistoryEntry,
  HistoryKind,
  HumanContact,
  Instalment,
  InvoiceLine,
  PaymentPlan,
  PlanPolicy,
  Question,
} from '../../contract/index.ts';
import type { SandboxOutcome } from './sandbox-cards.ts';
import type { TranslatedRow } from './localized.ts';
import type { Row } from './sql.ts';

/** The plan policy as stored per customer (eligible invoices are derived). */
export type StoredPlanPolicy = Omit<PlanPolicy, 'eligibleInvoiceIds'>;

/** `customers`: who the customer is, and what the merchant offers them. */
export interface CustomerRow extends TranslatedRow {
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
  /** As stored: without `availability`, which lives in `contact_time_zone` and `contact_hours`. */
  human_contact: HumanContact | null;
  /** The contact's IANA time zone; their hours are known exactly when it is set. */
  contact_time_zone: string | null;
  features: Feature[];
  plan_policy: StoredPlanPolicy;
}

/** `contact_hours`: one weekly window of the human contact, `HH:MM` on their clock. */
export interface ContactHoursRow extends Row {
  weekday: number;
  starts: string;
  ends: string;
}

/** An invoice with the sums its status is derived from (see `INVOICE_SELECT`). */
export interface InvoiceRow extends Row {
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
  /** Sum of the charge lines (subscription, usage, one-off, fees). */
  subtotal: number;
  /** Sum of the discount and credit lines (zero or negative). */
  discount_total: number;
  tax_total: number;
  /** Sum of the credit notes and corrections (negative for a credit). */
  corrected: number;
  /** What the invoice asks for: every line plus the credit notes. */
  total: number;
  /** Sum of succeeded payments. */
  paid: number;
  /** A payment is pending. */
  processing: boolean;
  /** The newest pending payment, while one is. */
  pending_payment_id: string | null;
  pending_amount: number | null;
  pending_created_at: Date | null;
  last_payment_id: string | null;
  last_payment_status: string | null;
  last_failure_reason: string | null;
}

/** `invoice_lines`. */
export interface InvoiceLineRow extends TranslatedRow {
  id: string;
  kind: InvoiceLine['kind'];
  description: string;
  period_start: string | null;
  period_end: string | null;
  quantity: number | null;
  unit: string | null;
  /** An exact decimal of minor units, as text (`24.5`). */
  unit_amount_decimal: string | null;
  amount: number;
  line_group: string | null;
  explanation: string;
  tax_name: string | null;
  tax_percent: number | null;
  taxable_amount: number | null;
}

/** `corrections`: credit notes and corrections of an invoice. */
export interface CorrectionRow extends TranslatedRow {
  id: string;
  number: string;
  issue_date: string;
  amount: number;
  note: string;
}

/** `payments`. */
export interface PaymentRow extends Row {
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

/** `payment_methods`; `outcome` is what the sandbox processor does when it is charged. */
export interface MethodRow extends Row {
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

/** `billing_cycles`: the customer's interval, billing day and the price of each interval. */
export interface CycleRow extends Row {
  interval: BillingInterval;
  billing_day: number;
  allowed_days: number[];
  price_month: number;
  price_quarter: number;
  price_year: number;
  next_invoice_date: string;
  version: number;
}

/** `payment_plans`. */
export interface PlanRow extends TranslatedRow {
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

/** `contact_details`. */
export interface ContactRow extends Row {
  name: string;
  email: string;
  phone: string | null;
  billing_address: ContactDetails['billingAddress'];
  tax_id: string | null;
  preferred_channel: ContactDetails['preferences']['channel'];
  reminder_days_before: number;
  language: string;
  version: number;
}

/** `invoice_recipients`. */
export interface RecipientRow extends Row {
  id: string;
  name: string;
  email: string;
}

/** `questions`. */
export interface QuestionRow extends Row {
  id: string;
  invoice_id: string;
  line_id: string | null;
  subject: string;
  topic: Question['topic'];
  status: Question['status'];
  created_at: Date;
}

/** `question_messages`. */
export interface QuestionMessageRow extends TranslatedRow {
  id: string;
  question_id: string;
  author: 'customer' | 'merchant';
  author_name: string | null;
  body: string;
  sent_at: Date;
}

/** `history`: what was sent to the customer, or received from them, on which channel. */
export interface HistoryRow extends TranslatedRow {
  id: string;
  occurred_at: Date;
  channel: HistoryEntry['channel'];
  direction: HistoryEntry['direction'];
  kind: HistoryKind;
  subject: string;
  sent_to: string | null;
  invoice_id: string | null;
}
