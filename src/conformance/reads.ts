import type {
  AccountSummary,
  BillingCycle,
  ContactDetails,
  InvoiceDetail,
  InvoicePage,
  PaymentMethodList,
  PaymentPlans,
  PlanRequest,
  QuestionList,
} from '../contract/index.ts';
import type { Probe } from './probe.ts';

/** What the reads found, for the checks that follow. */
export interface Found {
  account?: AccountSummary;
  contact?: { value: ContactDetails; etag: string };
  cycle?: { value: BillingCycle; etag: string };
  invoices: InvoicePage['items'];
  methods?: PaymentMethodList;
  plans?: PaymentPlans;
  /** A plan request the backend previewed as within its policy. */
  planRequest?: PlanRequest;
}

/** Today in UTC plus `days`, as `YYYY-MM-DD`. */
export function isoDay(days: number, from = new Date()): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Every read of the contract, each checked against its schema, and the two previews (they change nothing). */
export async function checkReads(probe: Probe): Promise<Found> {
  const found: Found = { invoices: [] };
  found.account = probe.expectSuccess<AccountSummary>('getAccount', await probe.call('getAccount'));

  const contact = await probe.call('getContactDetails');
  const contactValue = probe.expectSuccess<ContactDetails>('getContactDetails', contact);
  if (contactValue) found.contact = { value: contactValue, etag: contact.headers.get('etag')! };
  if (contactValue) {
    const again = await probe.call('getContactDetails');
    const same = again.headers.get('etag') === found.contact!.etag;
    if (same) probe.pass('getContactDetails', 'the ETag stays the same while nothing changes');
    else probe.fail('getContactDetails', 'the ETag stays the same while nothing changes', `${found.contact!.etag} became ${again.headers.get('etag')}`);
  }

  const firstPage = probe.expectSuccess<InvoicePage>('listInvoices', await probe.call('listInvoices', { query: 'limit=2' }), 'GET /invoices?limit=2');
  if (firstPage) {
    found.invoices = [...firstPage.items];
    if (firstPage.items.length > 2) probe.fail('listInvoices', 'a page holds at most `limit` items', `limit=2 gave ${firstPage.items.length}`);
    if (firstPage.nextCursor) {
      const next = await probe.call('listInvoices', { query: `limit=2&cursor=${encodeURIComponent(firstPage.nextCursor)}` });
      const page = probe.expectSuccess<InvoicePage>('listInvoices', next, 'GET /invoices, the next page by its cursor');
      if (page) {
        const seen = new Set(found.invoices.map((i) => i.id));
        const repeated = page.items.filter((i) => seen.has(i.id)).map((i) => i.id);
        if (repeated.length > 0) probe.fail('listInvoices', 'the next page repeats nothing', `repeated: ${repeated.join(', ')}`);
        found.invoices.push(...page.items);
      }
    }
  }

  let paymentId: string | undefined;
  const invoice = found.invoices[0];
  if (invoice) {
    for (const item of found.invoices) {
      const detail = probe.expectSuccess<InvoiceDetail>('getInvoice', await probe.call('getInvoice', { params: { invoiceId: item.id } }));
      paymentId ??= detail?.payments[0]?.id;
    }
    probe.expectSuccess('listInvoiceLines', await probe.call('listInvoiceLines', { params: { invoiceId: invoice.id }, query: 'limit=1' }));
  } else {
    probe.skip('getInvoice', 'GET /invoices/{invoiceId}', 'the customer has no invoices');
    probe.skip('listInvoiceLines', 'GET /invoices/{invoiceId}/lines', 'the customer has no invoices');
  }
  if (paymentId) probe.expectSuccess('getPayment', await probe.call('getPayment', { params: { paymentId } }));

  found.methods = probe.expectSuccess<PaymentMethodList>('listPaymentMethods', await probe.call('listPaymentMethods'));

  const cycle = await probe.call('getBillingCycle');
  const cycleValue = probe.expectSuccess<BillingCycle>('getBillingCycle', cycle);
  if (cycleValue) {
    found.cycle = { value: cycleValue, etag: cycle.headers.get('etag')! };
    const body = { interval: cycleValue.interval, billingDay: cycleValue.billingDay };
    probe.expectSuccess('previewBillingCycle', await probe.call('previewBillingCycle', { body }));
  } else {
    probe.skip('previewBillingCycle', 'POST /billing-cycle/preview', 'there was no billing cycle to preview a change of');
  }

  found.plans = probe.expectSuccess<PaymentPlans>('getPaymentPlans', await probe.call('getPaymentPlans'));
  const policy = found.plans?.policy;
  const eligible = policy?.eligibleInvoiceIds ?? [];
  if (policy?.enabled && eligible.length > 0 && (policy.maxInstalments >= 2 || policy.maxDeferralDays > 0)) {
    // One invoice alone first, so another may stay open for the payment check; then all of them.
    for (const invoiceIds of eligible.length > 1 ? [eligible.slice(0, 1), eligible] : [eligible]) {
      const request: PlanRequest =
        policy.maxInstalments >= 2
          ? { kind: 'instalments', invoiceIds, instalments: 2, reason: 'other' }
          : { kind: 'extension', invoiceIds, extendTo: isoDay(Math.min(7, policy.maxDeferralDays)), reason: 'other' };
      const preview = probe.expectSuccess<{ withinPolicy: boolean }>('previewPaymentPlan', await probe.call('previewPaymentPlan', { body: request }));
      if (preview?.withinPolicy) {
        found.planRequest = request;
        break;
      }
    }
  } else {
    probe.skip('previewPaymentPlan', 'POST /payment-plans/preview', 'the policy offers no plan on any invoice of this customer');
  }

  const questions = probe.expectSuccess<QuestionList>('listQuestions', await probe.call('listQuestions', { query: 'limit=5' }));
  const question = questions?.items[0];
  if (question) probe.expectSuccess('getQuestion', await probe.call('getQuestion', { params: { questionId: question.id } }));
  probe.expectSuccess('listHistory', await probe.call('listHistory', { query: 'limit=5' }));
  return found;
}

