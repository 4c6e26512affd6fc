import type { PaymentPlan, PlanRequest } from '../../../contract/index.ts';
import type { BillingAdapter } from '../../adapter.ts';
import { HttpError } from '../../errors.ts';
import type { PlanRow } from '../rows.ts';
import { planEligible, previewPlan } from '../rules/plan-preview.ts';
import { translatedColumns } from '../localized.ts';
import type { SqlQueryable } from '../sql.ts';
import { toPlan } from '../to-contract.ts';
import { loadContactEmail } from './contact-details.ts';
import { loadCustomer } from './customers.ts';
import { newId, type ReferenceEnv } from './env.ts';
import { addHistory } from './history.ts';
import { loadInvoices } from './invoice-queries.ts';
import { APPROVED_AT_ONCE_NOTE, refusal, REFUSALS, SUBJECTS } from '../messages.ts';

/** The preview of a plan request for the customer, against their policy and their invoices now. */
async function preview(env: ReferenceEnv, q: SqlQueryable, customerId: string, request: PlanRequest) {
  const customer = await loadCustomer(q, customerId);
  const now = env.now();
  const invoices = await loadInvoices(q, customerId, now);
  return previewPlan({ policy: customer.plan_policy, currency: customer.currency, invoices, request, now });
}

/**
 * Ask for a payment plan or an extension. Within the policy it is active at once; beyond it, it
 * waits for the merchant's decision. 422 when none of the invoices can be covered.
 */
export async function requestPaymentPlan(
  env: ReferenceEnv,
  tx: SqlQueryable,
  customerId: string,
  body: PlanRequest,
  languages: readonly string[] = [],
): Promise<PaymentPlan> {
  const planned = await preview(env, tx, customerId, body);
  if (planned.total.amount === 0) {
    throw HttpError.invalid([refusal('invoiceIds', 'not_eligible', REFUSALS.notEligible)]);
  }
  const now = env.now();
  const approved = planned.withinPolicy;
  // The decision note is kept in every language, so the plan reads right in whichever is asked later.
  const decision = approved ? translatedColumns({ decision_note: APPROVED_AT_ONCE_NOTE[body.kind] }) : null;
  const [row] = await tx.query<PlanRow>(
    `INSERT INTO payment_plans (id, customer_id, kind, status, created_at, invoice_ids, total, currency, schedule,
       reason, note, decision_note, decided_at, text_lang, translations)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
    [
      newId('plan'),
      customerId,
      body.kind,
      approved ? 'active' : 'pending',
      now,
      JSON.stringify([...new Set(body.invoiceIds)]),
      planned.total.amount,
      planned.total.currency,
      JSON.stringify(planned.schedule),
      body.reason ?? null,
      body.note ?? null,
      decision?.own.decision_note ?? null,
      approved ? now : null,
      decision?.text_lang ?? null,
      JSON.stringify(decision?.translations ?? {}),
    ],
  );
  await addHistory(env, tx, customerId, {
    channel: 'email',
    direction: 'outbound',
    kind: approved ? 'plan_decision' : 'notice',
    subject: approved ? SUBJECTS.planApproved(body.kind) : SUBJECTS.planReceived(body.kind),
    sentTo: await loadContactEmail(tx, customerId),
  });
  return toPlan(row!, languages);
}

/** Payment plans: the policy and past plans, a preview, and a request. */
export function paymentPlansAdapter(
  env: ReferenceEnv,
): Pick<BillingAdapter, 'getPaymentPlans' | 'previewPaymentPlan' | 'requestPaymentPlan'> {
  const { sql } = env;
  return {
    async getPaymentPlans({ customerId, languages = [] }) {
      const customer = await loadCustomer(sql, customerId);
      const [invoices, plans] = await Promise.all([
        loadInvoices(sql, customerId, env.now()),
        sql.query<PlanRow>('SELECT * FROM payment_plans WHERE customer_id = $1 ORDER BY created_at DESC, id DESC', [customerId]),
      ]);
      return {
        policy: { ...customer.plan_policy, eligibleInvoiceIds: planEligible(invoices).map((i) => i.row.id) },
        plans: plans.map((plan) => toPlan(plan, languages)),
      };
    },
    previewPaymentPlan: ({ customerId }, body) => preview(env, sql, customerId, body),
    requestPaymentPlan: ({ customerId, languages }, body) =>
      env.change(
        customerId,
        (tx) => requestPaymentPlan(env, tx, customerId, body, languages),
        (plan) => ({ type: 'payment_plan.requested', data: { plan } }),
      ),
  };
}
