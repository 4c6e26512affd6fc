import type { BillingAdapter } from '../../adapter.ts';
import { accountSummary } from '../rules/account-standing.ts';
import { nextChargeOf } from '../rules/cycle-preview.ts';
import { loadCycle } from './billing-cycle.ts';
import { loadCustomer, loadHumanContact } from './customers.ts';
import type { ReferenceEnv } from './env.ts';
import { loadInvoices } from './invoice-queries.ts';
import { loadMethods } from './payment-methods.ts';
import { settleDuePayments } from './payments.ts';

/** The account summary: who, where the account stands, what is outstanding, the next charge. */
export function accountAdapter(env: ReferenceEnv): Pick<BillingAdapter, 'getAccount'> {
  const { sql } = env;
  return {
    async getAccount({ customerId, languages = [] }) {
      await settleDuePayments(env, customerId);
      const customer = await loadCustomer(sql, customerId, languages);
      const now = env.now();
      const [invoices, methods, cycleRows, humanContact] = await Promise.all([
        loadInvoices(sql, customerId, now),
        loadMethods(sql, customerId),
        sql.query('SELECT 1 FROM billing_cycles WHERE customer_id = $1', [customerId]),
        loadHumanContact(sql, customer),
      ]);
      const nextCharge =
        cycleRows.length > 0
          ? nextChargeOf(await loadCycle(sql, customerId, now), customer.currency, methods.find((m) => m.is_default)?.id ?? null)
          : null;
      return accountSummary({ customer, humanContact, invoices, nextCharge, now });
    },
  };
}
