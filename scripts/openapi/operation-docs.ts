/**
 * What a backend developer needs to know about each operation beyond its one-line summary (which
 * is the doc comment of its entry in `src/contract/endpoints.ts`): when the widget calls it, what it
 * must guarantee, and which errors mean what. Kept with the generator because only the document
 * reads it.
 */
import type { EndpointId } from '../../src/contract/index.ts';

export const OPERATION_DOCS: Record<EndpointId, string> = {
  getAccount:
    'The first call of every session: the portal shows nothing until it answers. Everything the overview states (status, balance, the next charge, what is outstanding and why) comes from here, and `features` decides which screens exist.',
  getContactDetails:
    'Read before the contact details form opens. Keep the `ETag`: the update must send it back as `If-Match`.',
  updateContactDetails:
    'Replaces the whole record. `If-Match` must carry the ETag of the version the customer edited: a stale one answers 412 with the current ETag, so the portal can show what changed. Field problems answer 422 with a dotted `path` per field.',
  listInvoices:
    'Newest first. `nextCursor` is opaque to the widget: it sends it back as `cursor` for the next page and stops at `null`.',
  getInvoice:
    'Its figures must reconcile (see the document introduction): the portal shows them in an order a customer can check with a calculator. Big invoices send the first page of lines and the groups; the rest comes from `listInvoiceLines`.',
  listInvoiceLines:
    'Pages an invoice\'s lines from `linesNextCursor`. `q` finds lines whose description contains the words, `group` limits to one group, `id` finds one line (a link to ask about a far charge names it); `matching` counts the lines the query matches in all.',
  payInvoice:
    'Answers at once (202) with a `pending` payment; the portal then follows it with `getPayment` until it is `succeeded` or `failed`. Paying an invoice an open payment plan covers is refused with 409 `invoice_on_plan`.',
  getPayment:
    'Polled while a payment is `pending`. `failure` says why a payment failed and what the customer can do, in codes the widget words in the customer\'s language.',
  listPaymentMethods:
    'Masked: brand, last four digits, expiry. Card numbers never reach Billfold or the merchant backend.',
  addPaymentMethod:
    "The token comes from the payment provider's own fields (the widget's `paymentMethodCollector`), used once. Answers with the method as saved.",
  setDefaultPaymentMethod:
    'Answers with every method, so the portal shows the new default without another read.',
  removePaymentMethod:
    'Answers with the methods left; when the default goes, another takes its place. The last method cannot go while a charge is scheduled (409 `payment_method_required`).',
  getBillingCycle:
    'The current interval and billing day, the days allowed, each interval\'s price and savings, and a confirmed change not yet in effect. Keep the `ETag` for the change.',
  previewBillingCycle:
    'Called as the customer chooses; changes nothing and is not counted against fair use. The change itself must produce what the preview showed.',
  changeBillingCycle:
    'Needs `If-Match` with the ETag of `getBillingCycle`. A change that takes effect later comes back as `scheduledChange`.',
  getPaymentPlans:
    'The policy shapes the form so nobody asks for what will be refused: `enabled`, the most instalments, the smallest instalment, the longest extension, and which invoices qualify.',
  previewPaymentPlan:
    'The schedule a request would produce and the policy rules it breaks, if any. Changes nothing and is not counted against fair use.',
  requestPaymentPlan:
    'Asks the merchant for a plan; it starts `pending` until someone decides. An invoice that already has a plan or a request is refused with 409 `invoice_on_plan`.',
  listQuestions:
    'Newest first, a page at a time; each with its message count and who spoke last, without the thread.',
  askQuestion:
    'A question about an invoice, or one of its lines with `lineId`. An account holding as many questions as it may is refused with 409 `limit_reached`.',
  getQuestion:
    'The question and its whole thread (at most 200 messages).',
  replyToQuestion:
    'Answers with the message as stored and the thread\'s status, not the thread. A thread at its longest is refused with 409 `limit_reached`.',
  listHistory:
    'Everything sent to or by the customer (invoices, reminders, receipts, replies, decisions), each with its channel and where it went.',
  sendFeedback:
    'Offered after a journey completes; `journey` names it.',
  requestCallback:
    'The date and window must fall inside the contact\'s `availability`, and the contact must offer call backs (`callbackAvailable`); otherwise 422 with code `outside_hours` on the field.',
};

/** The path parameters, described once. */
export const PATH_PARAMETER_DOCS: Record<string, string> = {
  invoiceId: 'The id of one of the customer\'s invoices, as listed.',
  paymentId: 'The id of a payment, as `payInvoice` answered it.',
  paymentMethodId: 'The id of one of the customer\'s saved payment methods.',
  questionId: 'The id of one of the customer\'s questions.',
};

/** One tag per first path segment, as the operations use them. */
export const TAGS: { name: string; description: string }[] = [
  { name: 'account', description: 'The overview: who the customer is and where the account stands.' },
  { name: 'contact-details', description: "The customer's own details and communication preferences." },
  { name: 'invoices', description: 'Invoices, their lines and paying them.' },
  { name: 'payments', description: 'Following a payment until it settles.' },
  { name: 'payment-methods', description: 'Saved payment methods, masked.' },
  { name: 'billing-cycle', description: 'The billing interval and day.' },
  { name: 'payment-plans', description: 'Instalments and extensions, within the merchant\'s policy.' },
  { name: 'questions', description: 'Questions about charges, as threads.' },
  { name: 'history', description: 'What was sent to and by the customer, on which channel.' },
  { name: 'feedback', description: 'A rating after a journey.' },
  { name: 'callback-requests', description: 'Asking the human contact to call back.' },
];
