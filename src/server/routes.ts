/** The router: one route per operation of the contract, and how each becomes an adapter call. */
import { endpoints, z, type Endpoint, type EndpointId } from '../contract/index.ts';
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
 * How a validated request becomes an adapter call: the adapter method named like the operation,
 * given the context, then the arguments in the order `Endpoint` defines (path parameters, query,
 * body, version). `input.query` and `input.body` are the output of the operation's own schemas,
 * and `AdapterMismatch` below holds every adapter method to that order at compile time.
 */
function callFor(id: EndpointId, endpoint: Endpoint): Call {
  return (adapter, ctx, input) => {
    const args: unknown[] = [...input.params];
    if (endpoint.query) args.push(input.query);
    if (endpoint.body) args.push(input.body);
    if (endpoint.ifMatch) args.push(input.expectedVersion);
    return (adapter[id] as (ctx: AdapterContext, ...args: unknown[]) => Promise<unknown>).call(adapter, ctx, ...args);
  };
}

type Endpoints = typeof endpoints;
type Parsed<S> = S extends z.ZodMiniType ? z.infer<S> : never;
type PathArguments<P> = P extends readonly [unknown, ...infer Rest] ? [string, ...PathArguments<Rest>] : [];
/** The arguments {@link callFor} passes an adapter method. */
type AdapterArguments<E> = [
  AdapterContext,
  ...PathArguments<E extends { params: infer P } ? P : []>,
  ...(E extends { query: infer Q } ? [Parsed<Q>] : []),
  ...(E extends { body: infer B } ? [Parsed<B>] : []),
  ...(E extends { ifMatch: true } ? [string] : []),
];
type AdapterResult<E> = E extends { response: infer S } ? (E extends { etag: true } ? VersionedRecord<Parsed<S>> : Parsed<S>) : never;
/** Operations whose adapter method does not take {@link AdapterArguments}: must be `never`. */
type AdapterMismatch = {
  [K in EndpointId]: BillingAdapter[K] extends (...args: AdapterArguments<Endpoints[K]>) => Promise<AdapterResult<Endpoints[K]>> ? never : K;
}[EndpointId];
// A compile error here names an adapter method that does not match its entry in `endpoints`.
const everyAdapterMethodMatches: [AdapterMismatch] extends [never] ? true : AdapterMismatch = true;
void everyAdapterMethodMatches;

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
type ResponseOf<K extends EndpointId> = Parsed<Endpoints[K]['response']>;

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
  endpoint: Endpoint;
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

/** The routes of every operation in the contract's `endpoints` table. */
export function compileRoutes(): Route[] {
  return (Object.keys(endpoints) as EndpointId[]).map((id) => {
    const endpoint: Endpoint = endpoints[id];
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
      call: callFor(id, endpoint),
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
