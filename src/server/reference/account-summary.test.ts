import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../contract/index.ts';
import { DEMO_PERSONAS, seedDemoData } from '../../../demo/seed/index.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { loadCycle } from './resources/billing-cycle.ts';
import { loadCustomer, loadHumanContact } from './resources/customers.ts';
import { loadInvoices } from './resources/invoice-queries.ts';
import { loadMethods } from './resources/payment-methods.ts';
import { createReferenceAdapter, type ReferenceAdapter } from './reference-adapter.ts';
import { accountSummary } from './rules/account-standing.ts';
import { nextChargeOf } from './rules/cycle-preview.ts';

let db: TestDatabase;
let adapter: ReferenceAdapter;
const now = new Date();

/** The summary as the resources' own loaders derive it, one query each, in the best of `languages`. */
async function summaryFromLoaders(customerId: string, languages: readonly string[] = []): Promise<AccountSummary> {
  const { sql } = db;
  const customer = await loadCustomer(sql, customerId, languages);
  const invoices = await loadInvoices(sql, customerId, now);
  const methods = await loadMethods(sql, customerId);
  const hasCycle = (await sql.query('SELECT 1 FROM billing_cycles WHERE customer_id = $1', [customerId])).length > 0;
  const nextCharge = hasCycle
    ? nextChargeOf(await loadCycle(sql, customerId, now), customer.currency, methods.find((m) => m.is_default)?.id ?? null)
    : null;
  return accountSummary({ customer, humanContact: await loadHumanContact(sql, customer), invoices, nextCharge, now });
}

beforeAll(async () => {
  db = await openTestDatabase();
  await seedDemoData(db.sql);
  adapter = createReferenceAdapter({ sql: db.sql, settleDelayMs: 0, now: () => now });
});

afterAll(() => db.drop());

describe('the account summary, read in one statement', () => {
  // First: nothing has read a summary on this database yet.
  it('still answers when the first summary was read in a transaction that was rolled back', async () => {
    const fresh = createReferenceAdapter({ sql: db.sql, now: () => now });
    await expect(
      db.sql.transaction(async () => {
        await fresh.getAccount({ customerId: 'cus_margaret' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await fresh.getAccount({ customerId: 'cus_margaret' })).toEqual(await summaryFromLoaders('cus_margaret'));
  });

  it('says what the loaders of each resource say, for every persona', async () => {
    for (const persona of DEMO_PERSONAS) {
      expect(await adapter.getAccount({ customerId: persona.customerId })).toEqual(await summaryFromLoaders(persona.customerId));
    }
  });

  it('says it in the same language as the loaders, every text of it, for every persona and language', async () => {
    // German, English, a language nobody wrote in (English, or the row's own), and German only as a second choice.
    const requests = [['de-DE', 'de'], ['en-GB', 'en'], ['ja'], ['fr', 'de']];
    let german = 0;
    for (const persona of DEMO_PERSONAS) {
      for (const languages of requests) {
        const summary = await adapter.getAccount({ customerId: persona.customerId, languages });
        expect(summary, `${persona.customerId} ${languages.join(',')}`).toEqual(await summaryFromLoaders(persona.customerId, languages));
        if (summary.humanContact?.lang === 'de' && summary.merchantNoteLang === 'de') german += 1;
      }
    }
    // The seed has German texts to pick, so the comparison above covered a translation.
    expect(german).toBeGreaterThan(0);
  });

  it('settles a payment that is due before it reads, so the paid invoice is no longer outstanding', async () => {
    // A persona who owes an invoice (not on a plan) and has a method the sandbox charges successfully.
    let found: { customerId: string; invoiceId: string; methodId: string } | undefined;
    for (const { customerId } of DEMO_PERSONAS) {
      const owed = (await adapter.getAccount({ customerId })).outstandingInvoices.find((i) => i.status === 'past_due' || i.status === 'open');
      const [method] = await db.sql.query<{ id: string }>(
        "SELECT id FROM payment_methods WHERE customer_id = $1 AND removed_at IS NULL AND outcome = 'succeed' ORDER BY id LIMIT 1",
        [customerId],
      );
      if (owed && method) found ??= { customerId, invoiceId: owed.id, methodId: method.id };
    }
    expect(found).toBeDefined();
    const { customerId, invoiceId, methodId } = found!;
    await adapter.payInvoice({ customerId }, invoiceId, { paymentMethodId: methodId });
    // The settle delay is zero: the payment is due at once, and the summary settles it first.
    const after = await adapter.getAccount({ customerId });
    expect(after.outstandingInvoices.map((i) => i.id)).not.toContain(invoiceId);
    expect(after).toEqual(await summaryFromLoaders(customerId));
  });

  it('answers 404 for a customer that does not exist', async () => {
    await expect(adapter.getAccount({ customerId: 'cus_nobody' })).rejects.toMatchObject({ status: 404 });
  });
});
