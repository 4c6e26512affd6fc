import { z } from './zod.ts';
import { AccountSummarySchema } from './account.ts';
import { ContactDetailsSchema, ContactDetailsUpdateSchema } from './contact-details.ts';
import { InvoiceDetailSchema, InvoiceListQuerySchema, InvoicePageSchema } from './invoice.ts';
import { PayInvoiceRequestSchema, PaymentSchema } from './payment.ts';
import {
  AddPaymentMethodRequestSchema,
  PaymentMethodListSchema,
  PaymentMethodSchema,
} from './payment-method.ts';
import { BillingCycleSchema, CycleChangeRequestSchema, CyclePreviewSchema } from './billing-cycle.ts';
import {
  PaymentPlanSchema,
  PaymentPlansSchema,
  PlanPreviewSchema,
  PlanRequestSchema,
} from './payment-plan.ts';
import {
  AskQuestionRequestSchema,
  QuestionListSchema,
  QuestionReplyRequestSchema,
  QuestionSchema,
} from './question.ts';
import { HistoryPageSchema, HistoryQuerySchema } from './history.ts';
import {
  CallbackReceiptSchema,
  CallbackRequestSchema,
  FeedbackReceiptSchema,
  FeedbackRequestSchema,
} from './feedback.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One operation of the contract. Paths are relative to the merchant's API base. */
export interface Endpoint {
  method: HttpMethod;
  /** With `{param}` placeholders, e.g. `/invoices/{invoiceId}`. */
  path: string;
  summary: string;
  /** Path parameters, in order of appearance. */
  params?: readonly string[];
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /** `null` for 204 No Content. */
  response: z.ZodMiniType | null;
  status: 200 | 201 | 202 | 204;
  /** A GET that answers with an `ETag` header. */
  etag?: boolean;
  /** An update that requires `If-Match` (428 when missing, 412 when stale). */
  ifMatch?: boolean;
}

/**
 * The whole contract, one entry per operation. The widget's client, the server kit's router
 * and `dist/openapi.json` are all derived from this table. Every POST/PUT/DELETE takes an
 * `Idempotency-Key` header.
 */
