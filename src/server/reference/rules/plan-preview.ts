/** Payment plans and extensions: which invoices a plan may cover, its schedule, and the policy. */
import type { Instalment, PlanPreview, PlanRequest } from '../../../contract/index.ts';
import { HttpError } from '../../errors.ts';
import { addDays, addMonths, daysBetween, toIsoDate } from '../dates.ts';
import type { StoredPlanPolicy } from '../rows.ts';
import { money } from '../to-contract.ts';
import type { InvoiceState } from './invoice-status.ts';
import { refusal, REFUSALS } from '../messages.ts';

/** The longest deferral anyone can ask for: the most a plan policy can grant (`maxDeferralDays`). */
export const MAX_DEFERRAL_ASKED_DAYS = 365;

/** Days from the request to the first instalment's due date. */
const FIRST_INSTALMENT_AFTER_DAYS = 7;

/** The invoices a plan may cover: open or past due (not paid, void, processing or on a plan). */
export function planEligible(invoices: readonly InvoiceState[]): InvoiceState[] {
  return invoices.filter((i) => i.status === 'open' || i.status === 'past_due');
}

/**
 * What a plan request would give, checked against the merchant's policy. Instalments are monthly
 * from a week after today, the remainder of the split on the first, so every later one is equal;
 * an extension is one payment of everything on the new date. A request outside the policy still
 * previews, with its violations listed (the merchant decides on it); 422 only for a request that
 * cannot be previewed at all. Days are calendar days in UTC.
 */
export function previewPlan(input: {
  policy: StoredPlanPolicy;
  currency: string;
  invoices: readonly InvoiceState[];
  request: PlanRequest;
  now: Date;
}): PlanPreview {
  const { policy, currency, request } = input;
  const eligible = new Map(planEligible(input.invoices).map((i) => [i.row.id, i]));
  const violations = new Set<string>();
  if (!policy.enabled) violations.add('plans_not_offered');
  const chosen: InvoiceState[] = [];
  for (const id of new Set(request.invoiceIds)) {
    const invoice = eligible.get(id);
    if (invoice) chosen.push(invoice);
    else violations.add('invoice_not_eligible');
  }
  const total = chosen.reduce((sum, i) => sum + i.amountDue, 0);
  const start = toIsoDate(input.now);
  let schedule: Instalment[];
  if (request.kind === 'instalments') {
    const count = request.instalments;
    if (count === undefined) {
      throw HttpError.invalid([refusal('instalments', 'required', REFUSALS.instalmentsRequired)]);
    }
    if (count > policy.maxInstalments) violations.add('too_many_instalments');
    const base = Math.floor(total / count);
    if (base < policy.minInstalmentAmount.amount) violations.add('instalment_too_small');
    const firstDue = addDays(start, FIRST_INSTALMENT_AFTER_DAYS);
    schedule = Array.from({ length: count }, (_, index) => ({
      dueDate: addMonths(firstDue, index),
      amount: money(base + (index === 0 ? total - base * count : 0), currency),
      status: 'upcoming' as const,
    }));
  } else {
    const extendTo = request.extendTo;
    if (extendTo === undefined) {
      throw HttpError.invalid([refusal('extendTo', 'required', REFUSALS.extendToRequired)]);
    }
    if (extendTo <= start) {
      throw HttpError.invalid([refusal('extendTo', 'too_small', REFUSALS.extendToPast)]);
    }
    // The deferral counts from the latest due date among the chosen invoices (today at the earliest).
    const latestDue = chosen.reduce((latest, i) => (i.row.due_date > latest ? i.row.due_date : latest), start);
    // Past the policy, a request waits for the merchant; past what any policy may grant, it is refused.
    if (daysBetween(latestDue, extendTo) > MAX_DEFERRAL_ASKED_DAYS) {
      throw HttpError.invalid([refusal('extendTo', 'too_big', REFUSALS.extendToTooFar(MAX_DEFERRAL_ASKED_DAYS))]);
    }
    if (daysBetween(latestDue, extendTo) > policy.maxDeferralDays) violations.add('deferral_too_long');
    schedule = [{ dueDate: extendTo, amount: money(total, currency), status: 'upcoming' }];
  }
  return {
    kind: request.kind,
    total: money(total, currency),
    schedule,
    withinPolicy: violations.size === 0,
    violations: [...violations],
  };
}
