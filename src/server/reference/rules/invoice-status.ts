/** What an invoice's status, due date and amount due are, derived from its stored facts. */
import type { InvoiceStatus } from '../../../contract/index.ts';
import { toIsoDate } from '../dates.ts';
import type { InvoiceRow } from '../rows.ts';
import { movedDueDate, type CoveringPlan } from './plan-coverage.ts';

/** An invoice with what is derived from it. */
export interface InvoiceState {
  row: InvoiceRow;
  /** What is left to pay, in minor units; 0 for a void invoice. */
  amountDue: number;
  status: InvoiceStatus;
  /** When it is due now: the stored due date, or the date an extension moved it to. */
  dueDate: string;
  /** The open plan covering it, if one does. */
  plan: CoveringPlan | undefined;
}

/** What is left to pay on an invoice: its total (credit notes included) minus succeeded payments. */
export function amountDueOf(row: Pick<InvoiceRow, 'total' | 'paid'>): number {
  return Math.max(0, row.total - row.paid);
}

/**
 * An invoice's status, first match wins: void; paid when nothing is left to pay; processing
 * while a payment is pending; on_plan when an open plan covers it; past_due from the day after
 * its due date; else open. `plans` maps invoice ids to the approved or active plan covering them
 * (see `coveringPlans`). An extension moves the due date itself. Days are calendar days in UTC,
 * like every billing date here.
 */
export function invoiceState(row: InvoiceRow, plans: ReadonlyMap<string, CoveringPlan>, now: Date): InvoiceState {
  const amountDue = amountDueOf(row);
  const plan = plans.get(row.id);
  const dueDate = movedDueDate(plan) ?? row.due_date;
  let status: InvoiceStatus;
  if (row.void) status = 'void';
  else if (amountDue === 0) status = 'paid';
  else if (row.processing) status = 'processing';
  else if (plan) status = 'on_plan';
  else if (dueDate < toIsoDate(now)) status = 'past_due';
  else status = 'open';
  return { row, amountDue: row.void ? 0 : amountDue, status, dueDate, plan };
}
