import type { z } from './zod.ts';
import { CycleChangeRequestSchema } from './billing-cycle.ts';
import { ContactDetailsUpdateSchema } from './contact-details.ts';
import { CallbackRequestSchema, FeedbackRequestSchema } from './feedback.ts';
import { PayInvoiceRequestSchema } from './payment.ts';
import { AddPaymentMethodRequestSchema } from './payment-method.ts';
import { PlanRequestSchema } from './payment-plan.ts';
import { AskQuestionRequestSchema, QuestionReplyRequestSchema } from './question.ts';
import { endpoints, type Endpoint, type EndpointId } from './endpoints.ts';

/** An operation as the server kit and the OpenAPI document see it: the endpoint plus its request body and description. */
export interface Operation extends Endpoint {
  summary: string;
  body?: z.ZodMiniType;
}

/** Request bodies, validated by the server kit. */
const bodies: Partial<Record<EndpointId, z.ZodMiniType>> = {
  updateContactDetails: ContactDetailsUpdateSchema,
  payInvoice: PayInvoiceRequestSchema,
  addPaymentMethod: AddPaymentMethodRequestSchema,
  previewBillingCycle: CycleChangeRequestSchema,
  changeBillingCycle: CycleChangeRequestSchema,
  previewPaymentPlan: PlanRequestSchema,
  requestPaymentPlan: PlanRequestSchema,
  askQuestion: AskQuestionRequestSchema,
  replyToQuestion: QuestionReplyRequestSchema,
  sendFeedback: FeedbackRequestSchema,
  requestCallback: CallbackRequestSchema,
};

const summaries: Record<EndpointId, string> = {
  getAccount:
    'The account summary for the overview: who, where they stand, what needs doing.',
  getContactDetails:
    'Contact details and communication preferences, with an ETag.',
  updateContactDetails:
    'Replace contact details and preferences. Requires If-Match.',
  listInvoices:
    'Invoices, newest first, with cursor pagination and an optional status filter.',
  getInvoice:
    'One invoice: its totals (which reconcile), taxes, payments, corrections, line groups and the first page of its lines.',
  listInvoiceLines:
    "A page of an invoice's lines, in invoice order, optionally those whose description contains `q` or in one group.",
  payInvoice:
    'Pay what is due on an invoice. Answers at once with a pending payment that settles later.',
  getPayment:
    'One payment, to follow a pending payment until it settles.',
  listPaymentMethods:
    'Saved payment methods, masked.',
  addPaymentMethod:
    "Attach a method from the payment provider's single-use token.",
  setDefaultPaymentMethod:
    'Make a method the default for future charges.',
  removePaymentMethod:
    'Remove a method. Refused (409 payment_method_required) for the last one while a charge is scheduled.',
  getBillingCycle:
    'The billing interval and day, the options and their prices, with an ETag.',
  previewBillingCycle:
    'What a change of interval or billing day would do. Changes nothing.',
  changeBillingCycle:
    'Change the interval or billing day. Requires If-Match.',
  getPaymentPlans:
    "The merchant's plan policy and this customer's requests.",
  previewPaymentPlan:
    'The schedule a request would produce, and whether it is within policy. Changes nothing.',
  requestPaymentPlan:
    'Ask for instalments or an extension.',
  listQuestions:
    "The customer's questions about charges, newest first, a page at a time (each with who spoke last).",
  askQuestion:
    'Ask about an invoice or one of its lines.',
  getQuestion:
    'One question with its thread.',
  replyToQuestion:
    'Add a message to a question thread. Answers with the message as stored and the thread status.',
  listHistory:
    'What was sent to and by the customer, on which channel, newest first.',
  sendFeedback:
    'A rating and comment after a journey.',
  requestCallback:
    'Ask the human contact to call back in a time window.',
};

/**
 * The whole contract, one entry per operation. The server kit's router and `dist/openapi.json`
 * are derived from this table; the widget uses the leaner `endpoints`.
 */
export const operations = Object.fromEntries(
  (Object.keys(endpoints) as EndpointId[]).map((id) => {
    const operation: Operation = { ...endpoints[id], summary: summaries[id] };
    const body = bodies[id];
    if (body) operation.body = body;
    return [id, operation];
  }),
) as Record<EndpointId, Operation>;
