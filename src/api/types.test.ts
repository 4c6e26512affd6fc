import { describe, expectTypeOf, it } from 'vitest';
import type {
  AccountSummary,
  AddPaymentMethodRequest,
  AskQuestionRequest,
  BillingCycle,
  CallbackReceipt,
  CallbackRequest,
  ContactDetails,
  ContactDetailsUpdate,
  CycleChangeRequest,
  CyclePreview,
  FeedbackReceipt,
  FeedbackRequest,
  HistoryPage,
  HistoryQuery,
  InvoiceDetail,
  InvoiceLinePage,
  InvoiceLinesQuery,
  InvoiceListQuery,
  InvoicePage,
  PayInvoiceRequest,
  Payment,
  PaymentMethod,
  PaymentMethodList,
  PaymentPlan,
  PaymentPlans,
  PlanPreview,
  PlanRequest,
  Question,
  QuestionList,
  QuestionListQuery,
  QuestionReply,
  QuestionReplyRequest,
  EndpointId,
} from '../contract/index.ts';

import type { BillfoldClient, CallOptions, Versioned } from './types.ts';

/** `BillfoldClient` as it was written by hand before it was derived from the endpoints table. */
interface PublishedClient {
  getAccount(options?: CallOptions): Promise<AccountSummary>;
  getContactDetails(options?: CallOptions): Promise<Versioned<ContactDetails>>;
  updateContactDetails(body: ContactDetailsUpdate, etag: string, options?: CallOptions): Promise<Versioned<ContactDetails>>;
  listInvoices(query?: InvoiceListQuery, options?: CallOptions): Promise<InvoicePage>;
  getInvoice(invoiceId: string, options?: CallOptions): Promise<InvoiceDetail>;
  listInvoiceLines(invoiceId: string, query?: InvoiceLinesQuery, options?: CallOptions): Promise<InvoiceLinePage>;
  payInvoice(invoiceId: string, body: PayInvoiceRequest, options?: CallOptions): Promise<Payment>;
  getPayment(paymentId: string, options?: CallOptions): Promise<Payment>;
  listPaymentMethods(options?: CallOptions): Promise<PaymentMethodList>;
  addPaymentMethod(body: AddPaymentMethodRequest, options?: CallOptions): Promise<PaymentMethod>;
  setDefaultPaymentMethod(paymentMethodId: string, options?: CallOptions): Promise<PaymentMethodList>;
  removePaymentMethod(paymentMethodId: string, options?: CallOptions): Promise<PaymentMethodList>;
  getBillingCycle(options?: CallOptions): Promise<Versioned<BillingCycle>>;
  previewBillingCycle(body: CycleChangeRequest, options?: CallOptions): Promise<CyclePreview>;
  changeBillingCycle(body: CycleChangeRequest, etag: string, options?: CallOptions): Promise<Versioned<BillingCycle>>;
  getPaymentPlans(options?: CallOptions): Promise<PaymentPlans>;
  previewPaymentPlan(body: PlanRequest, options?: CallOptions): Promise<PlanPreview>;
  requestPaymentPlan(body: PlanRequest, options?: CallOptions): Promise<PaymentPlan>;
  listQuestions(query?: QuestionListQuery, options?: CallOptions): Promise<QuestionList>;
  getQuestion(questionId: string, options?: CallOptions): Promise<Question>;
  askQuestion(body: AskQuestionRequest, options?: CallOptions): Promise<Question>;
  replyToQuestion(questionId: string, body: QuestionReplyRequest, options?: CallOptions): Promise<QuestionReply>;
  listHistory(query?: HistoryQuery, options?: CallOptions): Promise<HistoryPage>;
  sendFeedback(body: FeedbackRequest, options?: CallOptions): Promise<FeedbackReceipt>;
  requestCallback(body: CallbackRequest, options?: CallOptions): Promise<CallbackReceipt>;
}

// Merchants implement `BillfoldClient` themselves and the examples call it: deriving it from the
// table must not change a published method. These checks are compile-time (`npm run typecheck`).
describe('BillfoldClient', () => {
  it('keeps every published method with its signature', () => {
    expectTypeOf<Pick<BillfoldClient, keyof PublishedClient>>().toEqualTypeOf<PublishedClient>();
  });

  it('has a method for every endpoint and nothing else', () => {
    expectTypeOf<keyof BillfoldClient>().toEqualTypeOf<EndpointId>();
  });
});
