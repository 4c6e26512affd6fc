import type { z } from './zod.ts';
import { AccountSummarySchema } from './account.ts';
import { ContactDetailsSchema, ContactDetailsUpdateSchema } from './contact-details.ts';
import {
  InvoiceDetailSchema,
  InvoiceLinePageSchema,
  InvoiceLinesQuerySchema,
  InvoiceListQuerySchema,
  InvoicePageSchema,
} from './invoice.ts';
import { PayInvoiceRequestSchema, PaymentSchema } from './payment.ts';
import { AddPaymentMethodRequestSchema, PaymentMethodListSchema, PaymentMethodSchema } from './payment-method.ts';
import { BillingCycleSchema, CycleChangeRequestSchema, CyclePreviewSchema } from './billing-cycle.ts';
import { PaymentPlanSchema, PaymentPlansSchema, PlanPreviewSchema, PlanRequestSchema } from './payment-plan.ts';
import {
  AskQuestionRequestSchema,
  QuestionListQuerySchema,
  QuestionListSchema,
  QuestionReplyRequestSchema,
  QuestionReplySchema,
  QuestionSchema,
} from './question.ts';
import { HistoryPageSchema, HistoryQuerySchema } from './history.ts';
import { CallbackReceiptSchema, CallbackRequestSchema, FeedbackReceiptSchema, FeedbackRequestSchema } from './feedback.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One operation of the contract. Paths are relative to the merchant's API base.
 *
 * Its client method (`BillfoldClient`) and its server adapter method (`BillingAdapter`, after the
 * context) take their arguments in one order: each path parameter, then the query (when it has
 * one), the body (when it has one), and the version for `If-Match` (when it needs one).
 */
