import type { ContactDetails, Payment, PaymentMethod, PaymentMethodList, Question } from '../contract/index.ts';
import type { Answer, Probe } from './probe.ts';
import { isoDay, type Found } from './reads.ts';

/** An entity tag no backend hands out. */
const STALE_ETAG = '"billfold-conformance-stale"';

/** Whether two answers carry the same status and the same JSON body. */
function sameAnswer(a: Answer, b: Answer): boolean {
  if (a.status !== b.status) return false;
  try {
    return JSON.stringify(JSON.parse(a.text)) === JSON.stringify(JSON.parse(b.text));
  } catch {
    return a.text === b.text;
  }
}

/** `If-Match` on both versioned records, and a replay and a reused key on the contact details. */
async function checkVersionedChanges(probe: Probe, found: Found): Promise<void> {
  if (found.contact) {
    const { value, etag } = found.contact;
    const body: ContactDetails = value;
    probe.expectProblem('updateContactDetails', await probe.call('updateContactDetails', { body }), 'without If-Match: 428 precondition_required', [428], ['precondition_required']);
    probe.expectProblem(
      'updateContactDetails',
      await probe.call('updateContactDetails', { body, headers: { 'if-match': STALE_ETAG } }),
      'with a stale If-Match: 412 precondition_failed',
      [412],
      ['precondition_failed'],
    );
    const key = crypto.randomUUID();
    const first = await probe.call('updateContactDetails', { body, key, headers: { 'if-match': etag } });
    if (probe.expectSuccess('updateContactDetails', first, 'PUT /contact-details with the current ETag')) {
      const replay = await probe.call('updateContactDetails', { body, key, headers: { 'if-match': etag } });
      if (sameAnswer(first, replay)) probe.pass('updateContactDetails', 'a retry with the same Idempotency-Key gets the first answer again');
      else probe.fail('updateContactDetails', 'a retry with the same Idempotency-Key gets the first answer again', `first ${first.status}, retry ${replay.status}: ${replay.text.slice(0, 200)}`);
      const changed = { ...body, name: `${body.name} ` };
      probe.expectProblem(
        'updateContactDetails',
        await probe.call('updateContactDetails', { body: changed, key, headers: { 'if-match': etag } }),
        'the same Idempotency-Key with another body: 422 idempotency_key_reused',
        [422],
        ['idempotency_key_reused'],
      );
      if (first.headers.get('etag') !== etag) {
        probe.expectProblem(
          'updateContactDetails',
          await probe.call('updateContactDetails', { body, headers: { 'if-match': etag } }),
          'the ETag read before a change is stale after it: 412',
          [412],
          ['precondition_failed'],
        );
      }
    }
  } else {
    probe.skip('updateContactDetails', 'PUT /contact-details', 'there were no contact details to update');
  }

  if (found.cycle) {
    const body = { interval: found.cycle.value.interval, billingDay: found.cycle.value.billingDay };
    probe.expectProblem('changeBillingCycle', await probe.call('changeBillingCycle', { body }), 'without If-Match: 428 precondition_required', [428], ['precondition_required']);
    probe.expectProblem(
      'changeBillingCycle',
      await probe.call('changeBillingCycle', { body, headers: { 'if-match': STALE_ETAG } }),
      'with a stale If-Match: 412 precondition_failed',
      [412],
      ['precondition_failed'],
    );
  } else {
    probe.skip('changeBillingCycle', 'PUT /billing-cycle', 'there was no billing cycle');
  }
}

/** A question, its replay, a reply, a refused body, and feedback. */
async function checkMessages(probe: Probe, found: Found): Promise<void> {
  const invoice = found.invoices[0];
  if (invoice) {
    const body = { invoiceId: invoice.id, topic: 'other', message: 'A conformance check of this billing service; please ignore.' };
    const key = crypto.randomUUID();
    const asked = await probe.call('askQuestion', { body, key });
    const question = probe.expectSuccess<Question>('askQuestion', asked);
    const replay = await probe.call('askQuestion', { body, key });
    if (sameAnswer(asked, replay)) probe.pass('askQuestion', 'a retry with the same Idempotency-Key gets the first answer again (and asks nothing new)');
    else probe.fail('askQuestion', 'a retry with the same Idempotency-Key gets the first answer again (and asks nothing new)', `first ${asked.status}, retry ${replay.status}: ${replay.text.slice(0, 200)}`);
    if (question) {
      probe.expectSuccess('getQuestion', await probe.call('getQuestion', { params: { questionId: question.id } }));
      probe.expectSuccess('replyToQuestion', await probe.call('replyToQuestion', { params: { questionId: question.id }, body: { message: 'A follow-up of the conformance check.' } }));
    }
    const refused = await probe.call('askQuestion', { body: { invoiceId: invoice.id, topic: 'other' } });
    const problem = probe.expectProblem('askQuestion', refused, 'a body without its message: 422 validation_failed', [422], ['validation_failed']);
    if (problem && !problem.errors?.some((e) => e.path === 'message')) {
      probe.fail('askQuestion', 'a 422 names each refused field in `errors`', `errors: ${JSON.stringify(problem.errors ?? null)}`);
    }
  } else {
    probe.skip('askQuestion', 'POST /questions', 'the customer has no invoice to ask about');
    probe.skip('replyToQuestion', 'POST /questions/{questionId}/messages', 'no question was asked');
  }
  probe.expectSuccess('sendFeedback', await probe.call('sendFeedback', { body: { rating: 5, journey: 'conformance' } }));
  probe.expectProblem('sendFeedback', await probe.call('sendFeedback', { body: { rating: 5, journey: 'conformance' }, key: null }), 'a change without Idempotency-Key: 400 or 422', [400, 422]);
}

