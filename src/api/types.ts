import type { endpoints, EndpointResponse, z } from '../contract/index.ts';

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

type Endpoints = typeof endpoints;

/**
 * Path parameters as arguments. A tuple's labels cannot be computed from a string, so each name
 * the table uses is spelled here once to give editors and the declarations a readable parameter
 * name; a name missing here still type-checks, as `id`.
 */
interface PathArgument {
  invoiceId: [invoiceId: string];
  paymentId: [paymentId: string];
  paymentMethodId: [paymentMethodId: string];
  questionId: [questionId: string];
}

type PathArguments<P> = P extends readonly [infer Name, ...infer Rest]
  ? [...(Name extends keyof PathArgument ? PathArgument[Name] : [id: string]), ...PathArguments<Rest>]
  : [];

/**
 * An operation's arguments, in the order `Endpoint` defines: path parameters, the optional
 * query, the body, the ETag for If-Match, then the per-call options.
 */
type EndpointArguments<E> = [
  ...PathArguments<E extends { params: infer P } ? P : []>,
  ...(E extends { query: infer Q extends z.ZodMiniType } ? [query?: z.infer<Q>] : []),
  ...(E extends { body: infer B extends z.ZodMiniType } ? [body: z.infer<B>] : []),
  ...(E extends { ifMatch: true } ? [etag: string] : []),
  options?: CallOptions,
];

/** What an operation resolves to: its parsed response, with the ETag for a versioned read. */
type EndpointResult<K extends keyof Endpoints> = Endpoints[K] extends { etag: true }
  ? Versioned<EndpointResponse<K>>
  : EndpointResponse<K>;

/**
 * One method per entry of the contract's `endpoints` table, derived from it: the entry's doc
 * comment is the method's. (`[K in keyof typeof endpoints]` rather than an alias of the keys keeps
 * the mapped type homomorphic, which is what carries the docs over.)
 */
export type BillfoldClientMethods = {
  -readonly [K in keyof typeof endpoints]: (...args: EndpointArguments<Endpoints[K]>) => Promise<EndpointResult<K>>;
};

/**
 * Everything the portal asks of a backend: one method per operation of the contract, taking the
 * operation's path parameters, query, body and ETag in that order, then {@link CallOptions}.
 * The REST client (`createRestClient`) implements it over the contract's HTTP API; a merchant
 * whose backend does not speak the contract can set the element's `client` property to any
 * object implementing it. Implementations reject with {@link BillfoldError} so the widget can
 * word every failure.
 *
 * For example `getInvoice(invoiceId, options?)`, `listInvoiceLines(invoiceId, query?, options?)`,
 * `updateContactDetails(body, etag, options?)`.
 */
export interface BillfoldClient extends BillfoldClientMethods {}
