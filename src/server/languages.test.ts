/**
 * Server text in the customer's language: the seeded texts and the reference adapter's own words
 * answer in German for a German request, in English otherwise, each tagged with its language.
 */
import { describe, expect, it } from 'vitest';
import type { AccountSummary, HistoryPage, InvoiceDetail, InvoiceLinePage, PaymentPlan, PaymentPlans } from '../contract/index.ts';
import { DEMO_PERSONAS } from '../../demo/seed/index.ts';
import { problemOf, tokenFor, useTestServer } from './test-server.ts';

const t = useTestServer();
const GERMAN = 'de-DE,de;q=0.9,en;q=0.8';

async function read<T>(path: string, language: string | null, customerId = 'cus_margaret'): Promise<{ body: T; response: Response }> {
  const response = await t.call('GET', path, {
    token: await tokenFor(customerId),
    headers: language === null ? {} : { 'accept-language': language },
  });
  expect(response.status, path).toBe(200);
  return { body: (await response.json()) as T, response };
}

const varies = (response: Response) => (response.headers.get('vary') ?? '').split(/\s*,\s*/);

describe('the account', () => {
  it('speaks German to a German request, with every text tagged de', async () => {
    const { body, response } = await read<AccountSummary>('/account', GERMAN);
    expect(body.merchantNoteHtml).toContain('willkommen im neuen Zuhause');
    expect(body.merchantNoteLang).toBe('de');
    expect(body.humanContact).toMatchObject({ lang: 'de', role: 'Ihre Kundenbetreuerin', hours: 'Mo–Fr 9:00–17:30 Uhr (britische Zeit)' });
    expect(body.humanContact?.channels.map((c) => c.label)).toEqual(['E-Mail an Priya', 'Priya anrufen', 'Mit uns chatten']);
    expect(varies(response)).toEqual(expect.arrayContaining(['Origin', 'Accept-Language']));
    expect(response.headers.get('content-language')).toBe('de');
  });

  it('speaks English without a header, for a language it lacks, and for garbage; still varying by language', async () => {
    for (const language of [null, 'fr-CA, fr;q=0.9', '*', ';;;q=x']) {
      const { body, response } = await read<AccountSummary>('/account', language);
      expect(body.merchantNoteHtml, String(language)).toContain('welcome to your new home');
      expect(body.merchantNoteLang).toBe('en');
      expect(body.humanContact).toMatchObject({ lang: 'en', role: 'Your account manager' });
      expect(varies(response)).toContain('Accept-Language');
      expect(response.headers.get('content-language')).toBe('en');
    }
  });

  it('gives a merchant who wrote in German the German texts, and their English version to everyone else', async () => {
    const german = await read<AccountSummary>('/account', 'de-AT', 'cus_juergen');
    expect(german.body).toMatchObject({ merchantNoteLang: 'de', humanContact: { lang: 'de', role: 'Kundenbetreuung' } });
    const english = await read<AccountSummary>('/account', 'ja, en-GB;q=0.5', 'cus_juergen');
    expect(english.body).toMatchObject({ merchantNoteLang: 'en', humanContact: { lang: 'en', role: 'Customer care' } });
    expect(english.body.merchantNoteHtml).toContain('paying on time');
  });
});

describe('invoices', () => {
  it('word their lines, units and taxes in German, tagged de, and in English otherwise', async () => {
    const german = await read<InvoiceDetail>('/invoices/inv_margaret_0', GERMAN);
    expect(german.body.lines.map((l) => l.description)).toEqual([
      'Home Energy Plus – Grundgebühren',
      'Stromverbrauch',
      'Gasverbrauch',
      'Treuerabatt – über 10 Jahre bei uns',
      'MwSt. 5 %',
    ]);
    expect(german.body.lines.every((l) => l.lang === 'de')).toBe(true);
    expect(german.body.lines[0]!.unit).toBe('Tage');
    expect(german.body.lines.at(-1)!.tax?.name).toBe('MwSt.');
    expect(german.response.headers.get('content-language')).toBe('de');

    const english = await read<InvoiceDetail>('/invoices/inv_margaret_0', 'en-GB');
    expect(english.body.lines.map((l) => l.description)).toContain('Electricity used');
    expect(english.body.lines.every((l) => l.lang === 'en')).toBe(true);
    expect(english.body.lines[0]!.unit).toBe('days');
  });

  it('tag a credit note’s apology with its language', async () => {
    const { body } = await read<InvoiceDetail>('/invoices/inv_northwind_1', GERMAN, 'cus_northwind');
    expect(body.corrections[0]).toMatchObject({ lang: 'de', note: expect.stringContaining('Das tut uns leid') });
  });

  it('find lines by the words the customer reads, in their language', async () => {
    const path = '/invoices/inv_northwind_meters/lines';
    const german = await read<InvoiceLinePage>(`${path}?q=${encodeURIComponent('Messwerte')}&limit=5`, GERMAN, 'cus_northwind');
    expect(german.body.matching).toBe(4998);
    expect(german.body.items.every((l) => l.lang === 'de' && l.description.includes('Messwerte'))).toBe(true);
    const english = await read<InvoiceLinePage>(`${path}?q=${encodeURIComponent('Messwerte')}`, 'en', 'cus_northwind');
    expect(english.body.matching).toBe(0);
    const readings = await read<InvoiceLinePage>(`${path}?q=readings&limit=5`, 'en', 'cus_northwind');
    expect(readings.body.matching).toBe(4998);
  });
});

