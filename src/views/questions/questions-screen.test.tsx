// @vitest-environment jsdom
import { createRef, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BillfoldClient } from '../../api/types.ts';
import type { InvoiceDetail, Question } from '../../contract/index.ts';
import { createI18n, ensureLanguage, ensureScreenStrings } from '../../i18n/create-i18n.ts';
import { i18nValue } from '../../test-support/mount.tsx';
import { I18nContext } from '../../i18n/i18n-context.ts';
import { createPortalStore } from '../../state/portal-store.ts';
import { askRoute, summaryOf } from '../../state/questions.ts';
import type { Route } from '../../state/routes.ts';
import { loyalAccount } from '../../test-support/accounts.ts';
import QuestionsScreen from './questions-screen.tsx';

let host: HTMLElement | undefined;
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
  host = undefined;
});

const gbp = (amount: number) => ({ amount, currency: 'GBP' });

const thread: Question = {
  id: 'q_1',
  invoiceId: 'inv_1',
  lineId: 'ln_2',
  subject: 'Invoice FB-2026-0042 — Broadband',
  topic: 'amount_wrong',
  status: 'answered',
  createdAt: '2026-11-20T10:00:00Z',
  messages: [
    { id: 'm1', author: 'customer', authorName: null, body: 'Why <b>twice</b>?\nSecond line', sentAt: '2026-11-20T10:00:00Z' },
    { id: 'm2', author: 'merchant', authorName: 'Priya', body: '<img src=x onerror="alert(1)">Sorry!', sentAt: '2026-11-20T15:00:00Z' },
  ],
};

const invoice: InvoiceDetail = {
  id: 'inv_1',
  number: 'FB-2026-0042',
  status: 'past_due',
  issueDate: '2026-10-01',
  dueDate: '2026-11-01',
  period: null,
  total: gbp(4250),
  amountDue: gbp(4250),
  lines: [
    { id: 'ln_1', kind: 'subscription', description: 'Broadband', amount: gbp(3500), explanation: '' },
    { id: 'ln_2', kind: 'usage', description: 'Calls', period: { start: '2026-09-03', end: '2026-09-03' }, amount: gbp(750), explanation: '' },
  ],
  lineCount: 2,
  linesNextCursor: null,
  groups: [],
  discountTotal: gbp(0),
  creditTotal: gbp(0),
  subtotal: gbp(4250),
  taxTotal: gbp(0),
  amountPaid: gbp(0),
  payments: [],
  corrections: [],
  pdfUrl: null,
};

async function mount(locale: string, route: Route, client: Partial<BillfoldClient>) {
  const i18n = createI18n(locale);
  await Promise.all([ensureLanguage(i18n, locale), ensureScreenStrings(i18n)]);
  const account = loyalAccount({ features: ['invoices', 'questions'] });
  const store = createPortalStore({ emit: () => {} });
  store.setClient({ getAccount: async () => account, ...client } as BillfoldClient, { load: false });
  await store.reload();
  host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const mountPoint = document.createElement('div');
  root.append(mountPoint);
  await act(async () =>
    render(
      <I18nContext.Provider value={i18nValue(i18n, locale)}>
        <QuestionsScreen store={store} route={route} account={account} headingRef={createRef()} />
      </I18nContext.Provider>,
      mountPoint,
    ),
  );
  return root;
}

describe('the questions screen', () => {
  it('shows a thread as plain text: markup in a message is never HTML', async () => {
    const root = await mount('en', { view: 'questions', id: 'q_1' }, { getQuestion: async () => thread });
    await vi.waitFor(() => expect(root.querySelector('h2')?.textContent).toBe('Invoice FB-2026-0042 — Broadband'));
    const bodies = [...root.querySelectorAll('.message-body')];
    expect(bodies.map((b) => b.textContent)).toEqual(['Why <b>twice</b>?\nSecond line', '<img src=x onerror="alert(1)">Sorry!']);
    expect(root.querySelector('.messages img, .messages b')).toBeNull();
    expect(root.textContent).toContain('Priya, Fernhill Broadband');
    expect(root.textContent).toContain('Answered');
    expect(root.textContent).toContain('The amount looks wrong');
  });

  it('opens the form about one line from the "Ask about this charge" route', async () => {
    const route = askRoute('inv_1', 'ln_2');
    const root = await mount('en', route, {
      listInvoices: async () => ({ items: [invoice], nextCursor: null }),
      getInvoice: async () => invoice,
    });
    await vi.waitFor(() => expect(root.querySelectorAll('select')).toHaveLength(2));
    const [invoiceSelect, lineSelect] = [...root.querySelectorAll('select')];
    expect(invoiceSelect!.value).toBe('inv_1');
    expect(invoiceSelect!.selectedOptions[0]?.textContent).toMatch(/^FB-2026-0042 — issued /);
    expect(lineSelect!.value).toBe('ln_2');
    expect([...lineSelect!.options].map((o) => o.textContent)).toEqual([
      'The whole invoice',
      'Broadband — £35.00',
      'Calls, Sep 3, 2026 — £7.50',
    ]);
    expect([...root.querySelectorAll('input[type=radio]')].map((r) => root.querySelector(`label[for="${r.id}"]`)?.textContent)).toEqual([
      "I don't recognise this",
      'The amount looks wrong',
      'I already paid',
      'Something else',
    ]);
  });

  it('speaks German', async () => {
    const root = await mount('de', { view: 'questions' }, { listQuestions: async () => ({ items: [summaryOf(thread)], nextCursor: null }) });
    await vi.waitFor(() => expect(root.textContent).toContain('Beantwortet'));
    expect(root.querySelector('h2')?.textContent).toBe('Fragen zu Ihren Posten');
    expect(root.textContent).toContain('Der Betrag scheint falsch');
  });
});
