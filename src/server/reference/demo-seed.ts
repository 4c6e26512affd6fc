import { ALL_FEATURES, type HumanContact, type InvoiceLine } from '../../contract/index.ts';
import { addDays, addMonths, daysBetween, onDay, toIsoDate } from './dates.ts';
import type { StoredPlanPolicy } from './reference-adapter.ts';
import type { SandboxOutcome } from './sandbox-cards.ts';
import type { Sql, SqlQueryable } from './sql.ts';

/** A demo customer the demo page can switch to. */
export interface DemoPersona {
  /** Stable id used by `POST /demo/session` and the demo page. */
  id: 'loyal' | 'new' | 'hardship' | 'business' | 'german';
  name: string;
  customerId: string;
}

/** The seeded personas; `loyal` is the default. */
export const DEMO_PERSONAS: readonly DemoPersona[] = [
  { id: 'loyal', name: 'Margaret Thompson', customerId: 'cus_margaret' },
  { id: 'new', name: 'Jamie Park', customerId: 'cus_jamie' },
  { id: 'hardship', name: 'Daniela Rossi', customerId: 'cus_daniela' },
  { id: 'business', name: 'Northwind Analytics GmbH', customerId: 'cus_northwind' },
  { id: 'german', name: 'Jürgen Becker', customerId: 'cus_juergen' },
];

const MERCHANT = 'Acme Utilities';

interface SeedLine {
  kind: InvoiceLine['kind'];
  description: string;
  explanation: string;
  amount: number;
  quantity?: number;
  unit?: string;
  unitAmount?: number;
  period?: { start: string; end: string };
  tax?: { name: string; percent: number; taxableAmount: number };
}

interface SeedPayment {
  id: string;
  status: 'succeeded' | 'failed';
  at: Date;
  methodId: string;
  label: string;
  failure?: { reason: string; message: string; suggestedAction: string };
}

interface SeedInvoice {
  id: string;
  number: string;
  issueDate: string;
  dueDate: string;
  period: { start: string; end: string };
  lines: SeedLine[];
  payments: SeedPayment[];
  corrections?: { id: string; number: string; issueDate: string; amount: number; note: string }[];
}

interface SeedMethod {
  id: string;
  type: 'card' | 'bank_account';
  brand?: string;
  last4: string;
  expMonth?: number;
  expYear?: number;
  bankName?: string;
  isDefault: boolean;
  outcome: SandboxOutcome;
  label: string;
}

interface SeedHistory {
  at: Date;
  channel: 'email' | 'sms' | 'post' | 'phone' | 'portal' | 'chat';
  direction: 'outbound' | 'inbound';
  kind: string;
  subject: string;
  sentTo?: string | null;
  invoiceId?: string;
}

interface SeedQuestion {
  id: string;
  invoiceId: string;
  lineId: string | null;
  subject: string;
  topic: string;
  status: string;
  createdAt: Date;
  messages: { id: string; author: 'customer' | 'merchant'; authorName: string | null; body: string; sentAt: Date }[];
}

interface SeedCustomer {
  id: string;
  name: string;
  greetingName: string;
  kind: 'individual' | 'business';
  customerSince: string;
  segment: 'new' | 'regular' | 'loyal';
  locale: string;
  currency: string;
  merchantNoteHtml: string | null;
  humanContact: HumanContact;
  planPolicy: StoredPlanPolicy;
  contact: {
    name: string;
    email: string;
    phone: string | null;
    address: { line1: string; line2?: string | null; city: string; postalCode: string; region?: string | null; country: string };
    taxId: string | null;
    channel: 'email' | 'sms' | 'post' | 'phone';
    reminderDaysBefore: number;
    language: string;
  };
  recipients: { id: string; name: string; email: string }[];
  methods: SeedMethod[];
  cycle: { interval: 'month' | 'quarter' | 'year'; billingDay: number; priceMonth: number; priceQuarter: number; priceYear: number; nextInvoiceDate: string };
  invoices: SeedInvoice[];
  history: SeedHistory[];
  questions: SeedQuestion[];
}

/** A small deterministic PRNG (mulberry32), so the usage lines are the same on every seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const at = (date: string, hour = 9, minute = 0): Date =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);

/** A tax line over every non-tax line so far. */
function taxLine(lines: SeedLine[], name: string, percent: number, description: string, explanation: string): SeedLine {
  const taxableAmount = lines.filter((l) => l.kind !== 'tax').reduce((sum, l) => sum + l.amount, 0);
  return { kind: 'tax', description, explanation, amount: Math.round((taxableAmount * percent) / 100), tax: { name, percent, taxableAmount } };
}

const total = (lines: SeedLine[]): number => lines.reduce((sum, l) => sum + l.amount, 0);

/** The date of an issue on billing day ≤ 28, `daysAgo` days or a little more before today. */
function issueDateBefore(today: string, daysAgo: number): string {
  const date = addDays(today, -daysAgo);
  const day = Number(date.slice(8, 10));
  return day > 28 ? onDay(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 28) : date;
}

function fmtGbp(minor: number): string {
  return `£${(minor / 100).toFixed(2)}`;
}

// -----------------------------------------------------------------------------------------------
// Margaret Thompson: loyal since 2011, moved house, her October bill went to the old address.

