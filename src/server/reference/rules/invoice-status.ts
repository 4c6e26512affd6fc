/** What an invoice's status and amount due are, derived from its stored facts. */
import type { InvoiceStatus } from '../../../contract/index.ts';
import { toIsoDate } from '../dates.ts';
import type { InvoiceRow } from '../rows.ts';

/** An invoice with what is derived from it. */
export interface InvoiceState {
  row: InvoiceRow;
  /** What is left to pay, in minor units; 0 for a void invoice. */
  amountDue: number;
  status: InvoiceStatus;
}

/** What is left to pay on an invoice: its lines plus corrections minus succeeded payments. */
export function amountDueOf(row: Pick<InvoiceRow, 'total' | 'corrected' | 'paid'>): number {
  return Math.max(0, row.total + row.corrected - row.paid);
}

/**
 * An invoice's status, first match wins: void; paid when nothing is left to pay; processing
 * while a payment is pending; on_plan when an open plan covers it; past_due from the day after
 * its due date; else open. `onPlan` holds the ids of invoices an approved or active plan covers.
 * Days are calendar days in UTC, like every billing date here.
 */
export function invoiceState(row: InvoiceRow, onPlan: ReadonlySet<string>, now: Date): InvoiceState {
  const amountDue = amountDueOf(row);
  let status: InvoiceStatus;
  if (row.void) status = 'void';
  else if (amountDue === 0) status = 'paid';
  else if (row.processing) status = 'processing';
  else if (onPlan.has(row.id)) status = 'on_plan';
  else if (row.due_date < toIsoDate(now)) status = 'past_due';
  else status = 'open';
  return { row, amountDue: row.void ? 0 : amountDue, status };
}
