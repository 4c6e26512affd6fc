import type { BillingCycle, CycleChangeRequest } from '../../../contract/index.ts';
import type { BillingAdapter, VersionedRecord } from '../../adapter.ts';
import { HttpError, VersionConflictError } from '../../errors.ts';
import type { CycleRow } from '../rows.ts';
import { previewCycleChange, rollForward, toBillingCycle } from '../rules/cycle-preview.ts';
import type { SqlQueryable } from '../sql.ts';
import { loadContactEmail } from './contact-details.ts';
import { loadCustomer } from './customers.ts';
import type { ReferenceEnv } from './env.ts';
import { addHistory } from './history.ts';
import { SUBJECTS } from '../messages.ts';

/** The customer's billing cycle, its next invoice date rolled forward to today or later; 404 without one. */
export async function loadCycle(q: SqlQueryable, customerId: string, now: Date): Promise<CycleRow> {
  const [row] = await q.query<CycleRow>(
    `SELECT interval, billing_day, allowed_days, price_month, price_quarter, price_year,
       next_invoice_date::text AS next_invoice_date, version
     FROM billing_cycles WHERE customer_id = $1`,
    [customerId],
  );
  if (!row) throw HttpError.notFound('This account has no billing cycle.');
  return rollForward(row, now);
}

/**
 * Change the interval and billing day if the cycle's version still is `expectedVersion`
 * (compare-and-set in the UPDATE itself), from the date the preview gives, and tell the customer.
 */
export async function changeBillingCycle(
  env: ReferenceEnv,
  tx: SqlQueryable,
  customerId: string,
  body: CycleChangeRequest,
  expectedVersion: string,
): Promise<VersionedRecord<BillingCycle>> {
  const customer = await loadCustomer(tx, customerId);
  const cycle = await loadCycle(tx, customerId, env.now());
  if (String(cycle.version) !== expectedVersion) throw new VersionConflictError(String(cycle.version));
  const preview = previewCycleChange(cycle, customer.currency, body);
  const updated = await tx.query<{ version: number }>(
    `UPDATE billing_cycles SET interval = $3, billing_day = $4, next_invoice_date = $5, version = version + 1
     WHERE customer_id = $1 AND version::text = $2 RETURNING version`,
    [customerId, expectedVersion, body.interval, body.billingDay, preview.nextInvoiceDate],
  );
  if (updated.length === 0) throw new VersionConflictError(String((await loadCycle(tx, customerId, env.now())).version));
  await addHistory(env, tx, customerId, {
    channel: 'email',
    direction: 'outbound',
    kind: 'notice',
    // The date it starts is the cycle's own field (`scheduledChange`), not words in a subject.
    subject: SUBJECTS.cycleChanged(body.interval, body.billingDay),
    sentTo: await loadContactEmail(tx, customerId),
  });
  const fresh = await loadCycle(tx, customerId, env.now());
  return { value: toBillingCycle(fresh, customer.currency), version: String(fresh.version) };
}

/** The billing cycle: read it, preview a change, change it. */
export function billingCycleAdapter(
  env: ReferenceEnv,
): Pick<BillingAdapter, 'getBillingCycle' | 'previewBillingCycle' | 'changeBillingCycle'> {
  const { sql } = env;
  return {
    async getBillingCycle({ customerId }) {
      const customer = await loadCustomer(sql, customerId);
      const cycle = await loadCycle(sql, customerId, env.now());
      return { value: toBillingCycle(cycle, customer.currency), version: String(cycle.version) };
    },
    async previewBillingCycle({ customerId }, body) {
      const customer = await loadCustomer(sql, customerId);
      return previewCycleChange(await loadCycle(sql, customerId, env.now()), customer.currency, body);
    },
    changeBillingCycle: ({ customerId }, body, expectedVersion) =>
      env.change(
        customerId,
        (tx) => changeBillingCycle(env, tx, customerId, body, expectedVersion),
        (cycle) => ({ type: 'billing_cycle.changed', data: { billingCycle: cycle.value } }),
      ),
  };
}
