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

/** Who is asking: taken from the verified session token, never from the request. */
export interface AdapterContext {
  customerId: string;
  /**
   * The request, for adapters that need e.g. the client's address for their own audit log. Its
   * `signal` aborts when the client disconnects before the answer is sent (`toNodeListener` sees
   * to that on Node): pass it on to slow reads and calls to other services.
   */
  request?: Request;
  /**
   * The request's `Idempotency-Key` (mutations only; scoped to the customer). An adapter over an
   * external system forwards it, e.g. as Stripe's `Idempotency-Key`, so a retry after a crash
   * cannot charge twice there either.
   */
  idempotencyKey?: string;
  /**
   * The languages the customer reads, best first, from the request's `Accept-Language` (the
   * widget sends the portal's language): canonical BCP 47 tags ordered by `q`, each regional tag
   * followed by its language (`de-CH, en;q=0.5` gives `['de-CH', 'de', 'en']`), `*` and refused
   * (`q=0`) tags left out, malformed entries skipped; empty when the header says nothing usable.
   * Answer customer-facing texts in the best of these you have (`pickLanguage` helps), in your
   * default language otherwise, and tag each text with the language it is in (`lang`).
   *
   * The handler always sets it; reading it marks the answer `Vary: Accept-Language`, and when
   * every tagged text of the answer is in one language the handler sends it as `Content-Language`.
   * Absent only when an adapter is called directly, outside the handler.
   */
  languages?: readonly string[];
}

/**
 * A record that is updated with compare-and-set. `version` is opaque (a counter, an updated_at,
 * a hash); the handler sends it as the `ETag` and takes it back from `If-Match`.
 */
export interface VersionedRecord<T> {
  value: T;
  version: string;
}

/**
 * What a merchant implements over their billing system to serve the contract: one method per
 * endpoint of `src/contract/endpoints.ts`, each getting the customer context first. Requests are
 * already validated against the contract; responses are validated by the handler in development.
 *
 * Throw {@link HttpError} for domain answers (`HttpError.notFound()`, a 409 with code
 * `payment_method_required`, ...) and {@link VersionConflictError} from the two compare-and-set
 * updates when `expectedVersion` is stale. Anything else becomes a 500 that hides its message.
 */
export interface BillingAdapter {
  getAccount(ctx: AdapterContext): Promise<AccountSummary>;
  getContactDetails(ctx: AdapterContext): Promise<VersionedRecord<ContactDetails>>;
  /** Replace the details only if their version still is `expectedVersion`, atomically. */
  updateContactDetails(
    ctx: AdapterContext,
    body: ContactDetailsUpdate,
    expectedVersion: string,
  ): Promise<VersionedRecord<ContactDetails>>;
  listInvoices(ctx: AdapterContext, query: InvoiceListQuery): Promise<InvoicePage>;
  /**
   * One invoice with its totals, groups and the first page of its lines (a page of the size you
   * choose; `linesNextCursor` leads to the rest). The handler checks that its figures reconcile.
   */
  getInvoice(ctx: AdapterContext, invoiceId: string): Promise<InvoiceDetail>;
  /**
   * A page of an invoice's lines in invoice order (lines without a group first), those whose
   * description contains `q` (case-insensitive) and in `group` when given; `matching` counts them
   * all. 404 when the invoice is not the customer's.
   */
  listInvoiceLines(ctx: AdapterContext, invoiceId: string, query: InvoiceLinesQuery): Promise<InvoiceLinePage>;
  /**
   * Start a payment of what is due; answer at once with a `pending` payment. Refuse an invoice an
   * open plan covers with 409 `invoice_on_plan`.
   */
  payInvoice(ctx: AdapterContext, invoiceId: string, body: PayInvoiceRequest): Promise<Payment>;
  getPayment(ctx: AdapterContext, paymentId: string): Promise<Payment>;
  listPaymentMethods(ctx: AdapterContext): Promise<PaymentMethodList>;
  addPaymentMethod(ctx: AdapterContext, body: AddPaymentMethodRequest): Promise<PaymentMethod>;
  setDefaultPaymentMethod(ctx: AdapterContext, paymentMethodId: string): Promise<PaymentMethodList>;
  removePaymentMethod(ctx: AdapterContext, paymentMethodId: string): Promise<PaymentMethodList>;
  getBillingCycle(ctx: AdapterContext): Promise<VersionedRecord<BillingCycle>>;
  previewBillingCycle(ctx: AdapterContext, body: CycleChangeRequest): Promise<CyclePreview>;
  /** Change the cycle only if its version still is `expectedVersion`, atomically. */
  changeBillingCycle(
    ctx: AdapterContext,
    body: CycleChangeRequest,
    expectedVersion: string,
  ): Promise<VersionedRecord<BillingCycle>>;
  getPaymentPlans(ctx: AdapterContext): Promise<PaymentPlans>;
  previewPaymentPlan(ctx: AdapterContext, body: PlanRequest): Promise<PlanPreview>;
  requestPaymentPlan(ctx: AdapterContext, body: PlanRequest): Promise<PaymentPlan>;
  /** A page of the customer's questions, newest first, each with its message count and last message. */
  listQuestions(ctx: AdapterContext, query: QuestionListQuery): Promise<QuestionList>;
  askQuestion(ctx: AdapterContext, body: AskQuestionRequest): Promise<Question>;
  getQuestion(ctx: AdapterContext, questionId: string): Promise<Question>;
  /** Add the customer's message; answer with that message as stored and the thread's status. */
  replyToQuestion(ctx: AdapterContext, questionId: string, body: QuestionReplyRequest): Promise<QuestionReply>;
  listHistory(ctx: AdapterContext, query: HistoryQuery): Promise<HistoryPage>;
  sendFeedback(ctx: AdapterContext, body: FeedbackRequest): Promise<FeedbackReceipt>;
  /**
   * Ask the human contact to call back. Refuse a day or window outside the contact's
   * `availability` with 422, field code `outside_hours` (on `window`, or on `date` when no
   * window is left that day).
   */
  requestCallback(ctx: AdapterContext, body: CallbackRequest): Promise<CallbackReceipt>;
}

