// @vitest-environment jsdom
import { createRef, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BillfoldClient } from '../../api/types.ts';
import type { AccountSummary, InvoiceDetail, InvoiceLine, Payment, PaymentMethod } from '../../contract/index.ts';
import { createI18n, ensureLanguage, ensureScreenStrings } from '../../i18n/create-i18n.ts';
import { i18nValue } from '../../test-support/mount.tsx';
import { I18nContext } from '../../i18n/i18n-context.ts';
import { createInvoicesModel } from '../../state/invoices.ts';
import { createPortalStore, type StoreEvent } from '../../state/portal-store.ts';
import type { Route } from '../../state/routes.ts';
import { loyalAccount } from '../../test-support/accounts.ts';
import { OverviewView } from '../overview/overview-view.tsx';
import InvoicesScreen from './invoices-screen.tsx';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** Usage lines of one project: 12.5 GB at 9.05 cents each (12.5 × 9.05 = 113.125, so €1.13). */
function usageLines(project: string, count: number, from = 0): InvoiceLine[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `ln_${project}_${from + i}`,
    kind: 'usage' as const,
    description: `API calls — ${project} — day ${from + i + 1}`,
    period: { start: '2026-08-01', end: '2026-08-01' },
    quantity: 12.5,
    unit: 'GB',
    unitAmountDecimal: '9.05',
    amount: eur(113),
    explanation: `Usage explanation ${from + i + 1}`,
    group: project,
  }));
}

/** The lines of one project as the server pages them (100 at a time, or `limit`). */
function linesOf(project: string, count: number) {
  return async (_id: string, query: { cursor?: string; limit?: number; q?: string; group?: string } = {}) => {
    const all = query.q
      ? [...usageLines('munich-offices', 300), ...usageLines('berlin', 252)].filter((l) => l.description.toLowerCase().includes(query.q!.toLowerCase()))
      : usageLines(project, count);
    const from = Number(query.cursor ?? 0);
    const size = query.limit ?? 100;
    const items = all.slice(from, from + size);
    return { items, nextCursor: from + size < all.length ? String(from + size) : null, matching: all.length };
  };
}

function bigInvoice(payments: Payment[] = []): InvoiceDetail {
  return {
    id: 'inv_big',
    number: 'AU-B-1',
    status: 'past_due',
    issueDate: '2026-10-01',
    dueDate: '2026-10-31',
    period: { start: '2026-07-01', end: '2026-09-30' },
    // 1200.00 + 623.76 − 60.00 + 140.00 (tax) − 120.00 (credit note) = 1783.76
    total: eur(178376),
    amountDue: eur(178376),
    lines: [
      { id: 'ln_plan', kind: 'subscription', description: 'Business plan', amount: eur(120000), explanation: 'The platform fee.' },
      { id: 'ln_off', kind: 'discount', description: 'Commitment discount', amount: eur(-6000), explanation: 'You committed to a year.' },
      {
        id: 'ln_vat',
        kind: 'tax',
        description: 'VAT 19%',
        amount: eur(14000),
        explanation: 'German VAT.',
        tax: { name: 'VAT', percent: 19, taxableAmount: eur(74000) },
      },
    ],
    lineCount: 555,
    linesNextCursor: '3',
    groups: [
      { name: 'munich-offices', subtotal: eur(33900), lineCount: 300 },
      { name: 'berlin', subtotal: eur(28476), lineCount: 252 },
    ],
    subtotal: eur(182376),
    discountTotal: eur(-6000),
    taxTotal: eur(14000),
    creditTotal: eur(-12000),
    amountPaid: eur(0),
    payments,
    corrections: [
      { id: 'cn_1', number: 'CN-7', issueDate: '2026-10-10', amount: eur(-12000), note: 'We are sorry about the metering fault.' },
    ],
    pdfUrl: 'https://billing.example/inv_big.pdf',
  };
}

/** The big invoice's client: its detail and its lines, paged by project or by search. */
function bigInvoiceClient(payments: Payment[] = []): Partial<BillfoldClient> {
  return {
    getInvoice: async () => bigInvoice(payments),
    listInvoiceLines: async (id, query = {}) => linesOf(query.group ?? 'munich-offices', query.group === 'berlin' ? 252 : 300)(id, query),
  };
}

