/** Which open payment plan covers an invoice, and what that plan asks for next. */
import type { Instalment, PaymentPlan } from '../../../contract/index.ts';

/** Plans in these states cover their invoices. */
export const OPEN_PLAN_STATUSES: readonly PaymentPlan['status'][] = ['approved', 'active'];

/** A plan as it bears on the invoices it covers. */
export interface CoveringPlan {
  id: string;
  kind: PaymentPlan['kind'];
  schedule: readonly Instalment[];
}

/** What {@link coveringPlans} reads of a stored plan. */
export interface PlanFacts extends CoveringPlan {
  status: PaymentPlan['status'];
  created_at: Date | string;
  invoice_ids: readonly string[];
}

/**
 * The open plan covering each invoice, by invoice id. Should two open plans cover one invoice,
 * the newest counts: it is the one the customer agreed to last.
 */
export function coveringPlans(plans: readonly PlanFacts[]): Map<string, CoveringPlan> {
  const open = plans
    .filter((plan) => OPEN_PLAN_STATUSES.includes(plan.status))
    .sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime());
  const covering = new Map<string, CoveringPlan>();
  for (const plan of open) {
    for (const invoiceId of plan.invoice_ids) covering.set(invoiceId, { id: plan.id, kind: plan.kind, schedule: plan.schedule });
  }
  return covering;
}

/**
 * The instalment the customer pays next: the earliest one not paid yet (a missed one first, so
 * an overdue instalment is never hidden behind a later date). For an extension that is its one
 * payment, on the moved due date. `undefined` when everything is paid.
 */
export function nextInstalment(plan: CoveringPlan): Instalment | undefined {
  return [...plan.schedule]
    .filter((instalment) => instalment.status !== 'paid')
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0))[0];
}

/** The due date an extension moved an invoice to; `undefined` for instalments. */
export function movedDueDate(plan: CoveringPlan | undefined): string | undefined {
  if (plan?.kind !== 'extension') return undefined;
  return plan.schedule.reduce<string | undefined>((latest, i) => (latest === undefined || i.dueDate > latest ? i.dueDate : latest), undefined);
}
