/**
 * One realistic customer, told consistently across every operation: the example answers and
 * request bodies of the OpenAPI document. A mock server built from the document alone (Prism)
 * answers with these, so they must fit together the way a real backend's answers do — the invoice
 * on the overview is the one its detail shows, its figures reconcile, the payment started on it
 * settles, the method the next charge uses is on file. Each is checked against its schema by
 * `generate-openapi.test.ts`; component schemas take their examples from these answers.
 */
import type {
  Correction,
  EndpointId,
  EndpointResponse,
  endpoints,
  InvoiceLine,
  LineGroup,
  PaymentMethod,
  z,
} from '../../src/contract/index.ts';
import { problemExample } from './responses.ts';

/** The answer of an operation, typed by the contract's table so each example is checked as that answer. */
type Answer<K extends EndpointId> = EndpointResponse<K>;
/** The request body of an operation. */
type Body<K extends EndpointId> = (typeof endpoints)[K] extends { body: infer B extends z.ZodMiniType } ? z.infer<B> : never;

const gbp = (amount: number) => ({ amount, currency: 'GBP' });

const INVOICE_ID = 'inv_2026_0142';
const CARD_ID = 'pm_card_4242';
const BANK_ID = 'pm_bank_6789';

const contact: Answer<'getAccount'>['humanContact'] = {
  name: 'Priya Shah',
  role: 'Your account manager',
  photoUrl: null,
  hours: 'Mon–Fri 9:00–17:00 (UK time)',
  availability: {
    timeZone: 'Europe/London',
    weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  },
  lang: 'en-GB',
  channels: [
    { kind: 'email', value: 'priya.shah@northwind-broadband.example', label: 'Email Priya' },
    { kind: 'phone', value: '+44 20 7946 0321', label: 'Direct line' },
  ],
  callbackAvailable: true,
};

const account: Answer<'getAccount'> = {
  customer: {
    id: 'cus_margaret_oduya',
    name: 'Margaret Oduya',
    greetingName: 'Margaret',
    kind: 'individual',
    customerSince: '2015-03-02',
    segment: 'loyal',
    locale: 'en-GB',
  },
  merchant: { name: 'Northwind Broadband' },
  status: 'payment_due',
  situation: 'none',
  balance: gbp(4208),
  nextCharge: { date: '2026-12-01', amount: gbp(3500), paymentMethodId: CARD_ID },
  outstandingInvoices: [
    { id: INVOICE_ID, number: 'NWB-2026-0142', dueDate: '2026-11-28', amountDue: gbp(4208), status: 'open', plan: null, pendingPayment: null },
  ],
  lastFailedPaymentId: null,
  lastFailedAmount: null,
  lastFailureReason: null,
  merchantNoteHtml: '<p>Thank you for ten years with us, Margaret. Your new address is all set up.</p>',
  merchantNoteLang: 'en-GB',
  humanContact: contact,
  features: ['invoices', 'payment-methods', 'contact-details', 'billing-cycle', 'payment-plan', 'questions', 'history', 'contact', 'callback', 'feedback'],
};

const lines: InvoiceLine[] = [
  {
    id: 'line_0142_1', kind: 'subscription', description: 'Fibre 500 broadband', period: { start: '2026-11-01', end: '2026-11-30' },
    quantity: 1, unit: 'month', unitAmountDecimal: '3500', amount: gbp(3500), group: null,
    explanation: 'Your monthly broadband plan, billed at the start of the month it covers.', lang: 'en-GB', tax: null,
  },
  {
    id: 'line_0142_2', kind: 'usage', description: 'Calls to mobiles', period: { start: '2026-10-01', end: '2026-10-31' },
    quantity: 42, unit: 'minutes', unitAmountDecimal: '8.5', amount: gbp(357), group: null,
    explanation: 'Calls to mobile numbers are not in your plan: 42 minutes at 8.5p a minute.', lang: 'en-GB', tax: null,
  },
  {
    id: 'line_0142_3', kind: 'discount', description: 'Loyalty discount (10% of your plan)', period: null,
    quantity: null, unit: null, unitAmountDecimal: null, amount: gbp(-350), group: null,
    explanation: 'Ten years with us: 10% off your plan, every month.', lang: 'en-GB', tax: null,
  },
  {
    id: 'line_0142_4', kind: 'tax', description: 'VAT at 20%', period: null,
    quantity: null, unit: null, unitAmountDecimal: null, amount: gbp(701), group: null,
    explanation: 'UK VAT on everything above, after the discount.', lang: 'en-GB',
    tax: { name: 'VAT', percent: 20, taxableAmount: gbp(3507) },
  },
];