const methods: PaymentMethod[] = [
  { id: 'pm_sepa', type: 'bank_account', bankName: 'Deutsche Bank', last4: '3000', isDefault: true },
  { id: 'pm_visa', type: 'card', brand: 'Visa', last4: '4242', expMonth: 8, expYear: 2030, isDefault: false },
];

function payment(status: Payment['status'], methodId = 'pm_visa'): Payment {
  return {
    id: 'pay_1',
    invoiceId: 'inv_big',
    amount: eur(90000),
    status,
    createdAt: '2026-11-20T10:00:00Z',
    settledAt: status === 'pending' ? null : '2026-11-20T10:00:02Z',
    paymentMethodId: methodId,
    paymentMethodLabel: methodId === 'pm_visa' ? 'Visa •••• 4242' : 'Deutsche Bank •••• 3000',
    failure: status === 'failed' ? { reason: 'processing_error', suggestedAction: 'pay_with_other_method', nextRetryAt: '2026-11-25T09:00:00Z' } : null,
  };
}

let host: HTMLElement | undefined;
let mountPoint: HTMLElement | undefined;
afterEach(() => {
  // Unmounted, not only detached: a lazy chunk (the note's sanitizer) may still arrive.
  if (mountPoint) render(null, mountPoint);
  host?.remove();
  host = mountPoint = undefined;
});

