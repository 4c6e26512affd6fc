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
} from '../contract/index.ts';

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call (the element aborts everything in flight when it is removed). */
  signal?: AbortSignal;
  /**
   * For mutations: the key that makes a repeat of the same action harmless. The store keeps one
   * key per user action (kept across the user's own retries and double clicks); the client
   * generates one per call when none is given, and keeps it across its automatic retries.
   */
  idempotencyKey?: string;
}

/** A record that can be updated only with If-Match. */
export interface Versioned<T> {
  value: T;
  /** The opaque ETag to send back as If-Match. */
  etag: string;
}

/**
 * Everything the portal asks of a backend. The REST client (`createRestClient`) implements it
 * over the contract's HTTP API; a merchant whose backend does not speak the contract can set the
 * element's `client` property to any object implementing it. Implementations reject with
 * {@link BillfoldError} so the widget can word every failure.
 */
export interface BillfoldClient {
  getAccount(options?: CallOptions): Promise<AccountSummary>;
  getContactDetails(options?: CallOptions): Promise<Versioned<ContactDetails>>;
  updateContactDetails(
    body: ContactDetailsUpdate,
    etag: string,
    options?: CallOptions,
  ): Promise<Versioned<ContactDetails>>;
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
  changeBillingCycle(
    body: CycleChangeRequest,
    etag: string,
    options?: CallOptions,
  ): Promise<Versioned<BillingCycle>>;
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
