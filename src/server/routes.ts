/** The router: one route per operation of the contract, and how each becomes an adapter call. */
import {
  endpoints,
  operations,
  z,
  type AddPaymentMethodRequest,
  type AskQuestionRequest,
  type CallbackRequest,
  type ContactDetailsUpdate,
  type CycleChangeRequest,
  type EndpointId,
  type FeedbackRequest,
  type HistoryQuery,
  type InvoiceLinesQuery,
  type InvoiceListQuery,
  type Operation,
  type PayInvoiceRequest,
  type PlanRequest,
  type QuestionListQuery,
  type QuestionReplyRequest,
} from '../contract/index.ts';
import type { AdapterContext, BillingAdapter, VersionedRecord } from './adapter.ts';

/** A request as the handler validated it. */
export interface RouteInput {
  /** Path parameters, decoded, in order of appearance. */
  params: string[];
  query: unknown;
  body: unknown;
  /** For an `ifMatch` operation: the version `If-Match` was checked against; else empty. */
  expectedVersion: string;
}

type Call = (adapter: BillingAdapter, ctx: AdapterContext, input: RouteInput) => Promise<unknown>;
type ReadVersion = (adapter: BillingAdapter, ctx: AdapterContext) => Promise<VersionedRecord<unknown>>;

/**
 * One line per operation: how a validated request becomes an adapter call. The `as` casts are
 * safe because `input.body` / `input.query` are the output of the operation's own schema.
 */
const calls: { [K in EndpointId]: Call } = {
  getAccount: (a, c) => a.getAccount(c),
  getContactDetails: (a, c) => a.getContactDetails(c),
  updateContactDetails: (a, c, i) => a.updateContactDetails(c, i.body as ContactDetailsUpdate, i.expectedVersion),
  listInvoices: (a, c, i) => a.listInvoices(c, i.query as InvoiceListQuery),
  getInvoice: (a, c, i) => a.getInvoice(c, i.params[0]!),
  listInvoiceLines: (a, c, i) => a.listInvoiceLines(c, i.params[0]!, i.query as InvoiceLinesQuery),
  payInvoice: (a, c, i) => a.payInvoice(c, i.params[0]!, i.body as PayInvoiceRequest),
  getPayment: (a, c, i) => a.getPayment(c, i.params[0]!),
  listPaymentMethods: (a, c) => a.listPaymentMethods(c),
  addPaymentMethod: (a, c, i) => a.addPaymentMethod(c, i.body as AddPaymentMethodRequest),
  setDefaultPaymentMethod: (a, c, i) => a.setDefaultPaymentMethod(c, i.params[0]!),
  removePaymentMethod: (a, c, i) => a.removePaymentMethod(c, i.params[0]!),
  getBillingCycle: (a, c) => a.getBillingCycle(c),
  previewBillingCycle: (a, c, i) => a.previewBillingCycle(c, i.body as CycleChangeRequest),
  changeBillingCycle: (a, c, i) => a.changeBillingCycle(c, i.body as CycleChangeRequest, i.expectedVersion),
  getPaymentPlans: (a, c) => a.getPaymentPlans(c),
  previewPaymentPlan: (a, c, i) => a.previewPaymentPlan(c, i.body as PlanRequest),
  requestPaymentPlan: (a, c, i) => a.requestPaymentPlan(c, i.body as PlanRequest),
  listQuestions: (a, c, i) => a.listQuestions(c, i.query as QuestionListQuery),
  askQuestion: (a, c, i) => a.askQuestion(c, i.body as AskQuestionRequest),
  getQuestion: (a, c, i) => a.getQuestion(c, i.params[0]!),
  replyToQuestion: (a, c, i) => a.replyToQuestion(c, i.params[0]!, i.body as QuestionReplyRequest),
  listHistory: (a, c, i) => a.listHistory(c, i.query as HistoryQuery),
  sendFeedback: (a, c, i) => a.sendFeedback(c, i.body as FeedbackRequest),
  requestCallback: (a, c, i) => a.requestCallback(c, i.body as CallbackRequest),
};

/**
 * For every operation with `ifMatch`: how to read the record's current version, which `If-Match`
 * is checked against before the change is attempted. The adapter's compare-and-set then gets that
 * exact version, and still guards against a change that lands between the read and the update.
 */
const currentVersions: { [K in EndpointId]?: ReadVersion } = {
  updateContactDetails: (a, c) => a.getContactDetails(c),
  changeBillingCycle: (a, c) => a.getBillingCycle(c),
};

/** What an operation answers with, as the contract's response schema says. */
type ResponseOf<K extends EndpointId> = (typeof endpoints)[K] extends { response: infer S extends z.ZodMiniType } ? z.infer<S> : never;

/**
 * For changes whose answer can grow large (a thread, a list): how to answer a replay by reading
 * the record again, so the idempotency record need not keep a large answer (see
 * `MAX_STORED_BODY_BYTES`). Typed by the operation's response, so a contract change that makes a
 * reader wrong fails to compile.
 */
const rereads: { [K in EndpointId]?: (adapter: BillingAdapter, ctx: AdapterContext, input: RouteInput) => Promise<ResponseOf<K>> } = {
  setDefaultPaymentMethod: (a, c) => a.listPaymentMethods(c),
  removePaymentMethod: (a, c) => a.listPaymentMethods(c),
};

/** One operation of the contract, ready to match a path and call the adapter. */
export interface Route {
  id: EndpointId;
  endpoint: Operation;
  pattern: RegExp;
  call: Call;
  /** Set exactly for operations with `ifMatch`. */
  readVersion: ReadVersion | undefined;
  /** For some changes: their answer, read again (see {@link rereads}). */
  reread: Call | undefined;
}

/** A route whose path matched, with its path parameters as sent (still percent-encoded). */
export interface RouteMatch {
  route: Route;
  rawParams: string[];
}

/** The routes of every operation in the contract's `operations` table. */
export function compileRoutes(): Route[] {
  return (Object.keys(operations) as EndpointId[]).map((id) => {
    const endpoint = operations[id];
    const source = endpoint.path
      .split('/')
      .map((part) => (/^\{\w+\}$/.test(part) ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    const readVersion = currentVersions[id];
    if (endpoint.ifMatch && !readVersion) throw new TypeError(`${id} needs If-Match but has no version reader.`);
    return {
      id,
      endpoint,
      pattern: new RegExp(`^${source}$`),
      call: calls[id],
      readVersion: endpoint.ifMatch ? readVersion : undefined,
      reread: rereads[id] as Call | undefined,
    };
  });
}

/** Every route whose path matches `path` (one per method). */
export function matchPath(routes: readonly Route[], path: string): RouteMatch[] {
  const matches: RouteMatch[] = [];
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match) matches.push({ route, rawParams: match.slice(1).map((raw) => raw ?? '') });
  }
  return matches;
}

/** The path parameters decoded, or null when one is not valid percent-encoding. */
export function decodeParams(rawParams: readonly string[]): string[] | null {
  try {
    return rawParams.map((raw) => decodeURIComponent(raw));
  } catch {
    return null;
  }
}