/** A screen in a shadow root like the element's, over a hand-written client (the adapter extension point). */
async function mount(locale: string, client: Partial<BillfoldClient>, view: 'invoices' | 'overview', route: Route, account?: AccountSummary) {
  const i18n = createI18n(locale);
  await Promise.all([ensureLanguage(i18n, locale), ensureScreenStrings(i18n)]);
  const events: StoreEvent[] = [];
  const store = createPortalStore({ emit: (event) => events.push(event) });
  const summary = account ?? loyalAccount({ features: ['invoices', 'payment-methods'] });
  store.setClient({ getAccount: async () => summary, ...client } as BillfoldClient, { load: false });
  await store.reload();
  // The same model the screen would create, polling quickly.
  store.provide(createInvoicesModel, (context) => createInvoicesModel(context, { pollMs: 5, maxPollMs: 5 }));
  host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const point = (mountPoint = document.createElement('div'));
  root.append(point);
  const tree = (r: Route) => (
    <I18nContext.Provider value={i18nValue(i18n, locale)}>
      {view === 'invoices' ? (
        <InvoicesScreen store={store} route={r} account={summary} headingRef={createRef()} />
      ) : (
        <OverviewView account={summary} features={store.features.value} store={store} />
      )}
    </I18nContext.Provider>
  );
  await act(async () => render(tree(route), point));
  const button = (name: string | RegExp) => {
    const found = [...root.querySelectorAll('button')].find((b) =>
      typeof name === 'string' ? b.textContent?.trim() === name : name.test(b.textContent ?? ''),
    );
    if (!found) throw new Error(`no button ${String(name)}`);
    return found;
  };
  const click = async (element: HTMLElement) =>
    act(async () => {
      element.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  return { root, store, events, button, click };
}

describe('the invoice detail', () => {
  it('shows the lines as a table by project, the first open, the others loaded when opened, with subtotals', async () => {
    const { root, button, click } = await mount('en', bigInvoiceClient(), 'invoices', { view: 'invoices', id: 'inv_big' });
    await vi.waitFor(() => expect(root.querySelector('h2')?.textContent).toBe('Invoice AU-B-1'));
    const table = root.querySelector('table.lines-table')!;
    expect(table.querySelector('caption')!.textContent).toBe('Charges on invoice AU-B-1: 555 lines');
    expect([...table.querySelectorAll('thead th')].map((th) => [th.textContent, th.getAttribute('scope')])).toEqual([
      ['Charge', 'col'],
      ['Quantity', 'col'],
      ['Unit price', 'col'],
      ['Amount', 'col'],
    ]);
    // Lines outside a project first, then one body per project with its subtotal, the taxes last.
    const bodies = [...table.querySelectorAll('tbody')];
    expect(bodies.map((b) => b.querySelector('th[scope=rowgroup]')!.textContent)).toEqual([
      'Other charges (2 lines)',
      'munich-offices (300 lines)',
      'berlin (252 lines)',
      'Taxes (1 line)',
    ]);
    expect(bodies[1]!.querySelector('.group-row')!.textContent).toContain('€339.00');
    const munich = () => bodies[1]!.querySelectorAll('tr.line');
    await vi.waitFor(() => expect(munich()).toHaveLength(100));
    // The customer can check each line: 12.5 GB × €0.0905 = €1.13.
    const first = munich()[0]!;
    expect([...first.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['12.5 GB', '€0.0905', '€1.13']);
    expect(first.querySelector('th[scope=row] summary')!.textContent).toContain('Why am I charged this?');
    expect(first.querySelector('details')!.textContent).toContain('Usage explanation 1');
    await click(button('Show 100 more lines'));
    await vi.waitFor(() => expect(munich()).toHaveLength(200));

    // Berlin starts collapsed and loads when opened.
    const berlin = button('berlin');
    expect(berlin.getAttribute('aria-expanded')).toBe('false');
    expect(bodies[2]!.querySelectorAll('tr.line')).toHaveLength(0);
    await click(berlin);
    expect(berlin.getAttribute('aria-expanded')).toBe('true');
    await vi.waitFor(() => expect(bodies[2]!.querySelectorAll('tr.line')).toHaveLength(100));

    expect(root.textContent).toContain('We are sorry about the metering fault.');
    const pdf = root.querySelector('a[href="https://billing.example/inv_big.pdf"]')!;
    expect(pdf.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('shows the first project\'s lines that came with the invoice at once, while the rest of its page loads', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const client = bigInvoiceClient();
    const detail = bigInvoice();
    const { root } = await mount(
      'en',
      {
        getInvoice: async () => ({ ...detail, lines: [...detail.lines, ...usageLines('munich-offices', 2)], linesNextCursor: '5' }),
        listInvoiceLines: async (id, query) => {
          await held;
          return client.listInvoiceLines!(id, query);
        },
      },
      'invoices',
      { view: 'invoices', id: 'inv_big' },
    );
    const munich = () => root.querySelector('tbody[data-key="group:munich-offices"]')!;
    await vi.waitFor(() => expect(munich().querySelectorAll('tr.line')).toHaveLength(2));
    expect(munich().querySelector('.more-row')!.textContent).toContain('Loading');
    release();
    await vi.waitFor(() => expect(munich().querySelectorAll('tr.line')).toHaveLength(100));
    // The two lines shown first are the start of the page, not shown twice.
    expect(munich().querySelectorAll('tr.line')[0]!.textContent).toContain('day 1');
    expect(munich().querySelectorAll('tr.line')[2]!.textContent).toContain('day 3');
  });

  it('adds up in the order a customer checks it, the credit note inside the total', async () => {
    const { root } = await mount('en', bigInvoiceClient(), 'invoices', { view: 'invoices', id: 'inv_big' });
    await vi.waitFor(() => expect(root.querySelector('.totals-list')).not.toBeNull());
    const rows = [...root.querySelectorAll('.totals-list > div')].map((row) => [row.querySelector('dt')!.textContent, row.querySelector('dd')!.textContent]);
    expect(rows).toEqual([
      ['Subtotal', '€1,823.76'],
      ['Discounts', '-€60.00'],
      ['Tax', '€140.00'],
      ['Credit notes', '-€120.00'],
      ['Total', '€1,783.76'],
      ['Paid so far', '-€0.00'],
      ['Left to pay', '€1,783.76'],
    ]);
  });

  it('finds lines by their description across every page', async () => {
    const { root } = await mount('en', bigInvoiceClient(), 'invoices', { view: 'invoices', id: 'inv_big' });
    await vi.waitFor(() => expect(root.querySelector('input[type=search]')).not.toBeNull());
    const search = root.querySelector<HTMLInputElement>('input[type=search]')!;
    await act(async () => {
      search.value = 'DAY 251';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await vi.waitFor(() => expect(root.querySelector('[role=status].muted')?.textContent).toBe('2 charges match.'));
    expect([...root.querySelectorAll('tr.line .line-name')].map((n) => n.textContent)).toEqual([
      'API calls — munich-offices — day 251',
      'API calls — berlin — day 251',
    ]);
  });

  it('speaks German', async () => {
    const { root } = await mount('de', bigInvoiceClient(), 'invoices', { view: 'invoices', id: 'inv_big' });
    await vi.waitFor(() => expect(root.querySelector('h2')?.textContent).toBe('Rechnung AU-B-1'));
    // The groups' lines arrive a page at a time after the invoice itself: wait for a line of one.
    await vi.waitFor(() => expect(root.textContent).toContain('0,0905'), { timeout: 5000 });
    expect(root.textContent).toContain('Warum wird mir das berechnet?');
    expect(root.textContent).toContain('Jetzt bezahlen');
  });

  it('pays after a confirm step with a chosen method, shows processing at once and paid by itself', async () => {
    let settled = false;
    const paid: { invoiceId: string; methodId: string }[] = [];
    const { root, button, click, events } = await mount(
      'en',
      {
        ...bigInvoiceClient(),
        getInvoice: async () => ({ ...bigInvoice(settled ? [payment('succeeded')] : []), ...(settled ? { status: 'paid' as const, amountDue: eur(0) } : {}) }),
        listPaymentMethods: async () => ({ items: methods }),
        payInvoice: async (invoiceId, body) => {
          paid.push({ invoiceId, methodId: body.paymentMethodId });
          return payment('pending');
        },
        getPayment: async () => {
          settled = true;
          return payment('succeeded');
        },
      },
      'invoices',
      { view: 'invoices', id: 'inv_big' },
    );
    await vi.waitFor(() => expect(root.querySelector('h2')?.textContent).toBe('Invoice AU-B-1'));
    await click(button(/^Pay now/));
    const dialog = root.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(root.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Confirm your payment');
    expect(dialog.textContent).toContain('You are paying €1,783.76 for invoice AU-B-1.');
    await vi.waitFor(() => expect(dialog.querySelectorAll('input[type=radio]')).toHaveLength(2));
    const radios = [...dialog.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    // The default method is chosen; another can be picked.
    expect(radios[0]!.checked).toBe(true);
    expect(radios[0]!.closest('label')!.textContent).toContain('Deutsche Bank account ending in 3000 (default)');
    await click(radios[1]!);
    expect(radios[1]!.checked).toBe(true);

    await act(async () => {
      dialog.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    });
    await vi.waitFor(() => expect(root.querySelector('[role=status].pay-status')?.textContent).toMatch(/being processed|went through/));
    expect(paid).toEqual([{ invoiceId: 'inv_big', methodId: 'pm_visa' }]);
    await vi.waitFor(() => expect(root.querySelector('.pay-status')?.textContent).toContain('went through'));
    await vi.waitFor(() => expect(root.querySelector('.invoice-header')?.textContent).toContain('Paid'));
    expect([...root.querySelectorAll('button')].some((b) => b.textContent?.startsWith('Pay now'))).toBe(false);
    const made = events.flatMap((e) => (e.type === 'change' && e.change.type === 'payment-made' ? [e.change.status] : []));
    expect(made).toEqual(['pending', 'succeeded']);
  });

  it('explains a failed payment with an apology when the fault was ours, and offers the next steps', async () => {
    const { root, store, button, click } = await mount(
      'en',
      { ...bigInvoiceClient([payment('failed', 'pm_sepa')]), listPaymentMethods: async () => ({ items: methods }) },
      'invoices',
      { view: 'invoices', id: 'inv_big' },
    );
    await vi.waitFor(() => expect(root.querySelector('.failure')).not.toBeNull());
    const failure = root.querySelector('.failure')!;
    expect(failure.textContent).toContain("We're sorry — this wasn't your fault");
    expect(failure.textContent).toContain("We'll try again automatically on");
    const actions = [...failure.querySelectorAll('button')].map((b) => b.textContent);
    expect(actions[0]).toBe('Pay with another method');
    expect(actions).toContain('Update your payment method');

    // Another method than the one that failed is preselected.
    await click(button('Pay with another method'));
    await vi.waitFor(() => expect(root.querySelectorAll('dialog input[type=radio]')).toHaveLength(2));
    const checked = root.querySelector<HTMLInputElement>('dialog input[type=radio]:checked')!;
    expect(checked.value).toBe('pm_visa');
    await click(button('Cancel'));
    expect(root.querySelector('dialog')!.open).toBe(false);

    await click(button('Update your payment method'));
    expect(store.route.value).toEqual({ view: 'payment-methods' });
  });
});

describe('the invoice list', () => {
  it('lists newest first with badges and shows more on request', async () => {
    const page = (n: number) => ({
      id: `inv_${n}`,
      number: `N-${n}`,
      status: n === 1 ? ('past_due' as const) : ('paid' as const),
      issueDate: `2026-${String(12 - n).padStart(2, '0')}-01`,
      dueDate: `2026-${String(12 - n).padStart(2, '0')}-15`,
      period: null,
      total: eur(1000 * n),
      amountDue: eur(n === 1 ? 1000 : 0),
    });
    const { root, button, click, store } = await mount(
      'en',
      {
        listInvoices: async (query = {}) =>
          query.cursor ? { items: [page(11)], nextCursor: null } : { items: Array.from({ length: 10 }, (_, i) => page(i + 1)), nextCursor: 'o10' },
      },
      'invoices',
      { view: 'invoices' },
    );
    await vi.waitFor(() => expect(root.querySelectorAll('.invoice-row')).toHaveLength(10));
    expect(root.querySelector('.invoice-row')!.textContent).toContain('Overdue');
    expect(root.querySelector('.invoice-row')!.textContent).toContain('€10.00');
    await click(button('Show more invoices'));
    await vi.waitFor(() => expect(root.querySelectorAll('.invoice-row')).toHaveLength(11));
    expect(() => button('Show more invoices')).toThrow();
    await click(button('Invoice N-3'));
    expect(store.route.value).toEqual({ view: 'invoices', id: 'inv_3' });
  });
});

describe('the overview', () => {
  it('offers to pay and to see each open invoice, and explains the last failed payment', async () => {
    const account = loyalAccount({
      status: 'payment_failed',
      lastFailedPaymentId: 'pay_1',
      lastFailureReason: 'card_expired',
      outstandingInvoices: [{ id: 'inv_big', number: 'AU-B-1', dueDate: '2026-10-31', amountDue: eur(90000), status: 'past_due' }],
      features: ['invoices', 'payment-methods'],
    });
    const { root, button, click, store } = await mount(
      'en',
      {
        getPayment: async () => ({ ...payment('failed', 'pm_sepa'), failure: { reason: 'card_expired', suggestedAction: 'update_payment_method' } }),
        listPaymentMethods: async () => ({ items: methods }),
      },
      'overview',
      { view: 'overview' },
      account,
    );
    await vi.waitFor(() => expect(root.querySelector('.failure')).not.toBeNull());
    // The failure is stated once, with its reason, in the banner; the explanation says what to do.
    expect(root.querySelector('[part=banner]')!.textContent).toContain("didn't go through because the card has expired");
    const failure = root.querySelector('.failure')!;
    expect(failure.textContent).not.toContain('The card has expired');
    expect(failure.querySelector('button')!.textContent).toBe('Update your card');

    await click(button(/^Pay now/));
    // The confirm step's code arrives on the first "Pay now" (or earlier, when the browser was idle).
    await vi.waitFor(() => expect(root.querySelector('dialog')?.open).toBe(true));
    expect(root.querySelector('dialog')!.textContent).toContain('€900.00');
    await click(button('Cancel'));

    await click(button(/^See the invoice/));
    expect(store.route.value).toEqual({ view: 'invoices', id: 'inv_big' });
  });
});
