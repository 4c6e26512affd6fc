import type { z } from './zod.ts';
import { AccountSummarySchema } from './account.ts';
import { ContactDetailsSchema } from './contact-details.ts';
import {
  InvoiceDetailSchema,
  InvoiceLinePageSchema,
  InvoiceLinesQuerySchema,
  InvoiceListQuerySchema,
  InvoicePageSchema,
} from './invoice.ts';
import { PaymentSchema } from './payment.ts';
import { PaymentMethodListSchema, PaymentMethodSchema } from './payment-method.ts';
import { BillingCycleSchema, CyclePreviewSchema } from './billing-cycle.ts';
import { PaymentPlanSchema, PaymentPlansSchema, PlanPreviewSchema } from './payment-plan.ts';
import { QuestionListQuerySchema, QuestionListSchema, QuestionReplySchema, QuestionSchema } from './question.ts';
import { HistoryPageSchema, HistoryQuerySchema } from './history.ts';
import { CallbackReceiptSchema, FeedbackReceiptSchema } from './feedback.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One operation of the contract. Paths are relative to the merchant's API base. */
export interface Endpoint {
  method: HttpMethod;
  /** With `{param}` placeholders, e.g. `/invoices/{invoiceId}`. */
  path: string;
  /** Path parameters, in order of appearance. */
  params?: readonly string[];
  query?: z.ZodMiniType;
  /** `null` for 204 No Content. */
  response: z.ZodMiniType | null;
  status: 200 | 201 | 202 | 204;
  /** A GET that answers with an `ETag` header. */
  etag?: boolean;
  /** An update that requires `If-Match` (428 when missing, 412 when stale). */
  ifMatch?: boolean;
}

/**
 * What the widget needs of each operation: how to call it and how to parse the answer. Every
 * POST/PUT/DELETE takes an `Idempotency-Key` header. Request bodies and descriptions live in
 * `operations.ts`, which the server kit and the OpenAPI generator use: keeping them out of this
 * table keeps request-only schemas and prose out of the widget bundle.
 */
export const endpoints = {
  getAccount: {
    method: 'GET', path: '/account', status: 200, response: AccountSummarySchema,
  },
  getContactDetails: {
    method: 'GET', path: '/contact-details', status: 200, response: ContactDetailsSchema, etag: true,
  },
  updateContactDetails: {
    method: 'PUT', path: '/contact-details', status: 200,
    response: ContactDetailsSchema, ifMatch: true, etag: true,
  },
  listInvoices: {
    method: 'GET', path: '/invoices', status: 200, query: InvoiceListQuerySchema, response: InvoicePageSchema,
  },
  getInvoice: {
    method: 'GET', path: '/invoices/{invoiceId}', params: ['invoiceId'], status: 200,
    response: InvoiceDetailSchema,
  },
  listInvoiceLines: {
    method: 'GET', path: '/invoices/{invoiceId}/lines', params: ['invoiceId'], status: 200,
    query: InvoiceLinesQuerySchema, response: InvoiceLinePageSchema,
  },
  payInvoice: {
    method: 'POST', path: '/invoices/{invoiceId}/payments', params: ['invoiceId'], status: 202,
    response: PaymentSchema,
  },
  getPayment: {
    method: 'GET', path: '/payments/{paymentId}', params: ['paymentId'], status: 200, response: PaymentSchema,
  },
  listPaymentMethods: {
    method: 'GET', path: '/payment-methods', status: 200, response: PaymentMethodListSchema,
  },
  addPaymentMethod: {
    method: 'POST', path: '/payment-methods', status: 201,
    response: PaymentMethodSchema,
  },
  setDefaultPaymentMethod: {
    method: 'POST', path: '/payment-methods/{paymentMethodId}/default', params: ['paymentMethodId'],
    status: 200, response: PaymentMethodListSchema,
  },
  removePaymentMethod: {
    method: 'DELETE', path: '/payment-methods/{paymentMethodId}', params: ['paymentMethodId'],
    status: 200, response: PaymentMethodListSchema,
  },
  getBillingCycle: {
    method: 'GET', path: '/billing-cycle', status: 200, response: BillingCycleSchema, etag: true,
  },
  previewBillingCycle: {
    method: 'POST', path: '/billing-cycle/preview', status: 200,
    response: CyclePreviewSchema,
  },
  changeBillingCycle: {
    method: 'PUT', path: '/billing-cycle', status: 200,
    response: BillingCycleSchema, ifMatch: true, etag: true,
  },
  getPaymentPlans: {
    method: 'GET', path: '/payment-plans', status: 200, response: PaymentPlansSchema,
  },
  previewPaymentPlan: {
    method: 'POST', path: '/payment-plans/preview', status: 200,
    response: PlanPreviewSchema,
  },
  requestPaymentPlan: {
    method: 'POST', path: '/payment-plans', status: 201, response: PaymentPlanSchema,
  },
  listQuestions: {
    method: 'GET', path: '/questions', status: 200, query: QuestionListQuerySchema, response: QuestionListSchema,
  },
  askQuestion: {
    method: 'POST', path: '/questions', status: 201, response: QuestionSchema,
  },
  getQuestion: {
    method: 'GET', path: '/questions/{questionId}', params: ['questionId'], status: 200, response: QuestionSchema,
  },
  replyToQuestion: {
    method: 'POST', path: '/questions/{questionId}/messages', params: ['questionId'], status: 201,
    response: QuestionReplySchema,
  },
  listHistory: {
    method: 'GET', path: '/history', status: 200, query: HistoryQuerySchema, response: HistoryPageSchema,
  },
  sendFeedback: {
    method: 'POST', path: '/feedback', status: 201, response: FeedbackReceiptSchema,
  },
  requestCallback: {
    method: 'POST', path: '/callback-requests', status: 201,
    response: CallbackReceiptSchema,
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