function margaret(today: string): SeedCustomer {
  const id = 'cus_margaret';
  const visa: SeedMethod = {
    id: 'pm_margaret_visa',
    type: 'card',
    brand: 'Visa',
    last4: '4242',
    expMonth: 8,
    expYear: Number(today.slice(0, 4)) + 2,
    isDefault: true,
    outcome: 'succeed',
    label: 'Visa •••• 4242',
  };
  const latestIssue = issueDateBefore(today, 24);
  const billingDay = Number(latestIssue.slice(8, 10));
  const usage = [
    [212.6, 640],
    [198.3, 420],
    [187.9, 260],
    [176.4, 190],
    [181.2, 210],
    [203.5, 380],
  ] as const;
  const invoices: SeedInvoice[] = usage.map(([kwhElec, kwhGas], k) => {
    const issueDate = addMonths(latestIssue, -k, billingDay);
    const start = addMonths(issueDate, -1, billingDay);
    const end = addDays(issueDate, -1);
    const days = daysBetween(start, issueDate);
    const lines: SeedLine[] = [
      {
        kind: 'subscription',
        description: 'Home Energy Plus — standing charges',
        explanation: `A fixed daily charge of 55.8p for ${days} days. It keeps your home connected to the electricity and gas networks, whether or not you use energy that day.`,
        quantity: days,
        unit: 'days',
        unitAmount: 56,
        amount: Math.round(days * 55.8),
        period: { start, end },
      },
      {
        kind: 'usage',
        description: 'Electricity used',
        explanation: `Your smart meter recorded ${kwhElec} kWh of electricity between ${start} and ${end}, at 24.50p per kWh — the capped price for your tariff.`,
        quantity: kwhElec,
        unit: 'kWh',
        unitAmount: 25,
        amount: Math.round(kwhElec * 24.5),
        period: { start, end },
      },
      {
        kind: 'usage',
        description: 'Gas used',
        explanation: `Your smart meter recorded ${kwhGas} kWh of gas between ${start} and ${end}, at 6.24p per kWh.`,
        quantity: kwhGas,
        unit: 'kWh',
        unitAmount: 6,
        amount: Math.round(kwhGas * 6.24),
        period: { start, end },
      },
      {
        kind: 'discount',
        description: 'Loyalty discount — 10+ years with us',
        explanation: 'Thank you for being with us since 2011. Customers of ten years or more get £3.00 off every month.',
        amount: -300,
      },
    ];
    lines.push(
      taxLine(lines, 'VAT', 5, 'VAT at 5%', 'Energy for your home is taxed at the reduced VAT rate of 5%, collected by us for HMRC.'),
    );
    const dueDate = addDays(issueDate, 14);
    const payments: SeedPayment[] =
      k === 0
        ? []
        : [{ id: `pay_margaret_${k}`, status: 'succeeded', at: at(dueDate, 6), methodId: visa.id, label: visa.label }];
    return {
      id: `inv_margaret_${k}`,
      number: `AU-${issueDate.slice(0, 7).replace('-', '')}-1041`,
      issueDate,
      dueDate,
      period: { start, end },
      lines,
      payments,
    };
  });
  const overdue = invoices[0]!;
  const history: SeedHistory[] = [];
  for (const invoice of invoices.slice(1)) {
    history.push(
      { at: at(invoice.issueDate, 7), channel: 'email', direction: 'outbound', kind: 'invoice', subject: `Your bill ${invoice.number} is ready`, sentTo: 'margaret.thompson@example.co.uk', invoiceId: invoice.id },
      { at: at(invoice.dueDate, 6, 5), channel: 'email', direction: 'outbound', kind: 'receipt', subject: `Payment received for ${invoice.number} — thank you`, sentTo: 'margaret.thompson@example.co.uk', invoiceId: invoice.id },
    );
  }
  history.push(
    { at: at(overdue.issueDate, 7), channel: 'post', direction: 'outbound', kind: 'invoice', subject: `Your bill ${overdue.number} (paper copy)`, sentTo: '12 Orchard Lane, Bath BA1 2QH', invoiceId: overdue.id },
    { at: at(addDays(overdue.dueDate, 3), 10), channel: 'email', direction: 'outbound', kind: 'reminder', subject: `A gentle reminder: ${overdue.number} is still open`, sentTo: 'margaret.thompson@example.co.uk', invoiceId: overdue.id },
    { at: at(addDays(overdue.dueDate, 6), 14, 20), channel: 'phone', direction: 'inbound', kind: 'notice', subject: 'Margaret called to tell us about her new address', sentTo: null },
    { at: at(addDays(overdue.dueDate, 6), 14, 45), channel: 'email', direction: 'outbound', kind: 'notice', subject: 'Welcome to your new home — we have paused late fees', sentTo: 'margaret.thompson@example.co.uk' },
  );
  return {
    id,
    name: 'Margaret Thompson',
    greetingName: 'Margaret',
    kind: 'individual',
    customerSince: '2011-03-14',
    segment: 'loyal',
    locale: 'en-GB',
    currency: 'GBP',
    merchantNoteHtml:
      '<p>Thank you for fifteen years with us, Margaret — and welcome to your new home in Wells!</p>' +
      `<p>Your last bill went to your <strong>old address</strong>, so we have <em>paused all late fees</em> until you have had a chance to pay ${fmtGbp(total(overdue.lines))}.</p>` +
      '<p>Still unpacking? Our <a href="https://acme-utilities.example/moving-home">moving-home checklist</a> covers meter readings and more.</p>',
    humanContact: {
      name: 'Priya Shah',
      role: 'Your account manager',
      photoUrl: null,
      hours: 'Mon–Fri 9:00–17:30 (UK time)',
      channels: [
        { kind: 'email', value: 'priya.shah@acme-utilities.example', label: 'Email Priya' },
        { kind: 'phone', value: '+44 20 7946 0321', label: 'Call Priya' },
        { kind: 'chat', value: 'https://acme-utilities.example/chat', label: 'Chat with us' },
      ],
      callbackAvailable: true,
    },
    planPolicy: { enabled: true, maxInstalments: 6, minInstalmentAmount: { amount: 1000, currency: 'GBP' }, maxDeferralDays: 30 },
    contact: {
      name: 'Margaret Thompson',
      email: 'margaret.thompson@example.co.uk',
      phone: '+44 7700 900123',
      address: { line1: '4 Riverside Close', line2: null, city: 'Wells', postalCode: 'BA5 2PQ', region: 'Somerset', country: 'GB' },
      taxId: null,
      channel: 'email',
      reminderDaysBefore: 3,
      language: 'en-GB',
    },
    recipients: [],
    methods: [visa],
    cycle: { interval: 'month', billingDay, priceMonth: 10500, priceQuarter: 30900, priceYear: 118800, nextInvoiceDate: addMonths(latestIssue, 1, billingDay) },
    invoices,
    history,
    questions: [],
  };
}