/** Idempotency records are scoped per customer, so two customers can never collide on a key. */
export interface IdempotencyScope {
  customerId: string;
  key: string;
}

/** A response as stored for replay. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  /** The body text exactly as first sent (empty for 204, and when `reread`). */
  body: string;
  /**
   * The answer was too large to keep verbatim: a replay reads the record again and answers with
   * what it is now (only for operations that can, see `routes.ts`).
   */
  reread?: boolean;
}

/** What {@link IdempotencyStore.begin} found. */
export type IdempotencyBeginResult =
  /**
   * No record (or a stale claim taken over): this request now owns the key and must `complete`
   * or `release` it with `lockToken`, which proves it still owns the claim.
   */
  | { state: 'started'; lockToken: string }
  /** The same key and request finished before: replay its response. */
  | { state: 'completed'; response: StoredResponse }
  /** The same key is being processed by another request right now. */
  | { state: 'in_progress' }
  /** The key was used with a different request (method, path or body). */
  | { state: 'mismatch' };

/**
 * Where the handler keeps idempotency records. It must be shared by every server instance (a
 * database table, Redis), never process memory, so retries that reach another instance replay too.
 * Records expire {@link IDEMPOTENCY_TTL_MS} after they were created.
 */
export interface IdempotencyStore {
  /**
   * Atomically claim `scope` for a request whose fingerprint is `fingerprint` (sha256 of method,
   * path and body), or report what an earlier request with the same key did.
   */
  begin(scope: IdempotencyScope, fingerprint: string): Promise<IdempotencyBeginResult>;
  /**
   * Store the final response of a claimed key for replay, only while `lockToken` still owns the
   * claim. Resolves false when it does not (a stale claim was taken over by a later request, whose
   * record must not be overwritten).
   */
  complete(scope: IdempotencyScope, lockToken: string, response: StoredResponse): Promise<boolean>;
  /**
   * Free a claimed key without a stored response (the request changed nothing), only while
   * `lockToken` still owns the claim. Resolves false when it does not.
   */
  release(scope: IdempotencyScope, lockToken: string): Promise<boolean>;
  /**
   * Optional, for a store in the database the adapter changes: run `work` in one transaction that
   * the adapter's change joins, so the change and the `complete` that `work` ends with commit
   * together or not at all. A crash between them then leaves no change behind, and a retry runs it
   * for the first time instead of a second. `work` throwing rolls everything back.
   */
  atomically?<T>(work: () => Promise<T>): Promise<T>;
  /** Optional: delete records past {@link IDEMPOTENCY_TTL_MS}; resolves how many. Call it on a timer. */
  sweep?(): Promise<number>;
}

/** How long an idempotency record is kept: 24 hours, as the contract promises. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * How long a claim without an answer blocks its key. A server that crashed mid-request must not
 * lock the key for a day; a real request finishes long before this.
 */
export const IDEMPOTENCY_LOCK_MS = 60 * 1000;
