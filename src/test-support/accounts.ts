import type { AccountSummary, BillfoldClient } from '../index.ts';

/**
 * Account summaries shaped like the demo personas, for unit tests of the store, the views and
 * the element. Not part of the bundle (only tests import it).
 */
export function loyalAccount(overrides: Partial<AccountSummary> = {}): AccountSummary {
  return {
    customer: {
      id: 'cus_loyal',
      name: 'Margaret Thompson',
      greetingName: 'Margaret',
      kind: 'individual',
      customerSince: '2011-03-14',
      segment: 'loyal',
      locale: 'en-GB',
    },
    merchant: { name: 'Fernhill Broadband' },
    status: 'past_due',
    situation: 'first_missed',
    balance: { amount: 4250, currency: 'GBP' },
    nextCharge: { date: '2026-12-01', amount: { amount: 4250, currency: 'GBP' }, paymentMethodId: 'pm_1' },
    outstandingInvoices: [
      {
        id: 'inv_1',
        number: 'FB-2026-0042',
        dueDate: '2026-11-01',
        amountDue: { amount: 4250, currency: 'GBP' },
        status: 'past_due',
      },
    ],
    merchantNoteHtml:
      '<p>Thanks for <strong>15 years</strong>! <a href="https://example.com/move">Moving?</a></p><img src=x onerror="alert(1)">',
    humanContact: {
      name: 'Priya Shah',
      role: 'Customer care',
      hours: 'Mon–Fri 9:00–17:00',
      channels: [
        { kind: 'email', value: 'priya@example.com' },
        { kind: 'phone', value: '+44 20 7946 0000' },
        { kind: 'chat', value: 'javascript:alert(1)' },
      ],
      callbackAvailable: true,
    },
    features: ['invoices', 'payment-methods', 'contact', 'callback'],
    ...overrides,
  };
}

/** Jürgen, who reads German and owes a payment in euros. */
export function germanAccount(): AccountSummary {
  return loyalAccount({
    customer: {
      id: 'cus_de',
      name: 'Jürgen Becker',
      greetingName: 'Jürgen',
      kind: 'individual',
      customerSince: '2019-05-02',
      segment: 'regular',
      locale: 'de',
    },
    status: 'payment_due',
    situation: 'none',
    balance: { amount: 123456, currency: 'EUR' },
    nextCharge: null,
    outstandingInvoices: [
      { id: 'inv_de', number: 'R-7', dueDate: '2026-12-15', amountDue: { amount: 123456, currency: 'EUR' }, status: 'open' },
    ],
    merchantNoteHtml: null,
    humanContact: null,
  });
}

/** A host-written adapter (the `adapter` extension point) answering `getAccount` only. */
export function accountAdapter(getAccount: BillfoldClient['getAccount']): BillfoldClient {
  const unsupported = () => Promise.reject(new Error('not used in this test'));
  return new Proxy({ getAccount } as BillfoldClient, {
    get: (target, key) => (key === 'getAccount' ? target.getAccount : unsupported),
  });
}