// -----------------------------------------------------------------------------------------------
// Jamie Park: new since October, the first automatic payment failed because the card expired.

function jamie(today: string, now: Date): SeedCustomer {
  const id = 'cus_jamie';
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const card: SeedMethod = {
    id: 'pm_jamie_visa',
    type: 'card',
    brand: 'Visa',
    last4: '1881',
    expMonth: lastMonth.getUTCMonth() + 1,
    expYear: lastMonth.getUTCFullYear(),
    isDefault: true,
    outcome: 'succeed',
    label: 'Visa •••• 1881',
  };
  const issueDate = issueDateBefore(today, 12);
  const billingDay = Number(issueDate.slice(8, 10));
  const dueDate = addDays(issueDate, 7);
  const start = issueDate;
  const end = addDays(addMonths(issueDate, 1, billingDay), -1);
  const lines: SeedLine[] = [
    {
      kind: 'subscription',
      description: 'Fibre 500 broadband — monthly plan',
      explanation: `Your plan: 500 Mbps download, unlimited data, billed a month in advance for ${start} to ${end}.`,
      amount: 4999,
      quantity: 1,
      unit: 'month',
      unitAmount: 4999,
      period: { start, end },
    },
    {
      kind: 'fee',
      description: 'Wi-Fi router rental',
      explanation: 'The router is rented month by month. Return it when you leave and this charge stops.',
      amount: 500,
      period: { start, end },
    },
    {
      kind: 'one_time',
      description: 'Installation visit',
      explanation: 'A one-off charge for the engineer visit that connected your home. You will only see it once.',
      amount: 2500,
    },
    {
      kind: 'discount',
      description: 'Welcome offer — 50% off your first month',
      explanation: 'New customers pay half price for the first month of their plan. Your full price starts next month.',
      amount: -2500,
    },
  ];
  lines.push(
    taxLine(lines, 'Sales tax (CA)', 7.25, 'California sales tax 7.25%', 'California sales tax at 7.25% on this bill, collected by us and paid to the state.'),
  );
  const failedAt = at(dueDate, 8);
  const invoice: SeedInvoice = {
    id: 'inv_jamie_0',
    number: `AU-${issueDate.slice(0, 7).replace('-', '')}-7310`,
    issueDate,
    dueDate,
    period: { start, end },
    lines,
    payments:
      dueDate <= today
        ? [
            {
              id: 'pay_jamie_0',
              status: 'failed',
              at: failedAt,
              methodId: card.id,
              label: card.label,
              failure: {
                reason: 'card_expired',
                message: `The Visa card ending 1881 expired at the end of ${lastMonth.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })}.`,
                suggestedAction: 'update_payment_method',
              },
            },
          ]
        : [],
  };
  return {
    id,
    name: 'Jamie Park',
    greetingName: 'Jamie',
    kind: 'individual',
    customerSince: '2026-10-01',
    segment: 'new',
    locale: 'en-US',
    currency: 'USD',
    // The image and script are a deliberate attack the widget's sanitizer must strip.
    merchantNoteHtml:
      "<p>Welcome to Acme, Jamie! Your first payment didn't go through because the card we have on file has expired — it happens to lots of people in their first month.</p>" +
      '<p>Add a current card and we will take care of the rest. <a href="https://acme-utilities.example/help/cards">How we keep your card safe</a></p>' +
      '<img src="x" onerror="alert(\'gotcha\')"><script>alert("gotcha")</script>' +
      '<p><a href="javascript:alert(1)">Claim your bonus</a></p>',
    humanContact: {
      name: 'Marcus Lee',
      role: 'Customer care',
      photoUrl: null,
      hours: 'Mon–Sat 8am–8pm Pacific',
      channels: [
        { kind: 'email', value: 'care@acme-utilities.example' },
        { kind: 'phone', value: '+1 415 555 0100' },
        { kind: 'chat', value: 'https://acme-utilities.example/chat', label: 'Live chat' },
      ],
      callbackAvailable: true,
    },
    planPolicy: { enabled: true, maxInstalments: 3, minInstalmentAmount: { amount: 1000, currency: 'USD' }, maxDeferralDays: 14 },
    contact: {
      name: 'Jamie Park',
      email: 'jamie.park@example.com',
      phone: '+1 415 555 0142',
      address: { line1: '1450 Valencia St', line2: 'Apt 3', city: 'San Francisco', postalCode: '94110', region: 'CA', country: 'US' },
      taxId: null,
      channel: 'sms',
      reminderDaysBefore: 2,
      language: 'en-US',
    },
    recipients: [],
    methods: [card],
    cycle: { interval: 'month', billingDay, priceMonth: 5499, priceQuarter: 15999, priceYear: 59900, nextInvoiceDate: addMonths(issueDate, 1, billingDay) },
    invoices: [invoice],
    history: [
      { at: at('2026-10-01', 11), channel: 'email', direction: 'outbound', kind: 'notice', subject: 'Welcome to Acme Utilities, Jamie', sentTo: 'jamie.park@example.com' },
      { at: at(issueDate, 7), channel: 'email', direction: 'outbound', kind: 'invoice', subject: `Your first bill ${invoice.number} is ready`, sentTo: 'jamie.park@example.com', invoiceId: invoice.id },
      ...(invoice.payments.length > 0
        ? [
            { at: new Date(failedAt.getTime() + 60_000), channel: 'email' as const, direction: 'outbound' as const, kind: 'payment_failed', subject: `Your payment for ${invoice.number} didn't go through`, sentTo: 'jamie.park@example.com', invoiceId: invoice.id },
            { at: new Date(failedAt.getTime() + 120_000), channel: 'sms' as const, direction: 'outbound' as const, kind: 'payment_failed', subject: 'Acme: your card has expired — update it in your billing portal', sentTo: '+1 ••• ••• 0142', invoiceId: invoice.id },
          ]
        : []),
    ],
    questions: [],
  };
}