const invoice: Answer<'getInvoice'> = {
  id: INVOICE_ID,
  number: 'NWB-2026-0142',
  status: 'open',
  issueDate: '2026-11-01',
  dueDate: '2026-11-28',
  period: { start: '2026-11-01', end: '2026-11-30' },
  total: gbp(4208),
  amountDue: gbp(4208),
  lines,
  lineCount: lines.length,
  linesNextCursor: null,
  groups: [],
  subtotal: gbp(3857),
  discountTotal: gbp(-350),
  taxTotal: gbp(701),
  creditTotal: gbp(0),
  amountPaid: gbp(0),
  payments: [],
  corrections: [],
  pdfUrl: 'https://billing.northwind-broadband.example/invoices/NWB-2026-0142.pdf',
};

const paidInvoice: Answer<'getInvoice'> = {
  ...invoice,
  id: 'inv_2026_0131', number: 'NWB-2026-0131', status: 'paid', issueDate: '2026-10-01', dueDate: '2026-10-28',
  period: { start: '2026-10-01', end: '2026-10-31' },
  total: gbp(3780), amountDue: gbp(0),
};

const invoices: Answer<'listInvoices'> = {
  items: [invoice, paidInvoice].map(({ id, number, status, issueDate, dueDate, period, total, amountDue }) => ({
    id, number, status, issueDate, dueDate, period, total, amountDue,
  })),
  nextCursor: null,
};

const invoiceLines: Answer<'listInvoiceLines'> = { items: lines, nextCursor: null, matching: lines.length };

const pendingPayment: Answer<'payInvoice'> = {
  id: 'pay_8f3k2m', invoiceId: INVOICE_ID, amount: gbp(4208), status: 'pending', createdAt: '2026-11-20T10:15:00Z',
  settledAt: null, paymentMethodId: CARD_ID, paymentMethodLabel: 'Visa •••• 4242', failure: null,
};
const settledPayment: Answer<'getPayment'> = { ...pendingPayment, status: 'succeeded', settledAt: '2026-11-20T10:15:04Z' };

const card: PaymentMethod = { id: CARD_ID, isDefault: true, type: 'card', brand: 'visa', last4: '4242', expMonth: 8, expYear: 2028 };
const bank: PaymentMethod = { id: BANK_ID, isDefault: false, type: 'bank_account', bankName: 'Monzo Bank', last4: '6789' };
const methods: Answer<'listPaymentMethods'> = { items: [card, bank] };
const addedCard: PaymentMethod = { id: 'pm_card_5556', isDefault: false, type: 'card', brand: 'mastercard', last4: '5556', expMonth: 3, expYear: 2029 };

const contactDetails: Answer<'getContactDetails'> = {
  name: 'Margaret Oduya',
  email: 'margaret.oduya@example.com',
  phone: '+44 7700 900123',
  billingAddress: { line1: '14 Harbour View', line2: 'Flat 3', city: 'Bristol', postalCode: 'BS1 6XN', region: null, country: 'GB' },
  taxId: null,
  recipients: [{ id: 'rcp_1', name: 'Daniel Oduya', email: 'daniel.oduya@example.com' }],
  preferences: { channel: 'email', reminderDaysBefore: 3, language: 'en-GB' },
};