describe('the history', () => {
  it('has its subjects in German for a German request', async () => {
    const { body } = await read<HistoryPage>('/history?limit=50', GERMAN);
    expect(body.items.every((entry) => entry.lang === 'de')).toBe(true);
    expect(body.items.map((entry) => entry.subject)).toContain('Margaret hat angerufen und uns ihre neue Adresse mitgeteilt');
  });
});

describe('what the adapter writes itself', () => {
  const change = async (path: string, body: unknown, language: string, customerId = 'cus_daniela') =>
    t.call('POST', path, {
      token: await tokenFor(customerId),
      body,
      headers: { 'accept-language': language, 'idempotency-key': crypto.randomUUID() },
    });

  it('refuses a field in the customer’s language, tagged, with Content-Language', async () => {
    const plans = await read<PaymentPlans>('/payment-plans', null, 'cus_daniela');
    const invoiceIds = plans.body.policy.eligibleInvoiceIds.slice(0, 1);
    const german = await change('/payment-plans/preview', { kind: 'instalments', invoiceIds }, 'de');
    expect(german.status).toBe(422);
    expect((await problemOf(german)).errors).toEqual([
      { path: 'instalments', code: 'required', message: 'Bitte wählen Sie die Anzahl der Raten.', lang: 'de' },
    ]);
    expect(german.headers.get('content-language')).toBe('de');
    expect(varies(german)).toContain('Accept-Language');
    const english = await change('/payment-plans/preview', { kind: 'instalments', invoiceIds }, 'it');
    expect((await problemOf(english)).errors?.[0]).toMatchObject({ message: 'Choose how many instalments.', lang: 'en' });
  });

  it('keeps a plan’s decision in every language: German when asked in German, English when read later in English', async () => {
    const plans = await read<PaymentPlans>('/payment-plans', null, 'cus_daniela');
    const invoiceIds = plans.body.policy.eligibleInvoiceIds.slice(0, 1);
    const response = await change('/payment-plans', { kind: 'instalments', invoiceIds, instalments: 2 }, GERMAN);
    expect(response.status).toBe(201);
    const plan = (await response.json()) as PaymentPlan;
    expect(plan).toMatchObject({ status: 'active', lang: 'de', decisionNote: expect.stringContaining('Sofort genehmigt') });
    expect(response.headers.get('content-language')).toBe('de');

    const later = await read<PaymentPlans>('/payment-plans', 'en', 'cus_daniela');
    expect(later.body.plans.find((p) => p.id === plan.id)).toMatchObject({ lang: 'en', decisionNote: expect.stringContaining('Approved straight away') });
    const history = await read<HistoryPage>('/history?limit=1', 'de', 'cus_daniela');
    expect(history.body.items[0]).toMatchObject({ subject: 'Ihre Ratenzahlung ist genehmigt', lang: 'de' });
  });
});

describe('prose', () => {
  it('holds no ISO date in any seeded or written text, in either language: dates travel as fields', async () => {
    const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
    for (const persona of DEMO_PERSONAS) {
      for (const language of ['en', 'de']) {
        const texts: string[] = [];
        const account = (await read<AccountSummary>('/account', language, persona.customerId)).body;
        texts.push(account.merchantNoteHtml ?? '', account.humanContact?.hours ?? '', account.humanContact?.role ?? '');
        const history = (await read<HistoryPage>('/history?limit=100', language, persona.customerId)).body;
        texts.push(...history.items.map((entry) => entry.subject));
        const invoices = (await read<{ items: { id: string }[] }>('/invoices?limit=100', language, persona.customerId)).body;
        for (const { id } of invoices.items) {
          const invoice = (await read<InvoiceDetail>(`/invoices/${id}`, language, persona.customerId)).body;
          texts.push(...invoice.lines.flatMap((l) => [l.description, l.explanation, l.unit ?? '']), ...invoice.corrections.map((c) => c.note));
          texts.push(...invoice.payments.map((p) => p.failure?.message ?? ''));
        }
        const plans = (await read<PaymentPlans>('/payment-plans', language, persona.customerId)).body;
        texts.push(...plans.plans.map((p) => p.decisionNote ?? ''));
        expect(texts.filter((text) => ISO_DATE.test(text)), `${persona.id} ${language}`).toEqual([]);
      }
    }
  });
});