// -----------------------------------------------------------------------------------------------
// Daniela Rossi: a regular customer in a hard spell — one bill overdue, the one before paid late.

function daniela(today: string): SeedCustomer {
  const id = 'cus_daniela';
  const card: SeedMethod = {
    id: 'pm_daniela_mc',
    type: 'card',
    brand: 'Mastercard',
    last4: '9995',
    expMonth: 3,
    expYear: Number(today.slice(0, 4)) + 1,
    isDefault: true,
    outcome: 'insufficient_funds',
    label: 'Mastercard •••• 9995',
  };
  const latestIssue = issueDateBefore(today, 10);
  const billingDay = Number(latestIssue.slice(8, 10));
  const usage = [412, 398, 371, 322, 290] as const;
  const invoices: SeedInvoice[] = usage.map((kwh, k) => {
    const issueDate = addMonths(latestIssue, -k, billingDay);
    const start = addMonths(issueDate, -1, billingDay);
    const end = addDays(issueDate, -1);
    const dueDate = addDays(issueDate, 14);
    const lines: SeedLine[] = [
      {
        kind: 'subscription',
        description: 'Standing charge',
        explanation: 'A fixed monthly charge for the meter and your connection to the network.',
        amount: 1850,
        period: { start, end },
      },
      {
        kind: 'usage',
        description: 'Electricity used',
        explanation: `${kwh} kWh between ${start} and ${end} at €0.1475 per kWh, read from your smart meter.`,
        quantity: kwh,
        unit: 'kWh',
        unitAmount: 15,
        amount: Math.round(kwh * 14.75),
        period: { start, end },
      },
      {
        kind: 'usage',
        description: 'Public Service Obligation levy',
        explanation: 'A levy set by the energy regulator that every Irish electricity customer pays; it supports renewable generation.',
        amount: 327,
      },
    ];
    lines.push(taxLine(lines, 'VAT', 9, 'VAT at 9%', 'Electricity for homes is taxed at the reduced VAT rate of 9%.'));
    // k = 0 is open, k = 1 is overdue, k = 2 was paid twelve days late, the rest on time.
    const payments: SeedPayment[] =
      k <= 1
        ? []
        : [
            {
              id: `pay_daniela_${k}`,
              status: 'succeeded',
              at: at(addDays(dueDate, k === 2 ? 12 : 0), 10),
              methodId: card.id,
              label: card.label,
            },
          ];
    return { id: `inv_daniela_${k}`, number: `AU-${issueDate.slice(0, 7).replace('-', '')}-3388`, issueDate, dueDate, period: { start, end }, lines, payments };
  });
  const history: SeedHistory[] = invoices.map((invoice) => ({
    at: at(invoice.issueDate, 7),
    channel: 'email' as const,
    direction: 'outbound' as const,
    kind: 'invoice',
    subject: `Your bill ${invoice.number} is ready`,
    sentTo: 'daniela.rossi@example.ie',
    invoiceId: invoice.id,
  }));
  const overdue = invoices[1]!;
  history.push(
    { at: at(addDays(overdue.dueDate, 3), 10), channel: 'email', direction: 'outbound', kind: 'reminder', subject: `${overdue.number} is overdue — we are here to help`, sentTo: 'daniela.rossi@example.ie', invoiceId: overdue.id },
    { at: at(addDays(overdue.dueDate, 7), 18, 30), channel: 'sms', direction: 'outbound', kind: 'reminder', subject: 'Acme: a payment plan can spread your bill — see your billing portal', sentTo: '+353 •• ••• 4417', invoiceId: overdue.id },
    { at: at(addDays(overdue.dueDate, 9), 12, 15), channel: 'chat', direction: 'inbound', kind: 'notice', subject: 'Daniela asked about spreading the cost of her bills', sentTo: null },
  );
  return {
    id,
    name: 'Daniela Rossi',
    greetingName: 'Daniela',
    kind: 'individual',
    customerSince: '2021-06-02',
    segment: 'regular',
    locale: 'en-IE',
    currency: 'EUR',
    merchantNoteHtml:
      '<p>We know money can get tight, Daniela. If you need more time, you can <strong>set up a payment plan</strong> or move a due date right here — no phone call needed, and no extra fees.</p>' +
      '<p>Free, confidential advice is also available from <a href="https://www.mabs.ie">MABS</a>.</p>',
    humanContact: {
      name: 'Siobhán Byrne',
      role: 'Payment support',
      photoUrl: null,
      hours: 'Mon–Fri 9:00–17:00 (Irish time)',
      channels: [
        { kind: 'email', value: 'payment-help@acme-utilities.example' },
        { kind: 'phone', value: '+353 1 555 0199', label: 'Freephone' },
        { kind: 'chat', value: 'https://acme-utilities.example/chat' },
      ],
      callbackAvailable: true,
    },
    planPolicy: { enabled: true, maxInstalments: 6, minInstalmentAmount: { amount: 1500, currency: 'EUR' }, maxDeferralDays: 45 },
    contact: {
      name: 'Daniela Rossi',
      email: 'daniela.rossi@example.ie',
      phone: '+353 87 555 4417',
      address: { line1: '27 Mountjoy Square', line2: 'Flat 2', city: 'Dublin', postalCode: 'D01 E2F5', region: 'Dublin', country: 'IE' },
      taxId: null,
      channel: 'email',
      reminderDaysBefore: 5,
      language: 'en-IE',
    },
    recipients: [],
    methods: [card],
    cycle: { interval: 'month', billingDay, priceMonth: 8200, priceQuarter: 24000, priceYear: 92000, nextInvoiceDate: addMonths(latestIssue, 1, billingDay) },
    invoices,
    history,
    questions: [],
  };
}