/** Error answers every backend gives the same way: problem details with the contract's codes. */
export async function checkErrors(probe: Probe): Promise<void> {
  const anonymous = await probe.call('getAccount', { token: null });
  probe.expectProblem('getAccount', anonymous, 'without a token: 401 unauthorized', [401], ['unauthorized']);
  if (anonymous.status === 401 && !/^Bearer\b/i.test(anonymous.headers.get('www-authenticate') ?? '')) {
    probe.fail('getAccount', 'a 401 names the Bearer scheme in WWW-Authenticate', `got ${JSON.stringify(anonymous.headers.get('www-authenticate'))}`);
  }
  probe.expectProblem('getAccount', await probe.call('getAccount', { token: 'not-a-session-token' }), 'with a forged token: 401 unauthorized', [401], ['unauthorized']);
  const missing = 'conformance_missing_0000';
  probe.expectProblem('getInvoice', await probe.call('getInvoice', { params: { invoiceId: missing } }), 'an invoice that is not the customer’s: 404 not_found', [404], ['not_found']);
  probe.expectProblem('getPayment', await probe.call('getPayment', { params: { paymentId: missing } }), 'a payment that is not the customer’s: 404 not_found', [404], ['not_found']);
  probe.expectProblem('getQuestion', await probe.call('getQuestion', { params: { questionId: missing } }), 'a question that is not the customer’s: 404 not_found', [404], ['not_found']);
  probe.expectProblem('listInvoices', await probe.call('listInvoices', { query: 'limit=0' }), 'a query the contract refuses (limit=0): 400 or 422', [400, 422], ['validation_failed', 'bad_request']);
}