const cycle: Answer<'getBillingCycle'> = {
  interval: 'month',
  billingDay: 1,
  allowedBillingDays: [1, 8, 15, 22],
  options: [
    { interval: 'month', pricePerPeriod: gbp(3500), yearlySavings: gbp(0) },
    { interval: 'quarter', pricePerPeriod: gbp(10_080), yearlySavings: gbp(1680) },
    { interval: 'year', pricePerPeriod: gbp(37_800), yearlySavings: gbp(4200) },
  ],
  nextInvoiceDate: '2026-12-01',
  scheduledChange: null,
};
const cycleChange: Body<'changeBillingCycle'> = { interval: 'quarter', billingDay: 1 };
const cyclePreview: Answer<'previewBillingCycle'> = {
  interval: 'quarter',
  billingDay: 1,
  effectiveDate: '2026-12-01',
  nextInvoiceDate: '2026-12-01',
  nextInvoiceAmount: gbp(10_080),
  adjustments: [],
};
const changedCycle: Answer<'changeBillingCycle'> = { ...cycle, scheduledChange: { interval: 'quarter', billingDay: 1, effectiveDate: '2026-12-01' } };

const planRequest: Body<'requestPaymentPlan'> = { kind: 'instalments', invoiceIds: [INVOICE_ID], instalments: 3, reason: 'unexpected_expense', note: 'The boiler broke this month.' };
const schedule: Answer<'previewPaymentPlan'>['schedule'] = [
  { dueDate: '2026-12-05', amount: gbp(1403), status: 'upcoming' },
  { dueDate: '2027-01-05', amount: gbp(1403), status: 'upcoming' },
  { dueDate: '2027-02-05', amount: gbp(1402), status: 'upcoming' },
];
const planPreview: Answer<'previewPaymentPlan'> = { kind: 'instalments', total: gbp(4208), schedule, withinPolicy: true, violations: [] };
const plan: Answer<'requestPaymentPlan'> = {
  id: 'plan_7c2d', kind: 'instalments', status: 'pending', createdAt: '2026-11-20T10:20:00Z', invoiceIds: [INVOICE_ID],
  total: gbp(4208), schedule, reason: 'unexpected_expense', note: 'The boiler broke this month.', decisionNote: null, lang: 'en-GB', decidedAt: null,
};
const plans: Answer<'getPaymentPlans'> = {
  policy: { enabled: true, maxInstalments: 6, minInstalmentAmount: gbp(1000), maxDeferralDays: 30, eligibleInvoiceIds: [INVOICE_ID] },
  plans: [],
};

const question: Answer<'getQuestion'> = {
  id: 'q_5h1x', invoiceId: INVOICE_ID, lineId: 'line_0142_2', subject: 'NWB-2026-0142 · Calls to mobiles', topic: 'unrecognised',
  status: 'answered', createdAt: '2026-11-03T18:02:00Z',
  messages: [
    { id: 'msg_1', author: 'customer', authorName: null, body: "I don't remember calling mobiles that much in October.", lang: 'en-GB', sentAt: '2026-11-03T18:02:00Z' },
    {
      id: 'msg_2', author: 'merchant', authorName: 'Priya Shah', lang: 'en-GB', sentAt: '2026-11-04T09:40:00Z',
      body: 'Hello Margaret, most of the minutes were calls to 07700 900456 on 12 and 19 October. Happy to send the full list.',
    },
  ],
};
const questions: Answer<'listQuestions'> = {
  items: [{
    id: question.id, invoiceId: question.invoiceId, lineId: question.lineId, subject: question.subject, topic: question.topic,
    status: question.status, createdAt: question.createdAt, messageCount: 2, lastMessage: { author: 'merchant', sentAt: '2026-11-04T09:40:00Z' },
  }],
  nextCursor: null,
};
const askQuestion: Body<'askQuestion'> = { invoiceId: INVOICE_ID, lineId: 'line_0142_2', topic: 'unrecognised', message: "I don't remember calling mobiles that much in October." };
const askedQuestion: Answer<'askQuestion'> = { ...question, status: 'open', messages: [question.messages[0]!] };
const reply: Body<'replyToQuestion'> = { message: 'Yes please, send me the list.' };
const replied: Answer<'replyToQuestion'> = {
  message: { id: 'msg_3', author: 'customer', authorName: null, body: 'Yes please, send me the list.', lang: null, sentAt: '2026-11-04T10:02:00Z' },
  status: 'open',
};