// -----------------------------------------------------------------------------------------------
// Northwind Analytics GmbH: a business on quarterly billing with hundreds of usage lines.

function northwind(today: string): SeedCustomer {
  const id = 'cus_northwind';
  const sepa: SeedMethod = {
    id: 'pm_northwind_sepa',
    type: 'bank_account',
    bankName: 'Deutsche Bank',
    last4: '3000',
    isDefault: true,
    outcome: 'succeed',
    label: 'Deutsche Bank •••• 3000',
  };
  const latestIssue = onDay(Number(addDays(today, -20).slice(0, 4)), Number(addDays(today, -20).slice(5, 7)), 1);
  const projects = ['berlin-warehouse', 'hamburg-port', 'munich-offices'] as const;
  const rand = random(20191);

  const makeInvoice = (k: number): SeedInvoice => {
    const issueDate = addMonths(latestIssue, -3 * k, 1);
    const start = addMonths(issueDate, -3, 1);
    const end = addDays(issueDate, -1);
    const days = daysBetween(start, issueDate);
    const lines: SeedLine[] = [
      {
        kind: 'subscription',
        description: 'Grid Insights Business plan — quarterly',
        explanation: `The platform fee for ${start} to ${end}: 3 projects, 10 team members, support within one working day.`,
        amount: 120000,
        quantity: 1,
        unit: 'quarter',
        unitAmount: 120000,
        period: { start, end },
      },
    ];
    if (k === 0) {
      // One line per project, per metric, per day: the detail a finance team asks for.
      for (let d = 0; d < days; d++) {
        const day = addDays(start, d);
        for (const project of projects) {
          const calls = Math.round(20_000 + rand() * 60_000);
          const perThousand = calls / 1000;
          lines.push({
            kind: 'usage',
            description: `API calls — ${project}`,
            explanation: `${calls.toLocaleString('en-US')} calls to the Grid Insights API from project ${project} on ${day}, at €0.40 per 1,000 calls.`,
            quantity: perThousand,
            unit: '1,000 calls',
            unitAmount: 40,
            amount: Math.round(perThousand * 40),
            period: { start: day, end: day },
          });
          const gb = Math.round((0.5 + rand() * 4) * 100) / 100;
          lines.push({
            kind: 'usage',
            description: `Data export — ${project}`,
            explanation: `${gb} GB of meter data exported by project ${project} on ${day}, at €0.09 per GB.`,
            quantity: gb,
            unit: 'GB',
            unitAmount: 9,
            amount: Math.round(gb * 9),
            period: { start: day, end: day },
          });
        }
      }
    } else {
      for (const project of projects) {
        const calls = Math.round((20_000 + rand() * 60_000) * days);
        lines.push({
          kind: 'usage',
          description: `API calls — ${project}`,
          explanation: `${calls.toLocaleString('en-US')} calls from project ${project} during the quarter, at €0.40 per 1,000 calls.`,
          quantity: calls / 1000,
          unit: '1,000 calls',
          unitAmount: 40,
          amount: Math.round((calls / 1000) * 40),
          period: { start, end },
        });
      }
    }
    lines.push({
      kind: 'discount',
      description: 'Annual commitment discount — 5% of the platform fee',
      explanation: 'Northwind committed to a full year, which takes 5% off the platform fee each quarter.',
      amount: -6000,
    });
    lines.push(taxLine(lines, 'VAT', 19, 'VAT 19%', 'German VAT (Umsatzsteuer) at the standard rate of 19% on everything above.'));
    const dueDate = addDays(issueDate, 30);
    const corrections =
      k === 1
        ? [
            {
              id: 'cn_northwind_1',
              number: `CN-${issueDate.slice(0, 4)}-007`,
              issueDate: addDays(issueDate, 9),
              amount: -12000,
              note:
                'We are sorry. A metering fault counted some API calls from project hamburg-port twice over three days. ' +
                'We have credited €120.00 and fixed the fault so it cannot happen again. — Jonas Richter, account manager',
            },
          ]
        : [];
    return {
      id: `inv_northwind_${k}`,
      number: `AU-B-${issueDate.slice(0, 7).replace('-', '')}-0088`,
      issueDate,
      dueDate,
      period: { start, end },
      lines,
      payments: [{ id: `pay_northwind_${k}`, status: 'succeeded', at: at(addDays(issueDate, k === 0 ? 3 : 12), 5), methodId: sepa.id, label: sepa.label }],
      corrections,
    };
  };
  const invoices = [0, 1, 2, 3].map(makeInvoice);
  const latest = invoices[0]!;
  const askedLine = latest.lines.find((l) => l.description === 'API calls — hamburg-port' && l.period?.start === addDays(latest.period.start, 40));
  const askedLineIndex = askedLine ? latest.lines.indexOf(askedLine) : 1;
  const questionAt = at(addDays(latest.issueDate, 2), 9, 40);
  const recipients = [
    { id: 'rcp_northwind_ap', name: 'Accounts Payable', email: 'ap@northwind-analytics.example' },
    { id: 'rcp_northwind_cfo', name: 'Katrin Vogt', email: 'katrin.vogt@northwind-analytics.example' },
    { id: 'rcp_northwind_eng', name: 'Tomás Herrera', email: 'tomas.herrera@northwind-analytics.example' },
  ];
  const sentTo = 'ap@northwind-analytics.example and 2 others';
  const history: SeedHistory[] = [];
  for (const invoice of invoices) {
    history.push(
      { at: at(invoice.issueDate, 6), channel: 'email', direction: 'outbound', kind: 'invoice', subject: `Invoice ${invoice.number} with your usage report`, sentTo, invoiceId: invoice.id },
      { at: invoice.payments[0]!.at, channel: 'email', direction: 'outbound', kind: 'receipt', subject: `SEPA direct debit collected for ${invoice.number}`, sentTo, invoiceId: invoice.id },
    );
  }
  history.push(
    { at: at(invoices[1]!.corrections![0]!.issueDate, 11), channel: 'email', direction: 'outbound', kind: 'notice', subject: `Credit note ${invoices[1]!.corrections![0]!.number}: our apologies for the metering fault`, sentTo, invoiceId: invoices[1]!.id },
    { at: questionAt, channel: 'portal', direction: 'inbound', kind: 'question', subject: `Question about ${latest.number} — API calls — hamburg-port`, invoiceId: latest.id },
    { at: new Date(questionAt.getTime() + 5 * 3600_000), channel: 'email', direction: 'outbound', kind: 'reply', subject: `Jonas Richter answered your question about ${latest.number}`, sentTo: 'tomas.herrera@northwind-analytics.example', invoiceId: latest.id },
  );
  const day = askedLine?.period?.start ?? latest.period.start;
  return {
    id,
    name: 'Northwind Analytics GmbH',
    greetingName: 'Northwind team',
    kind: 'business',
    customerSince: '2019-09-01',
    segment: 'loyal',
    locale: 'en',
    currency: 'EUR',
    merchantNoteHtml:
      '<p>Hello Northwind team — your <strong>quarterly usage report</strong> is itemised per project and per day on the latest invoice.</p>' +
      '<ul><li>A credit note for last quarter’s metering fault is on the previous invoice</li><li>New: export your usage as CSV from the <a href="https://acme-utilities.example/grid-insights/usage">usage dashboard</a></li></ul>',
    humanContact: {
      name: 'Jonas Richter',
      role: 'Account manager, business customers',
      photoUrl: null,
      hours: 'Mon–Fri 9:00–17:00 CET',
      channels: [
        { kind: 'email', value: 'jonas.richter@acme-utilities.example' },
        { kind: 'phone', value: '+49 30 9018 2200' },
        { kind: 'post', value: 'Acme Utilities GmbH, Friedrichstraße 68, 10117 Berlin' },
      ],
      callbackAvailable: true,
    },
    planPolicy: { enabled: false, maxInstalments: 0, minInstalmentAmount: { amount: 0, currency: 'EUR' }, maxDeferralDays: 0 },
    contact: {
      name: 'Northwind Analytics GmbH',
      email: 'billing@northwind-analytics.example',
      phone: '+49 30 5557 1200',
      address: { line1: 'Torstraße 112', line2: '3. OG', city: 'Berlin', postalCode: '10119', region: null, country: 'DE' },
      taxId: 'DE811569869',
      channel: 'email',
      reminderDaysBefore: 7,
      language: 'en',
    },
    recipients,
    methods: [sepa],
    cycle: { interval: 'quarter', billingDay: 1, priceMonth: 40000, priceQuarter: 114000, priceYear: 432000, nextInvoiceDate: addMonths(latestIssue, 3, 1) },
    invoices,
    history,
    questions: [
      {
        id: 'q_northwind_1',
        invoiceId: latest.id,
        lineId: `ln_${latest.id}_${askedLineIndex}`,
        subject: `Invoice ${latest.number} — API calls — hamburg-port`,
        topic: 'amount_wrong',
        status: 'answered',
        createdAt: questionAt,
        messages: [
          {
            id: 'msg_northwind_1',
            author: 'customer',
            authorName: null,
            body: `The hamburg-port project shows a lot of API calls on ${day}, but our deployment there was paused that day. Can you check?`,
            sentAt: questionAt,
          },
          {
            id: 'msg_northwind_2',
            author: 'merchant',
            authorName: 'Jonas Richter',
            body:
              'Thanks for checking so carefully, Tomás. The calls came from the scheduled nightly export (API key ending 7f3a), ' +
              'which kept running while the deployment was paused. The amount is correct, but if you would like to pause the export ' +
              'too, reply here and I will set it up for you.',
            sentAt: new Date(questionAt.getTime() + 5 * 3600_000),
          },
        ],
      },
    ],
  };
}