export const endpoints = {
  getAccount: {
    method: 'GET', path: '/account', status: 200, response: AccountSummarySchema,
    summary: 'The account summary for the overview: who, where they stand, what needs doing.',
  },
  getContactDetails: {
    method: 'GET', path: '/contact-details', status: 200, response: ContactDetailsSchema, etag: true,
    summary: 'Contact details and communication preferences, with an ETag.',
  },
  updateContactDetails: {
    method: 'PUT', path: '/contact-details', status: 200, body: ContactDetailsUpdateSchema,
    response: ContactDetailsSchema, ifMatch: true, etag: true,
    summary: 'Replace contact details and preferences. Requires If-Match.',
  },
  listInvoices: {
    method: 'GET', path: '/invoices', status: 200, query: InvoiceListQuerySchema, response: InvoicePageSchema,
    summary: 'Invoices, newest first, with cursor pagination and an optional status filter.',
  },
  getInvoice: {
    method: 'GET', path: '/invoices/{invoiceId}', params: ['invoiceId'], status: 200,
    response: InvoiceDetailSchema,
    summary: 'One invoice with every line, tax, payment and correction.',
  },
  payInvoice: {
    method: 'POST', path: '/invoices/{invoiceId}/payments', params: ['invoiceId'], status: 202,
    body: PayInvoiceRequestSchema, response: PaymentSchema,
    summary: 'Pay what is due on an invoice. Answers at once with a pending payment that settles later.',
  },
  getPayment: {
    method: 'GET', path: '/payments/{paymentId}', params: ['paymentId'], status: 200, response: PaymentSchema,
    summary: 'One payment, to follow a pending payment until it settles.',
  },
  listPaymentMethods: {
    method: 'GET', path: '/payment-methods', status: 200, response: PaymentMethodListSchema,
    summary: 'Saved payment methods, masked.',
  },
  addPaymentMethod: {
    method: 'POST', path: '/payment-methods', status: 201, body: AddPaymentMethodRequestSchema,
    response: PaymentMethodSchema,
    summary: "Attach a method from the payment provider's single-use token.",
  },
  setDefaultPaymentMethod: {
    method: 'POST', path: '/payment-methods/{paymentMethodId}/default', params: ['paymentMethodId'],
    status: 200, response: PaymentMethodListSchema,
    summary: 'Make a method the default for future charges.',
  },
  removePaymentMethod: {
    method: 'DELETE', path: '/payment-methods/{paymentMethodId}', params: ['paymentMethodId'],
    status: 200, response: PaymentMethodListSchema,
    summary: 'Remove a method. Refused (409 payment_method_required) for the last one while a charge is scheduled.',
  },
  getBillingCycle: {
    method: 'GET', path: '/billing-cycle', status: 200, response: BillingCycleSchema, etag: true,
    summary: 'The billing interval and day, the options and their prices, with an ETag.',
  },
  previewBillingCycle: {
    method: 'POST', path: '/billing-cycle/preview', status: 200, body: CycleChangeRequestSchema,
    response: CyclePreviewSchema,
    summary: 'What a change of interval or billing day would do. Changes nothing.',
  },
  changeBillingCycle: {
    method: 'PUT', path: '/billing-cycle', status: 200, body: CycleChangeRequestSchema,
    response: BillingCycleSchema, ifMatch: true, etag: true,
    summary: 'Change the interval or billing day. Requires If-Match.',
  },
  getPaymentPlans: {
    method: 'GET', path: '/payment-plans', status: 200, response: PaymentPlansSchema,
    summary: "The merchant's plan policy and this customer's requests.",
  },
  previewPaymentPlan: {
    method: 'POST', path: '/payment-plans/preview', status: 200, body: PlanRequestSchema,
    response: PlanPreviewSchema,
    summary: 'The schedule a request would produce, and whether it is within policy. Changes nothing.',
  },
  requestPaymentPlan: {
    method: 'POST', path: '/payment-plans', status: 201, body: PlanRequestSchema, response: PaymentPlanSchema,
    summary: 'Ask for instalments or an extension.',
  },
  listQuestions: {
    method: 'GET', path: '/questions', status: 200, response: QuestionListSchema,
    summary: "The customer's questions about charges, newest first.",
  },
  askQuestion: {
    method: 'POST', path: '/questions', status: 201, body: AskQuestionRequestSchema, response: QuestionSchema,
    summary: 'Ask about an invoice or one of its lines.',
  },
  getQuestion: {
    method: 'GET', path: '/questions/{questionId}', params: ['questionId'], status: 200, response: QuestionSchema,
    summary: 'One question with its thread.',
  },
  replyToQuestion: {
    method: 'POST', path: '/questions/{questionId}/messages', params: ['questionId'], status: 201,
    body: QuestionReplyRequestSchema, response: QuestionSchema,
    summary: 'Add a message to a question thread.',
  },
  listHistory: {
    method: 'GET', path: '/history', status: 200, query: HistoryQuerySchema, response: HistoryPageSchema,
    summary: 'What was sent to and by the customer, on which channel, newest first.',
  },
  sendFeedback: {
    method: 'POST', path: '/feedback', status: 201, body: FeedbackRequestSchema, response: FeedbackReceiptSchema,
    summary: 'A rating and comment after a journey.',
  },
  requestCallback: {
    method: 'POST', path: '/callback-requests', status: 201, body: CallbackRequestSchema,
    response: CallbackReceiptSchema,
    summary: 'Ask the human contact to call back in a time window.',
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointId = keyof typeof endpoints;

/** The parsed response type of an endpoint. */
export type EndpointResponse<K extends EndpointId> = (typeof endpoints)[K]['response'] extends z.ZodMiniType
  ? z.infer<(typeof endpoints)[K]['response']>
  : void;

/** Fill `{param}` placeholders, URL-encoding each value. */
export function endpointPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`Missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