const history: Answer<'listHistory'> = {
  items: [
    { id: 'h_3', occurredAt: '2026-11-04T09:40:00Z', channel: 'portal', direction: 'outbound', kind: 'reply', subject: 'Your question about calls to mobiles', lang: 'en-GB', sentTo: null, invoiceId: INVOICE_ID },
    { id: 'h_2', occurredAt: '2026-11-25T08:00:00Z', channel: 'email', direction: 'outbound', kind: 'reminder', subject: 'Invoice NWB-2026-0142 is due on 28 November', lang: 'en-GB', sentTo: 'margaret.oduya@example.com', invoiceId: INVOICE_ID },
    { id: 'h_1', occurredAt: '2026-11-01T07:00:00Z', channel: 'email', direction: 'outbound', kind: 'invoice', subject: 'Your November invoice from Northwind Broadband', lang: 'en-GB', sentTo: 'margaret.oduya@example.com', invoiceId: INVOICE_ID },
  ],
  nextCursor: null,
};

const feedback: Body<'sendFeedback'> = { rating: 5, comment: 'Quick and clear, thank you.', journey: 'payment' };
const feedbackReceipt: Answer<'sendFeedback'> = { id: 'fb_91k2' };
const callback: Body<'requestCallback'> = { phone: '+44 7700 900123', date: '2026-11-23', window: 'morning', topic: 'The calls to mobiles on my last invoice' };
const callbackReceipt: Answer<'requestCallback'> = { id: 'cb_3m8q', status: 'requested', date: '2026-11-23', window: 'morning', createdAt: '2026-11-20T10:30:00Z' };
const addMethod: Body<'addPaymentMethod'> = { token: 'tok_sandbox_mastercard_5556_0329', makeDefault: false };
const payInvoice: Body<'payInvoice'> = { paymentMethodId: CARD_ID };

/** An example with a name and a one-line summary, as OpenAPI's `examples` holds it. */
export interface NamedExample {
  name: string;
  summary: string;
  value: unknown;
}

const named = (name: string, summary: string, value: unknown): NamedExample => ({ name, summary, value });

/** The success answer of every operation. */
export const RESPONSE_EXAMPLES: Record<EndpointId, NamedExample | null> = {
  getAccount: named('loyalCustomer', 'A loyal customer with one invoice to pay', account),
  getContactDetails: named('contactDetails', 'Contact details with one extra invoice recipient', contactDetails),
  updateContactDetails: named('contactDetails', 'The details as stored', contactDetails),
  listInvoices: named('invoices', 'One open and one paid invoice', invoices),
  getInvoice: named('openInvoice', 'An open invoice whose figures reconcile', invoice),
  listInvoiceLines: named('lines', 'Every line of the invoice', invoiceLines),
  payInvoice: named('pending', 'A payment that settles later', pendingPayment),
  getPayment: named('succeeded', 'The payment went through', settledPayment),
  listPaymentMethods: named('methods', 'A default card and a bank account', methods),
  addPaymentMethod: named('addedCard', 'The card just added', addedCard),
  setDefaultPaymentMethod: named('methods', 'The methods, with the new default', methods),
  removePaymentMethod: named('methods', 'The methods left', { items: [card] } satisfies Answer<'removePaymentMethod'>),
  getBillingCycle: named('monthly', 'Billed monthly on the 1st', cycle),
  previewBillingCycle: named('quarterly', 'Quarterly billing from the next invoice', cyclePreview),
  changeBillingCycle: named('scheduled', 'The change, scheduled for the next invoice', changedCycle),
  getPaymentPlans: named('policy', 'Plans offered for the open invoice', plans),
  previewPaymentPlan: named('threeInstalments', 'Three monthly instalments', planPreview),
  requestPaymentPlan: named('requested', 'The request, waiting for a decision', plan),
  listQuestions: named('questions', 'One answered question', questions),
  askQuestion: named('asked', 'The new question', askedQuestion),
  getQuestion: named('answered', 'A question and its answer', question),
  replyToQuestion: named('replied', 'The reply as stored', replied),
  listHistory: named('history', 'An invoice, a reminder and a reply', history),
  sendFeedback: named('received', 'Feedback received', feedbackReceipt),
  requestCallback: named('requested', 'A call back requested for a weekday morning', callbackReceipt),
};

