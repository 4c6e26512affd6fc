import type { BillingAdapter } from '../../adapter.ts';
import { HttpError } from '../../errors.ts';
import { localized } from '../localized.ts';
import type { ContactHoursRow, CustomerRow, CycleRow, InvoiceRow } from '../rows.ts';
import { accountSummary } from '../rules/account-standing.ts';
import { nextChargeOf, rollForward } from '../rules/cycle-preview.ts';
import { invoiceState } from '../rules/invoice-status.ts';
import { coveringPlans, OPEN_PLAN_STATUSES, type PlanFacts } from '../rules/plan-coverage.ts';
import type { Row, Sql } from '../sql.ts';
import { toHumanContact } from '../to-contract.ts';
import type { ReferenceEnv } from './env.ts';
import { INVOICE_SELECT } from './invoice-queries.ts';
import { settleDuePayments } from './payments.ts';

/**
 * Everything the account summary is derived from, in one statement: each part is a subquery
 * folded into JSON (the same rows `loadCustomer`, `loadHumanContact`, `loadInvoices`,
 * `loadMethods` and `loadCycle` select), so an overview costs one round trip, not eight. It also
 * says whether a pending payment is due to settle, which must happen before the summary is read.
 */
const ACCOUNT_FACTS = /* sql */ `
  SELECT
    (SELECT to_jsonb(c) FROM (
      SELECT id, name, greeting_name, kind, customer_since::text AS customer_since, segment, locale, currency,
        merchant_name, merchant_note_html, human_contact, contact_time_zone, features, plan_policy, text_lang, translations
      FROM customers WHERE id = $1) c) AS customer,
    (SELECT COALESCE(jsonb_agg(h ORDER BY h.weekday, h.starts), '[]') FROM (
      SELECT weekday, to_char(starts, 'HH24:MI') AS starts, to_char(ends, 'HH24:MI') AS ends
      FROM contact_hours WHERE customer_id = $1) h) AS hours,
    (SELECT COALESCE(jsonb_agg(inv ORDER BY inv.issue_date DESC, inv.id DESC), '[]') FROM (
      ${INVOICE_SELECT} WHERE i.customer_id = $1) inv) AS invoices,
    (SELECT COALESCE(jsonb_agg(p), '[]') FROM (
      SELECT id, kind, status, created_at, invoice_ids, schedule FROM payment_plans
      WHERE customer_id = $1 AND status = ANY($2)) p) AS plans,
    (SELECT id FROM payment_methods WHERE customer_id = $1 AND removed_at IS NULL AND is_default
      ORDER BY created_at ASC, id ASC LIMIT 1) AS default_method_id,
    (SELECT to_jsonb(b) FROM (
      SELECT interval, billing_day, allowed_days, price_month, price_quarter, price_year,
        next_invoice_date::text AS next_invoice_date, version
      FROM billing_cycles WHERE customer_id = $1) b) AS cycle,
    EXISTS (SELECT 1 FROM payments WHERE customer_id = $1 AND status = 'pending' AND settle_after <= $3) AS settle_due`;

/** What {@link ACCOUNT_FACTS} selects. */
interface AccountFacts extends Row {
  customer: CustomerRow | null;
  hours: ContactHoursRow[];
  /** `paid_at` and `pending_created_at` arrive as ISO strings; `getAccount` makes them Dates. */
  invoices: InvoiceRow[];
  plans: PlanFacts[];
  default_method_id: string | null;
  cycle: CycleRow | null;
  settle_due: boolean;
}

/** Bump with any change to {@link ACCOUNT_FACTS}: connections keep the statement under this name. */
const ACCOUNT_FACTS_NAME = 'billfold_account_facts_2';

/**
 * PGlite prepares no named statements; a PL/pgSQL function keeps its query's plan for the session
 * instead. A temporary one belongs to this database connection alone, so it needs no migration
 * and cannot go stale across versions.
 *
 * Its plan uses index scans wherever there is an index: every start of a sequential or bitmap heap
 * scan asks for the table's size, which on PGlite is an `fstat` through Emscripten's file system,
 * and the per-invoice subqueries restart theirs once per invoice. On the small tables the planner
 * would scan whole, that made 36 such calls per summary against 7 now, and about a quarter of the
 * statement's time.
 */
const ACCOUNT_FACTS_FUNCTION = /* sql */ `
  CREATE OR REPLACE FUNCTION pg_temp.${ACCOUNT_FACTS_NAME}(text, text[], timestamptz) RETURNS jsonb
  LANGUAGE plpgsql STABLE SET enable_seqscan = off SET enable_bitmapscan = off AS $body$
  BEGIN
    RETURN (SELECT to_jsonb(f) FROM (${ACCOUNT_FACTS}) f);
  END
  $body$`;

/** The databases whose session has the function (see {@link ACCOUNT_FACTS_FUNCTION}). */
const withFunction = new WeakSet<Sql>();

async function accountFacts(sql: Sql, customerId: string, now: Date): Promise<AccountFacts> {
  const params = [customerId, OPEN_PLAN_STATUSES, now];
  if (sql.driver !== 'pglite') {
    const [facts] = await sql.query<AccountFacts>(ACCOUNT_FACTS, params, { name: ACCOUNT_FACTS_NAME });
    return facts!;
  }
  const call = async () =>
    (await sql.query<{ facts: AccountFacts }>(`SELECT pg_temp.${ACCOUNT_FACTS_NAME}($1, $2, $3) AS facts`, params))[0]!.facts;
  if (withFunction.has(sql)) {
    try {
      return await call();
    } catch (error) {
      // Created inside a transaction that was rolled back (with the session's temporary schema,
      // when that was new): create it again.
      const { code } = error as { code?: unknown };
      if (code !== '42883' && code !== '3F000') throw error;
    }
  }
  await sql.exec(ACCOUNT_FACTS_FUNCTION);
  withFunction.add(sql);
  return call();
}

/** The account summary: who, where the account stands, what is outstanding, the next charge. */
export function accountAdapter(env: ReferenceEnv): Pick<BillingAdapter, 'getAccount'> {
  const { sql } = env;
  return {
    async getAccount({ customerId, languages = [] }) {
      const now = env.now();
      let facts = await accountFacts(sql, customerId, now);
      if (facts.settle_due) {
        // Rare: a payment's outcome is due. Settle first, then read what it changed.
        await settleDuePayments(env, customerId);
        facts = await accountFacts(sql, customerId, now);
      }
      if (!facts.customer) throw HttpError.notFound('There is no billing account for this session.');
      // The merchant's texts (note, contact) in the best of the customer's languages.
      const customer = localized(facts.customer, languages);
      const plans = coveringPlans(facts.plans);
      const invoices = facts.invoices.map((row) =>
        invoiceState(
          {
            ...row,
            paid_at: row.paid_at === null ? null : new Date(row.paid_at),
            pending_created_at: row.pending_created_at === null ? null : new Date(row.pending_created_at),
          },
          plans,
          now,
        ),
      );
      const nextCharge = facts.cycle ? nextChargeOf(rollForward(facts.cycle, now), customer.currency, facts.default_method_id) : null;
      return accountSummary({ customer, humanContact: toHumanContact(customer, facts.hours), invoices, nextCharge, now });
    },
  };
}