// -----------------------------------------------------------------------------------------------
// Jürgen Becker: a regular customer in Munich who reads everything in German; a bill is due soon.

function juergen(today: string): SeedCustomer {
  const id = 'cus_juergen';
  const card: SeedMethod = {
    id: 'pm_juergen_mc',
    type: 'card',
    brand: 'Mastercard',
    last4: '4444',
    expMonth: 11,
    expYear: Number(today.slice(0, 4)) + 3,
    isDefault: true,
    outcome: 'succeed',
    label: 'Mastercard •••• 4444',
  };
  const latestIssue = issueDateBefore(today, 8);
  const billingDay = Number(latestIssue.slice(8, 10));
  const usage = [268, 241, 229, 233] as const;
  const invoices: SeedInvoice[] = usage.map((kwh, k) => {
    const issueDate = addMonths(latestIssue, -k, billingDay);
    const start = addMonths(issueDate, -1, billingDay);
    const end = addDays(issueDate, -1);
    const dueDate = addDays(issueDate, 14);
    const lines: SeedLine[] = [
      {
        kind: 'subscription',
        description: 'Grundpreis Ökostrom Plus',
        explanation: 'Der monatliche Grundpreis deckt Zähler, Messung und Netzanschluss – unabhängig vom Verbrauch.',
        amount: 1290,
        period: { start, end },
      },
      {
        kind: 'usage',
        description: 'Arbeitspreis Strom',
        explanation: `Ihr Zähler hat vom ${start} bis ${end} ${kwh} kWh gemessen, zu 32,9 Cent pro kWh aus 100 % erneuerbaren Quellen.`,
        quantity: kwh,
        unit: 'kWh',
        unitAmount: 33,
        amount: Math.round(kwh * 32.9),
        period: { start, end },
      },
    ];
    lines.push(taxLine(lines, 'MwSt.', 19, 'Mehrwertsteuer 19 %', 'Die gesetzliche Umsatzsteuer von 19 %, die wir für das Finanzamt einziehen.'));
    const payments: SeedPayment[] =
      k === 0 ? [] : [{ id: `pay_juergen_${k}`, status: 'succeeded', at: at(addDays(dueDate, -1), 9), methodId: card.id, label: card.label }];
    return { id: `inv_juergen_${k}`, number: `AU-${issueDate.slice(0, 7).replace('-', '')}-5520`, issueDate, dueDate, period: { start, end }, lines, payments };
  });
  const due = invoices[0]!;
  return {
    id,
    name: 'Jürgen Becker',
    greetingName: 'Jürgen',
    kind: 'individual',
    customerSince: '2023-04-17',
    segment: 'regular',
    locale: 'de',
    currency: 'EUR',
    merchantNoteHtml:
      '<p>Hallo Jürgen, vielen Dank für Ihre <strong>pünktlichen Zahlungen</strong>!</p>' +
      `<p>Ihre aktuelle Rechnung ist am ${due.dueDate} fällig. Neu bei uns: <a href="https://acme-utilities.example/de/waermepumpe">Tarife für Wärmepumpen</a>.</p>`,
    humanContact: {
      name: 'Lena Vogel',
      role: 'Kundenbetreuung',
      photoUrl: null,
      hours: 'Mo–Fr 8:00–18:00 Uhr',
      channels: [
        { kind: 'email', value: 'lena.vogel@acme-utilities.example' },
        { kind: 'phone', value: '+49 89 5555 0170' },
      ],
      callbackAvailable: false,
    },
    planPolicy: { enabled: true, maxInstalments: 3, minInstalmentAmount: { amount: 2000, currency: 'EUR' }, maxDeferralDays: 21 },
    contact: {
      name: 'Jürgen Becker',
      email: 'juergen.becker@example.de',
      phone: '+49 89 1234567',
      address: { line1: 'Leopoldstraße 45', line2: null, city: 'München', postalCode: '80802', region: 'Bayern', country: 'DE' },
      taxId: null,
      channel: 'email',
      reminderDaysBefore: 5,
      language: 'de',
    },
    recipients: [],
    methods: [card],
    cycle: { interval: 'month', billingDay, priceMonth: 11500, priceQuarter: 33900, priceYear: 131100, nextInvoiceDate: addMonths(latestIssue, 1, billingDay) },
    invoices,
    history: ([
      ...invoices.map((invoice): SeedHistory => ({
        at: at(invoice.issueDate, 7),
        channel: 'email' as const,
        direction: 'outbound' as const,
        kind: 'invoice',
        subject: `Ihre Rechnung ${invoice.number} ist da`,
        sentTo: 'juergen.becker@example.de',
        invoiceId: invoice.id,
      })),
      { at: at(addDays(due.dueDate, -5), 8), channel: 'email', direction: 'outbound', kind: 'reminder', subject: `Erinnerung: ${due.number} ist in 5 Tagen fällig`, sentTo: 'juergen.becker@example.de', invoiceId: due.id },
    ] satisfies SeedHistory[]).filter((entry) => entry.at.getTime() <= Date.parse(`${today}T23:59:59Z`)),
    questions: [],
  };
}

