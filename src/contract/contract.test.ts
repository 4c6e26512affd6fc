import { describe, expect, it } from 'vitest';
import {
  AccountSummarySchema,
  ContactDetailsSchema,
  endpointPath,
  endpoints,
  InvoiceLineSchema,
  MoneySchema,
  PaymentMethodSchema,
  PlanRequestSchema,
  z,
  type AccountSummary,
} from './index.ts';

const account: AccountSummary = {
  customer: {
    id: 'cus_1',
    name: 'Margaret Thompson',
    greetingName: 'Margaret',
    kind: 'individual',
    customerSince: '2011-03-14',
    segment: 'loyal',
    locale: 'en-GB',
  },
  merchant: { name: 'Acme Utilities' },
  status: 'past_due',
  situation: 'first_missed',
  balance: { amount: 4599, currency: 'GBP' },
  nextCharge: { date: '2026-12-01', amount: { amount: 4599, currency: 'GBP' } },
  outstandingInvoices: [
    { id: 'inv_1', number: 'A-1001', dueDate: '2026-11-01', amountDue: { amount: 4599, currency: 'GBP' }, status: 'past_due' },
  ],
  merchantNoteHtml: '<p>Thank you</p>',
  humanContact: {
    name: 'Priya Shah',
    role: 'Customer care',
    channels: [{ kind: 'email', value: 'priya@acme.test' }],
    callbackAvailable: true,
  },
  features: ['invoices', 'payment-plan'],
};

const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('money', () => {
  it('accepts integer minor units with an ISO currency', () => {
    expect(z.parse(MoneySchema, { amount: -250, currency: 'JPY' })).toEqual({ amount: -250, currency: 'JPY' });
  });
  it('rejects floats and malformed currencies', () => {
    expect(z.safeParse(MoneySchema, { amount: 12.5, currency: 'EUR' }).success).toBe(false);
    expect(z.safeParse(MoneySchema, { amount: 12, currency: 'eur' }).success).toBe(false);
    expect(z.safeParse(MoneySchema, { amount: '12', currency: 'EUR' }).success).toBe(false);
  });
});

describe('account summary', () => {
  it('parses a complete summary', () => {
    expect(z.parse(AccountSummarySchema, account)).toEqual(account);
  });
  it('drops fields it does not know, so a newer backend does not break an older widget', () => {
    const parsed = z.parse(AccountSummarySchema, { ...account, loyaltyPoints: 12 });
    expect(parsed).not.toHaveProperty('loyaltyPoints');
  });
  it('names the path of a missing field', () => {
    const { greetingName: _, ...customer } = account.customer;
    expect(issuePaths(z.safeParse(AccountSummarySchema, { ...account, customer }))).toContain('customer.greetingName');
  });
  it('rejects an unknown status rather than guessing', () => {
    expect(z.safeParse(AccountSummarySchema, { ...account, status: 'fine' }).success).toBe(false);
  });
});

describe('invoice lines', () => {
  it('allows negative amounts for discounts and fractional usage quantities', () => {
    const line = {
      id: 'l1', kind: 'usage', description: 'Storage', quantity: 12.5, unit: 'GB',
      unitAmount: { amount: 10, currency: 'EUR' }, amount: { amount: 125, currency: 'EUR' }, explanation: 'Storage used in October.',
    };
    expect(z.safeParse(InvoiceLineSchema, line).success).toBe(true);
    expect(z.safeParse(InvoiceLineSchema, { ...line, kind: 'discount', amount: { amount: -500, currency: 'EUR' } }).success).toBe(true);
    expect(z.safeParse(InvoiceLineSchema, { ...line, kind: 'surprise' }).success).toBe(false);
  });
});

describe('payment methods', () => {
  it('tells cards, bank accounts and wallets apart and keeps them masked', () => {
    const card = { id: 'pm_1', type: 'card', isDefault: true, brand: 'visa', last4: '4242', expMonth: 4, expYear: 2027 };
    expect(z.parse(PaymentMethodSchema, card)).toEqual(card);
    expect(z.safeParse(PaymentMethodSchema, { ...card, last4: '4242424242424242' }).success).toBe(false);
    expect(z.safeParse(PaymentMethodSchema, { ...card, type: 'cheque' }).success).toBe(false);
  });
});

describe('contact details', () => {
  const details = {
    name: 'Margaret Thompson',
    email: 'margaret@example.com',
    billingAddress: { line1: '4 Elm Row', city: 'Bath', postalCode: 'BA1 2AB', country: 'GB' },
    recipients: [{ name: 'Accounts', email: 'accounts@example.com' }],
    preferences: { channel: 'email', reminderDaysBefore: 3, language: 'en-GB' },
  };
  it('accepts a valid record and trims what the customer typed', () => {
    const parsed = z.parse(ContactDetailsSchema, { ...details, name: '  Margaret Thompson ' });
    expect(parsed.name).toBe('Margaret Thompson');
  });
  it('points at each invalid field', () => {
    const result = z.safeParse(ContactDetailsSchema, {
      ...details,
      recipients: [{ name: 'Accounts', email: 'not-an-email' }],
      billingAddress: { ...details.billingAddress, country: 'Britain' },
      preferences: { ...details.preferences, reminderDaysBefore: 90 },
    });
    expect(issuePaths(result)).toEqual(
      expect.arrayContaining(['recipients.0.email', 'billingAddress.country', 'preferences.reminderDaysBefore']),
    );
  });
});

describe('payment plans', () => {
  it('needs at least two instalments and one invoice', () => {
    expect(z.safeParse(PlanRequestSchema, { kind: 'instalments', invoiceIds: ['i'], instalments: 3 }).success).toBe(true);
    expect(z.safeParse(PlanRequestSchema, { kind: 'instalments', invoiceIds: ['i'], instalments: 1 }).success).toBe(false);
    expect(z.safeParse(PlanRequestSchema, { kind: 'instalments', invoiceIds: [], instalments: 3 }).success).toBe(false);
  });
});

describe('endpoint table', () => {
  it('has one operation per method and path', () => {
    const keys = Object.values(endpoints).map((e) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('declares every path parameter it uses', () => {
    for (const endpoint of Object.values(endpoints)) {
      const inPath = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect('params' in endpoint ? endpoint.params : []).toEqual(inPath);
    }
  });
  it('requires If-Match only on updates that also answer with an ETag', () => {
    for (const endpoint of Object.values(endpoints)) {
      if ('ifMatch' in endpoint && endpoint.ifMatch) {
        expect(endpoint.method).toBe('PUT');
        expect('etag' in endpoint && endpoint.etag).toBe(true);
      }
    }
  });
  it('fills and encodes path parameters', () => {
    expect(endpointPath('/invoices/{invoiceId}', { invoiceId: 'a/b c' })).toBe('/invoices/a%2Fb%20c');
    expect(() => endpointPath('/invoices/{invoiceId}')).toThrow(/invoiceId/);
  });
});

describe('links from the backend', () => {
  it('accepts http(s) URLs only, so nothing else can become a link or image source', async () => {
    const { HttpUrlSchema } = await import('./index.ts');
    expect(z.safeParse(HttpUrlSchema, 'https://billing.example.com/invoices/1.pdf?x=1').success).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,hi', '//evil.example', 'https://', 'https://a b', '/relative.pdf']) {
      expect(z.safeParse(HttpUrlSchema, bad).success, bad).toBe(false);
    }
  });
});