export interface Endpoint {
  method: HttpMethod;
  /** With `{param}` placeholders, e.g. `/invoices/{invoiceId}`. */
  path: string;
  /** Path parameters, in order of appearance. */
  params?: readonly string[];
  query?: z.ZodMiniType;
  /** The request body, validated by the server kit (and by the widget's forms before they send). */
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
 * The whole contract, one entry per operation: the REST client, its `BillfoldClient` type, the
 * server kit's router and `dist/openapi.json` all derive from this table, so a new operation is
 * one entry here (plus its server adapter method). Every POST/PUT/DELETE takes an
 * `Idempotency-Key` header.
 *
 * Each entry's doc comment is the operation's one-line summary: editors show it on the
 * `BillfoldClient` method, and the OpenAPI generator reads it from this file, so the prose stays
 * out of the widget bundle. (The request schemas are in the bundle anyway: the forms check their
 * drafts with them.)
 */
export const endpoints = {
  /** The account summary for the overview: who, where they stand, what needs doing. */
  getAccount: {
    method: 'GET', path: '/account', status: 200, response: AccountSummarySchema,
  },
  /** Contact details and communication preferences, with an ETag. */
  getContactDetails: {
    method: 'GET', path: '/contact-details', status: 200, response: ContactDetailsSchema, etag: true,
  },
  /** Replace contact details and preferences. Requires If-Match. */
  updateContactDetails: {
    method: 'PUT', path: '/contact-details', status: 200,
    body: ContactDetailsUpdateSchema, response: ContactDetailsSchema, ifMatch: true, etag: true,
  },
  /** Invoices, newest first, with cursor pagination and an optional status filter. */
  listInvoices: {
    method: 'GET', path: '/invoices', status: 200, query: InvoiceListQuerySchema, response: InvoicePageSchema,
  },
  /**
   * One invoice: its totals (which reconcile), taxes, payments, corrections, line groups and the first page
   * of its lines.
   */
  getInvoice: {
    method: 'GET', path: '/invoices/{invoiceId}', params: ['invoiceId'], status: 200,
    response: InvoiceDetailSchema,
  },
  /**
   * A page of an invoice's lines, in invoice order, optionally those whose description contains `q` or in
   * one group.
   */
  listInvoiceLines: {
    method: 'GET', path: '/invoices/{invoiceId}/lines', params: ['invoiceId'], status: 200,
    query: InvoiceLinesQuerySchema, response: InvoiceLinePageSchema,
  },
  /** Pay what is due on an invoice. Answers at once with a pending payment that settles later. */
  payInvoice: {
    method: 'POST', path: '/invoices/{invoiceId}/payments', params: ['invoiceId'], status: 202,
    body: PayInvoiceRequestSchema, response: PaymentSchema,
  },
  /** One payment, to follow a pending payment until it settles. */
  getPayment: {
    method: 'GET', path: '/payments/{paymentId}', params: ['paymentId'], status: 200, response: PaymentSchema,
  },
  /** Saved payment methods, masked. */
  listPaymentMethods: {
    method: 'GET', path: '/payment-methods', status: 200, response: PaymentMethodListSchema,
  },
  /** Attach a method from the payment provider's single-use token. */
  addPaymentMethod: {
    method: 'POST', path: '/payment-methods', status: 201,
    body: AddPaymentMethodRequestSchema, response: PaymentMethodSchema,
  },
  /** Make a method the default for future charges. */
  setDefaultPaymentMethod: {
    method: 'POST', path: '/payment-methods/{paymentMethodId}/default', params: ['paymentMethodId'],
    status: 200, response: PaymentMethodListSchema,
  },
  /** Remove a method. Refused (409 payment_method_required) for the last one while a charge is scheduled. */
  removePaymentMethod: {
    method: 'DELETE', path: '/payment-methods/{paymentMethodId}', params: ['paymentMethodId'],
    status: 200, response: PaymentMethodListSchema,
  },
  /** The billing interval and day, the options and their prices, with an ETag. */
  getBillingCycle: {
    method: 'GET', path: '/billing-cycle', status: 200, response: BillingCycleSchema, etag: true,
  },
  /** What a change of interval or billing day would do. Changes nothing. */
  previewBillingCycle: {
    method: 'POST', path: '/billing-cycle/preview', status: 200,
    body: CycleChangeRequestSchema, response: CyclePreviewSchema,
  },
  /** Change the interval or billing day. Requires If-Match. */
  changeBillingCycle: {
    method: 'PUT', path: '/billing-cycle', status: 200,
    body: CycleChangeRequestSchema, response: BillingCycleSchema, ifMatch: true, etag: true,
  },
  /** The merchant's plan policy and this customer's requests. */
  getPaymentPlans: {
    method: 'GET', path: '/payment-plans', status: 200, response: PaymentPlansSchema,
  },
  /** The schedule a request would produce, and whether it is within policy. Changes nothing. */
  previewPaymentPlan: {
    method: 'POST', path: '/payment-plans/preview', status: 200,
    body: PlanRequestSchema, response: PlanPreviewSchema,
  },
  /** Ask for instalments or an extension. */
  requestPaymentPlan: {
    method: 'POST', path: '/payment-plans', status: 201, body: PlanRequestSchema, response: PaymentPlanSchema,
  },
  /** The customer's questions about charges, newest first, a page at a time (each with who spoke last). */
  listQuestions: {
    method: 'GET', path: '/questions', status: 200, query: QuestionListQuerySchema, response: QuestionListSchema,
  },
  /** Ask about an invoice or one of its lines. */
  askQuestion: {
    method: 'POST', path: '/questions', status: 201, body: AskQuestionRequestSchema, response: QuestionSchema,
  },
  /** One question with its thread. */
  getQuestion: {
    method: 'GET', path: '/questions/{questionId}', params: ['questionId'], status: 200, response: QuestionSchema,
  },
  /** Add a message to a question thread. Answers with the message as stored and the thread status. */
  replyToQuestion: {
    method: 'POST', path: '/questions/{questionId}/messages', params: ['questionId'], status: 201,
    body: QuestionReplyRequestSchema, response: QuestionReplySchema,
  },
  /** What was sent to and by the customer, on which channel, newest first. */
  listHistory: {
    method: 'GET', path: '/history', status: 200, query: HistoryQuerySchema, response: HistoryPageSchema,
  },
  /** A rating and comment after a journey. */
  sendFeedback: {
    method: 'POST', path: '/feedback', status: 201, body: FeedbackRequestSchema, response: FeedbackReceiptSchema,
  },
  /** Ask the human contact to call back in a time window. */
  requestCallback: {
    method: 'POST', path: '/callback-requests', status: 201,
    body: CallbackRequestSchema, response: CallbackReceiptSchema,
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