/** The request body of every operation that takes one. */
export const REQUEST_EXAMPLES: Partial<Record<EndpointId, NamedExample>> = {
  updateContactDetails: named('contactDetails', 'The whole record, as the customer left it', contactDetails),
  payInvoice: named('withCard', 'Pay with the saved card', payInvoice),
  addPaymentMethod: named('providerToken', "The payment provider's single-use token", addMethod),
  previewBillingCycle: named('quarterly', 'Quarterly, on the 1st', cycleChange),
  changeBillingCycle: named('quarterly', 'Quarterly, on the 1st', cycleChange),
  previewPaymentPlan: named('threeInstalments', 'Three instalments for one invoice', planRequest),
  requestPaymentPlan: named('threeInstalments', 'Three instalments for one invoice', planRequest),
  askQuestion: named('aboutALine', 'A question about one line', askQuestion),
  replyToQuestion: named('reply', 'A reply in the thread', reply),
  sendFeedback: named('afterPayment', 'Five stars after a payment', feedback),
  requestCallback: named('morning', 'A call back on a weekday morning', callback),
};

/** Path parameter examples, consistent with the answers above. */
export const PATH_PARAMETER_EXAMPLES: Record<string, string> = {
  invoiceId: INVOICE_ID,
  paymentId: pendingPayment.id,
  paymentMethodId: BANK_ID,
  questionId: question.id,
};

const failedPayment: Answer<'getPayment'> = {
  ...pendingPayment, id: 'pay_7d1q9z', status: 'failed', settledAt: '2026-11-20T10:15:06Z',
  failure: {
    reason: 'card_expired',
    message: 'Your card ending 4242 expired in October.',
    lang: 'en',
    nextRetryAt: null,
    suggestedAction: 'update_payment_method',
  },
};
const correction: Correction = {
  id: 'cn_2026_0007', number: 'NWB-CN-2026-0007', issueDate: '2026-10-05', amount: gbp(-6000),
  note: 'We charged the engineer visit on 12 September twice. We are sorry; the second charge is credited back here.', lang: 'en-GB',
};
const group: LineGroup = { name: 'Bristol office', subtotal: gbp(128_450), lineCount: 1240 };
const wallet: PaymentMethod = { id: 'pm_wallet_pp', isDefault: false, type: 'wallet', provider: 'PayPal', label: 'm•••@example.com' };

/**
 * Examples of schemas the story above does not show (a failure, a credit note, a group of a big
 * invoice, a wallet, an error), by component name.
 */
export const SCHEMA_EXAMPLES: Record<string, unknown> = {
  Payment: failedPayment,
  Correction: correction,
  LineGroup: group,
  WalletMethod: wallet,
  Problem: problemExample(422, 'validation_failed', 'The request has invalid fields.', {
    errors: [{ path: 'billingAddress.postalCode', code: 'too_small', message: 'Too small: expected string to have >=1 characters' }],
  }),
};