// -----------------------------------------------------------------------------------------------

async function insertMany(tx: SqlQueryable, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  // Chunks keep the parameter count well below PostgreSQL's limit of 65535.
  const chunk = Math.max(1, Math.floor(2000 / columns.length));
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const values = part
      .map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`)
      .join(', ');
    await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, part.flat());
  }
}

async function insertCustomer(tx: SqlQueryable, c: SeedCustomer, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO customers (id, name, greeting_name, kind, customer_since, segment, locale, currency, merchant_name,
       merchant_note_html, human_contact, features, plan_policy)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [c.id, c.name, c.greetingName, c.kind, c.customerSince, c.segment, c.locale, c.currency, MERCHANT, c.merchantNoteHtml,
      JSON.stringify(c.humanContact), JSON.stringify(ALL_FEATURES), JSON.stringify(c.planPolicy)],
  );
  await tx.query(
    `INSERT INTO contact_details (customer_id, name, email, phone, billing_address, tax_id, preferred_channel,
       reminder_days_before, language, version, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10)`,
    [c.id, c.contact.name, c.contact.email, c.contact.phone, JSON.stringify(c.contact.address), c.contact.taxId,
      c.contact.channel, c.contact.reminderDaysBefore, c.contact.language, now],
  );
  await insertMany(tx, 'invoice_recipients', ['id', 'customer_id', 'position', 'name', 'email'],
    c.recipients.map((r, i) => [r.id, c.id, i, r.name, r.email]));
  await insertMany(tx, 'payment_methods',
    ['id', 'customer_id', 'type', 'brand', 'last4', 'exp_month', 'exp_year', 'bank_name', 'is_default', 'outcome', 'created_at'],
    c.methods.map((m, i) => [m.id, c.id, m.type, m.brand ?? null, m.last4, m.expMonth ?? null, m.expYear ?? null, m.bankName ?? null,
      m.isDefault, m.outcome, new Date(Date.parse(`${c.customerSince}T12:00:00Z`) + i * 1000)]));
  await tx.query(
    `INSERT INTO billing_cycles (customer_id, interval, billing_day, allowed_days, price_month, price_quarter, price_year, next_invoice_date)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [c.id, c.cycle.interval, c.cycle.billingDay, JSON.stringify(Array.from({ length: 28 }, (_, i) => i + 1)),
      c.cycle.priceMonth, c.cycle.priceQuarter, c.cycle.priceYear, c.cycle.nextInvoiceDate],
  );
  for (const invoice of c.invoices) {
    const gross = total(invoice.lines) + (invoice.corrections ?? []).reduce((s, x) => s + x.amount, 0);
    const success = invoice.payments.find((p) => p.status === 'succeeded');
    await tx.query(
      `INSERT INTO invoices (id, customer_id, number, issue_date, due_date, period_start, period_end, currency, paid_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [invoice.id, c.id, invoice.number, invoice.issueDate, invoice.dueDate, invoice.period.start, invoice.period.end, c.currency, success?.at ?? null],
    );
    await insertMany(tx, 'invoice_lines',
      ['id', 'invoice_id', 'position', 'kind', 'description', 'period_start', 'period_end', 'quantity', 'unit', 'unit_amount', 'amount',
        'explanation', 'tax_name', 'tax_percent', 'taxable_amount'],
      invoice.lines.map((l, i) => [`ln_${invoice.id}_${i}`, invoice.id, i, l.kind, l.description, l.period?.start ?? null, l.period?.end ?? null,
        l.quantity ?? null, l.unit ?? null, l.unitAmount ?? null, l.amount, l.explanation, l.tax?.name ?? null, l.tax?.percent ?? null,
        l.tax?.taxableAmount ?? null]));
    await insertMany(tx, 'corrections', ['id', 'invoice_id', 'number', 'issue_date', 'amount', 'note'],
      (invoice.corrections ?? []).map((x) => [x.id, invoice.id, x.number, x.issueDate, x.amount, x.note]));
    await insertMany(tx, 'payments',
      ['id', 'customer_id', 'invoice_id', 'amount', 'currency', 'status', 'created_at', 'settle_after', 'settled_at', 'payment_method_id',
        'payment_method_label', 'failure_reason', 'failure_message', 'suggested_action'],
      invoice.payments.map((p) => [p.id, c.id, invoice.id, gross, c.currency, p.status, p.at, p.at, new Date(p.at.getTime() + 2000), p.methodId,
        p.label, p.failure?.reason ?? null, p.failure?.message ?? null, p.failure?.suggestedAction ?? null]));
  }
  await insertMany(tx, 'history', ['id', 'customer_id', 'occurred_at', 'channel', 'direction', 'kind', 'subject', 'sent_to', 'invoice_id'],
    c.history.map((h, i) => [`evt_${c.id}_${i}`, c.id, h.at, h.channel, h.direction, h.kind, h.subject, h.sentTo ?? null, h.invoiceId ?? null]));
  for (const q of c.questions) {
    await tx.query(
      `INSERT INTO questions (id, customer_id, invoice_id, line_id, subject, topic, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [q.id, c.id, q.invoiceId, q.lineId, q.subject, q.topic, q.status, q.createdAt],
    );
    await insertMany(tx, 'question_messages', ['id', 'question_id', 'author', 'author_name', 'body', 'sent_at'],
      q.messages.map((m) => [m.id, q.id, m.author, m.authorName, m.body, m.sentAt]));
  }
}

/**
 * Fill an empty database with the demo personas (see {@link DEMO_PERSONAS}); dates are relative
 * to `now`, so what is overdue stays overdue whenever the demo runs. Does nothing when any
 * customer exists, so the demo's own changes survive restarts. Resolves whether it seeded.
 */
export async function seedDemoData(sql: Sql, options: { now?: Date } = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  const today = toIsoDate(now);
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(8110411)');
    const [existing] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
    if ((existing?.n ?? 0) > 0) return false;
    for (const customer of [margaret(today), jamie(today, now), daniela(today), northwind(today), juergen(today)]) {
      await insertCustomer(tx, customer, now);
    }
    return true;
  });
}