/** The default method made default again, and with a token a method added and removed. */
async function checkPaymentMethods(probe: Probe, found: Found, cardToken: string | undefined): Promise<void> {
  const methods = found.methods?.items ?? [];
  const current = methods.find((m) => m.isDefault) ?? methods[0];
  if (current) {
    probe.expectSuccess('setDefaultPaymentMethod', await probe.call('setDefaultPaymentMethod', { params: { paymentMethodId: current.id } }));
  } else {
    probe.skip('setDefaultPaymentMethod', 'POST /payment-methods/{id}/default', 'the customer has no payment method');
  }
  if (!cardToken) {
    probe.skip('addPaymentMethod', 'POST /payment-methods', 'needs a test token of your payment provider: --card-token');
    probe.skip('removePaymentMethod', 'DELETE /payment-methods/{id}', 'needs a method added with --card-token');
    return;
  }
  const added = probe.expectSuccess<PaymentMethod>('addPaymentMethod', await probe.call('addPaymentMethod', { body: { token: cardToken, makeDefault: false } }));
  if (!added) return;
  const list = probe.expectSuccess<PaymentMethodList>('removePaymentMethod', await probe.call('removePaymentMethod', { params: { paymentMethodId: added.id } }));
  if (list?.items.some((m) => m.id === added.id)) probe.fail('removePaymentMethod', 'a removed method is gone from the list', added.id);
}

/** A plan request, a payment of an invoice with something to pay, a call back. */
async function checkRequests(probe: Probe, found: Found): Promise<void> {
  if (found.planRequest) {
    probe.expectSuccess('requestPaymentPlan', await probe.call('requestPaymentPlan', { body: found.planRequest }));
  } else {
    probe.skip('requestPaymentPlan', 'POST /payment-plans', 'no plan request was previewed within the policy');
  }

  const method = found.methods?.items.find((m) => m.isDefault) ?? found.methods?.items[0];
  // Not one the plan request just covered: it is paid by the plan's schedule now.
  const onPlan = new Set(found.planRequest?.invoiceIds ?? []);
  const payable = found.invoices.find((i) => (i.status === 'open' || i.status === 'past_due') && i.amountDue.amount > 0 && !onPlan.has(i.id));
  if (method && payable) {
    const answer = await probe.call('payInvoice', { params: { invoiceId: payable.id }, body: { paymentMethodId: method.id } });
    if (answer.status === 409) {
      probe.expectProblem('payInvoice', answer, 'a payment the backend refuses: 409 problem details', [409], ['conflict', 'invoice_on_plan']);
    } else {
      const payment = probe.expectSuccess<Payment>('payInvoice', answer);
      if (payment) probe.expectSuccess('getPayment', await probe.call('getPayment', { params: { paymentId: payment.id } }));
    }
  } else {
    probe.skip('payInvoice', 'POST /invoices/{invoiceId}/payments', 'no open invoice with something to pay, or no saved method');
  }

  if (found.account?.humanContact?.callbackAvailable) {
    // The contact's hours decide which days and windows are taken: try the next days until one is.
    let accepted = false;
    for (let day = 1; day <= 7 && !accepted; day += 1) {
      for (const window of ['morning', 'afternoon'] as const) {
        const answer = await probe.call('requestCallback', { body: { phone: '+44 20 7946 0000', date: isoDay(day), window } });
        if (answer.status === 422) continue;
        probe.expectSuccess('requestCallback', answer);
        accepted = true;
        break;
      }
    }
    if (!accepted) probe.skip('requestCallback', 'POST /callback-requests', 'no day of the next week was inside the contact’s hours');
  } else {
    probe.skip('requestCallback', 'POST /callback-requests', 'the account offers no call-backs');
  }
}

/** The checks that change the test customer's data (`--mutations`). */
export async function checkMutations(probe: Probe, found: Found, cardToken: string | undefined): Promise<void> {
  await checkVersionedChanges(probe, found);
  await checkMessages(probe, found);
  await checkPaymentMethods(probe, found, cardToken);
  await checkRequests(probe, found);
}
