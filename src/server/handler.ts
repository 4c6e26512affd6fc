import {
  operations as endpoints,
  z,
  type AddPaymentMethodRequest,
  type AskQuestionRequest,
  type CallbackRequest,
  type ContactDetailsUpdate,
  type CycleChangeRequest,
  type Operation as Endpoint,
  type EndpointId,
  type ErrorEnvelope,
  type FeedbackRequest,
  type FieldError,
  type HistoryQuery,
  type InvoiceListQuery,
  type PayInvoiceRequest,
  type PlanRequest,
  type QuestionReplyRequest,
} from '../contract/index.ts';
import type {
  AdapterContext,
  BillingAdapter,
  IdempotencyScope,
  IdempotencyStore,
  StoredResponse,
  VersionedRecord,
} from './adapter.ts';
import { HttpError, isHttpError, VersionConflictError } from './errors.ts';
import { SessionTokenError, verifySessionToken, type SessionSecret } from './session.ts';

/** A fetch-style request handler, as used by Node (via `toNodeListener`), Deno, Bun and workers. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** Options of {@link createBillfoldHandler}. */
export interface BillfoldHandlerOptions {
  /** The merchant's billing system. */
  adapter: BillingAdapter;
  /** Shared idempotency records (database-backed; see `createSqlIdempotencyStore`). */
  idempotencyStore: IdempotencyStore;
  /** The HS256 secret the merchant server mints session tokens with. */
  sessionSecret?: SessionSecret;
  /** Instead of `sessionSecret`: verify a bearer token yourself and name the customer, or throw. */
  verifySession?: (token: string) => Promise<{ customerId: string }>;
  /** Where the contract is mounted, e.g. `/billing-api`. Default: the root. */
  basePath?: string;
  /** Cross-origin callers; same-origin embedding needs none. */
  cors?: { allowedOrigins: readonly string[]; maxAgeSeconds?: number };
  /**
   * Check every response against the contract before sending it and answer 500 instead of
   * something the widget would reject. Default true; switch off in production if the cost matters.
   */
  validateResponses?: boolean;
  /** Where unexpected errors are reported (default `console.error`). Never sent to the client. */
  onError?: (error: unknown, context: { requestId: string; operation?: string }) => void;
}

interface Route {
  id: EndpointId;
  endpoint: Endpoint;
  pattern: RegExp;
  params: readonly string[];
}

interface Input {
  params: string[];
  query: unknown;
  body: unknown;
  expectedVersion: string;
}

type Call = (adapter: BillingAdapter, ctx: AdapterContext, input: Input) => Promise<unknown>;
type ReadVersion = (adapter: BillingAdapter, ctx: AdapterContext) => Promise<VersionedRecord<unknown>>;

/**
 * One line per endpoint: how a validated request becomes an adapter call. The `as` casts are
 * safe because `input.body` / `input.query` are the output of the endpoint's own schema.
 */
const calls: { [K in EndpointId]: Call } = {
  getAccount: (a, c) => a.getAccount(c),
  getContactDetails: (a, c) => a.getContactDetails(c),
  updateContactDetails: (a, c, i) => a.updateContactDetails(c, i.body as ContactDetailsUpdate, i.expectedVersion),
  listInvoices: (a, c, i) => a.listInvoices(c, i.query as InvoiceListQuery),
  getInvoice: (a, c, i) => a.getInvoice(c, i.params[0]!),
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
  listQuestions: (a, c) => a.listQuestions(c),
  askQuestion: (a, c, i) => a.askQuestion(c, i.body as AskQuestionRequest),
  getQuestion: (a, c, i) => a.getQuestion(c, i.params[0]!),
  replyToQuestion: (a, c, i) => a.replyToQuestion(c, i.params[0]!, i.body as QuestionReplyRequest),
  listHistory: (a, c, i) => a.listHistory(c, i.query as HistoryQuery),
  sendFeedback: (a, c, i) => a.sendFeedback(c, i.body as FeedbackRequest),
  requestCallback: (a, c, i) => a.requestCallback(c, i.body as CallbackRequest),
};

/**
 * For every endpoint with `ifMatch`: how to read the record's current version, which `If-Match`
 * is checked against before the change is attempted. The adapter's compare-and-set then gets that
 * exact version, and still guards against a change that lands between the read and the update.
 */
const currentVersions: { [K in EndpointId]?: ReadVersion } = {
  updateContactDetails: (a, c) => a.getContactDetails(c),
  changeBillingCycle: (a, c) => a.getBillingCycle(c),
};

const ALLOWED_REQUEST_HEADERS = 'Authorization, Content-Type, Idempotency-Key, If-Match';
const EXPOSED_HEADERS = 'ETag, Idempotency-Replayed, X-Request-Id';
/** Request bodies of the contract are small; refuse anything that cannot be a real request. */
const MAX_BODY_BYTES = 1024 * 1024;

function compileRoutes(): Route[] {
  return (Object.keys(endpoints) as EndpointId[]).map((id) => {
    const endpoint: Endpoint = endpoints[id];
    const source = endpoint.path
      .split('/')
      .map((part) => (/^\{\w+\}$/.test(part) ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    if (endpoint.ifMatch && !currentVersions[id]) throw new TypeError(`${id} needs If-Match but has no version reader.`);
    return { id, endpoint, pattern: new RegExp(`^${source}$`), params: endpoint.params ?? [] };
  });
}

/**
 * Characters a version keeps as they are inside an entity tag: printable ASCII except `"` (ends
 * the tag), `%` (our escape) and `\\` (some caches and proxies treat it as an escape).
 */
const ETAG_VERBATIM = /[\x21\x23\x24\x26-\x5B\x5D-\x7E]/;
const utf8 = new TextEncoder();

/**
 * The value of an ETag header for a record version: a strong, quoted entity tag. Any other
 * character is percent-encoded (UTF-8), so distinct versions always get distinct tags and a
 * version may hold anything (quotes, backslashes, spaces, non-ASCII).
 */
export function formatEtag(version: string): string {
  let tag = '';
  for (const char of version) {
    if (ETAG_VERBATIM.test(char)) tag += char;
    else for (const byte of utf8.encode(char)) tag += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `"${tag}"`;
}

/** One entity tag of an `If-Match` list, as sent (`tag` keeps its quotes). */
export interface EntityTag {
  /** `W/"..."`: a weak tag, which never satisfies `If-Match` (RFC 9110 section 13.1.1). */
  weak: boolean;
  tag: string;
}

/**
 * The entity tags an `If-Match` header lists, or `'*'` for "any current version". A header that
 * is not a list of quoted tags yields none, so it matches nothing (412, never a blind overwrite).
 */
export function parseIfMatch(header: string): '*' | EntityTag[] {
  if (header.trim() === '*') return '*';
  // etagc of RFC 9110: anything visible but `"`, plus obs-text. Commas may occur inside a tag.
  const element = /[ \t]*(W\/)?("[\x21\x23-\x7E\x80-\uFFFF]*")[ \t]*(,|$)/y;
  const tags: EntityTag[] = [];
  while (element.lastIndex < header.length) {
    const match = element.exec(header);
    if (!match) return [];
    tags.push({ weak: match[1] !== undefined, tag: match[2]! });
    if (match[3] === '') break;
  }
  return tags;
}

/**
 * Whether an `If-Match` header lets a change of the record at `currentVersion` go ahead: `*`, or
 * any strong tag in the list equal to the current ETag. Tags are compared as sent against the
 * formatted current version, so no version has to survive a round trip through parsing.
 */
export function ifMatchAccepts(header: string, currentVersion: string): boolean {
  const parsed = parseIfMatch(header);
  if (parsed === '*') return true;
  const current = formatEtag(currentVersion);
  return parsed.some((entity) => !entity.weak && entity.tag === current);
}

/** Per-field errors from zod issues: dotted paths, zod's issue code, zod's message. */
export function fieldErrorsFromIssues(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether an error is a {@link VersionConflictError} (also across copies of the kit). */
function isVersionConflict(error: unknown): error is VersionConflictError {
  return (
    error instanceof VersionConflictError ||
    (isHttpError(error) && error.status === 412 && typeof (error as Partial<VersionConflictError>).currentVersion === 'string')
  );
}

/**
 * What running an operation gave. `final` answers are stored for replay: the adapter's change was
 * attempted, so running it again could do it twice. Others (a failed precondition) changed nothing.
 */
interface Outcome {
  response: Response;
  final: boolean;
}

function isVersioned(value: unknown): value is VersionedRecord<unknown> {
  return (
    typeof value === 'object' && value !== null && 'value' in value && typeof (value as { version?: unknown }).version === 'string'
  );
}

/**
 * The server kit: a fetch-style handler that serves the whole Billfold contract over an adapter.
 * It verifies the session token, routes every endpoint, validates queries and bodies against the
 * contract (422 with per-field errors), enforces `Idempotency-Key` on every mutation (replay,
 * reuse with another body 422, still running 409), `ETag`/`If-Match` on versioned records
 * (428 when missing, 412 when stale; `*`, lists, strong comparison), answers CORS for
 * allow-listed origins, and answers every error in the contract's envelope without leaking
 * internals.
 *
 * Idempotency keys are per customer. Answers the kit gives before the change is attempted (401,
 * 400, 413, 422, 428, 412) free the key for a corrected retry. Once the adapter's mutation has
 * been called, whatever came of it (2xx, an adapter's 4xx, a 500) is stored and replayed for the
 * same key and body, so a retry never runs a change twice; a client that wants to try again after
 * such an answer sends a new key. A 412 from the adapter's compare-and-set also frees the key.
 */
export function createBillfoldHandler(options: BillfoldHandlerOptions): FetchHandler {
  const { adapter, idempotencyStore } = options;
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const validateResponses = options.validateResponses ?? true;
  const allowedOrigins = new Set(options.cors?.allowedOrigins ?? []);
  const maxAge = String(options.cors?.maxAgeSeconds ?? 600);
  const routes = compileRoutes();
  const onError =
    options.onError ??
    ((error, { requestId, operation }) =>
      console.error(`[billfold] ${operation ?? 'request'} failed (request ${requestId}):`, error));

  const verify: (token: string) => Promise<{ customerId: string }> =
    options.verifySession ??
    (() => {
      const secret = options.sessionSecret;
      if (secret === undefined) throw new TypeError('createBillfoldHandler needs sessionSecret or verifySession.');
      return (token: string) => verifySessionToken(token, secret);
    })();

  return async function billfoldHandler(request: Request): Promise<Response> {
    const requestId = crypto.randomUUID();
    const origin = request.headers.get('origin');
    const corsHeaders: Record<string, string> =
      origin !== null && allowedOrigins.has(origin)
        ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED_HEADERS }
        : {};
    const baseHeaders: Record<string, string> = {
      ...corsHeaders,
      // Origin-dependent answers must not be shared between origins by caches.
      Vary: 'Origin',
      // Personal billing data: never cached by the browser or a proxy.
      'Cache-Control': 'no-store',
      'X-Request-Id': requestId,
    };

    const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
      new Response(status === 204 ? null : JSON.stringify(body), {
        status,
        headers: { ...baseHeaders, ...(status === 204 ? {} : { 'Content-Type': 'application/json; charset=utf-8' }), ...headers },
      });

    const fail = (error: HttpError): Response => {
      const envelope: ErrorEnvelope = {
        error: {
          code: error.code,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
          requestId,
        },
      };
      return json(error.status, envelope, error.headers ?? {});
    };

    let operation: EndpointId | undefined;
    try {
      const url = new URL(request.url);
      if (basePath && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
        return fail(HttpError.notFound('No such endpoint.'));
      }
      const path = url.pathname.slice(basePath.length) || '/';

      const matches = routes
        .map((route) => ({ route, match: route.pattern.exec(path) }))
        .filter((m): m is { route: Route; match: RegExpExecArray } => m.match !== null);
      if (matches.length === 0) return fail(HttpError.notFound('No such endpoint.'));
      const allow = [...new Set(matches.map((m) => m.route.endpoint.method))].join(', ');

      if (request.method === 'OPTIONS') {
        // A CORS preflight: answered only for allow-listed origins, before any authentication.
        if (origin === null || !allowedOrigins.has(origin)) {
          return fail(new HttpError(403, 'forbidden', 'This origin may not call the billing API.'));
        }
        return new Response(null, {
          status: 204,
          headers: {
            ...baseHeaders,
            'Access-Control-Allow-Methods': allow,
            'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS,
            'Access-Control-Max-Age': maxAge,
          },
        });
      }

      const hit = matches.find((m) => m.route.endpoint.method === request.method);
      if (!hit) {
        return fail(new HttpError(405, 'method_not_allowed', 'This method is not allowed here.', { headers: { Allow: allow } }));
      }
      const { route, match } = hit;
      operation = route.id;
      const endpoint = route.endpoint;

      const params: string[] = [];
      for (const raw of match.slice(1)) {
        try {
          params.push(decodeURIComponent(raw ?? ''));
        } catch {
          return fail(HttpError.notFound('No such endpoint.'));
        }
      }

      // Authentication.
      const authorization = request.headers.get('authorization') ?? '';
      const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      if (!bearer) return fail(unauthorized('Sign-in is required.'));
      let ctx: AdapterContext;
      try {
        const session = await verify(bearer);
        ctx = { customerId: session.customerId, request };
      } catch (error) {
        const expired = error instanceof SessionTokenError && error.reason === 'expired';
        return fail(unauthorized(expired ? 'The session has expired.' : 'The session token is not valid.'));
      }

      const isMutation = endpoint.method !== 'GET';
      const idempotencyKey = request.headers.get('idempotency-key');
      if (isMutation) {
        if (!idempotencyKey) {
          return fail(new HttpError(400, 'idempotency_key_required', 'An Idempotency-Key header is required for this request.'));
        }
        if (idempotencyKey.length > 255) {
          return fail(new HttpError(400, 'bad_request', 'The Idempotency-Key header is too long (255 characters at most).'));
        }
      }

      // Query.
      let query: unknown = undefined;
      if (endpoint.query) {
        const raw: Record<string, string> = {};
        for (const [key, value] of url.searchParams) if (!(key in raw)) raw[key] = value;
        const parsed = z.safeParse(endpoint.query, raw);
        if (!parsed.success) return fail(HttpError.invalid(fieldErrorsFromIssues(parsed.error.issues), 'The query is not valid.'));
        query = parsed.data;
      }

      // Body.
      let rawBody: unknown = undefined;
      let body: unknown = undefined;
      if (endpoint.body) {
        const length = Number(request.headers.get('content-length') ?? '0');
        if (length > MAX_BODY_BYTES) return fail(new HttpError(413, 'payload_too_large', 'The request is too large.'));
        // Bytes, not characters: the limit is about what crosses the wire.
        const bytes = new Uint8Array(await request.arrayBuffer());
        if (bytes.byteLength > MAX_BODY_BYTES) return fail(new HttpError(413, 'payload_too_large', 'The request is too large.'));
        try {
          const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
          rawBody = text === '' ? undefined : JSON.parse(text);
        } catch {
          return fail(new HttpError(400, 'bad_request', 'The request body is not valid JSON.'));
        }
        const parsed = z.safeParse(endpoint.body, rawBody);
        if (!parsed.success) return fail(HttpError.invalid(fieldErrorsFromIssues(parsed.error.issues)));
        body = parsed.data;
      }

      // Optimistic concurrency: the header must be there; whether it matches is checked in
      // `run`, after the idempotency claim, so a retry of a change that went through replays it
      // instead of failing against the version that change produced.
      const ifMatch = request.headers.get('if-match');
      if (endpoint.ifMatch && !ifMatch) {
        return fail(new HttpError(428, 'precondition_required', 'This change needs an If-Match header with the ETag you read.'));
      }

      /** The answer for an error: its own status when it is an HttpError, else a 500 that hides it. */
      const answerError = (error: unknown): Response => {
        if (isHttpError(error)) return fail(error);
        onError(error, { requestId, operation: route.id });
        return fail(new HttpError(500, 'internal', 'Something went wrong on our side. Please try again later.'));
      };
      const preconditionFailed = (message: string, currentVersion: string, headers: Record<string, string> = {}): Response =>
        fail(new HttpError(412, 'precondition_failed', message, { headers: { ...headers, ETag: formatEtag(currentVersion) } }));

      const run = async (): Promise<Outcome> => {
        let expectedVersion = '';
        const readVersion = currentVersions[route.id];
        if (endpoint.ifMatch && readVersion && ifMatch) {
          let current: VersionedRecord<unknown>;
          try {
            current = await readVersion(adapter, ctx);
          } catch (error) {
            // Only a read failed: nothing changed, so the key is freed for a retry.
            return { response: answerError(error), final: false };
          }
          if (!ifMatchAccepts(ifMatch, current.version)) {
            return { response: preconditionFailed('This was changed elsewhere since you opened it.', current.version), final: false };
          }
          expectedVersion = current.version;
        }

        let result: unknown;
        try {
          result = await calls[route.id](adapter, ctx, { params, query, body, expectedVersion });
        } catch (error) {
          // A compare-and-set that found a newer version changed nothing, by its contract.
          if (isVersionConflict(error)) {
            return { response: preconditionFailed(error.message, error.currentVersion, error.headers), final: false };
          }
          // Anything else may have happened after the adapter changed something (a 409 it chose,
          // or a crash after its commit): the answer is final for this key.
          return { response: answerError(error), final: true };
        }
        try {
          let payload = result;
          const headers: Record<string, string> = {};
          if (endpoint.etag) {
            if (!isVersioned(result)) throw new TypeError(`${route.id} must return { value, version }.`);
            payload = result.value;
            headers.ETag = formatEtag(result.version);
          }
          if (validateResponses && endpoint.response) {
            const checked = z.safeParse(endpoint.response, payload);
            if (!checked.success) {
              onError(new TypeError(`${route.id} returned a response that breaks the contract: ${z.prettifyError(checked.error)}`), {
                requestId,
                operation: route.id,
              });
              return {
                response: fail(new HttpError(500, 'internal', 'The billing service could not answer correctly. Please try again later.')),
                final: true,
              };
            }
          }
          return { response: json(endpoint.status, endpoint.response ? payload : null, headers), final: true };
        } catch (error) {
          return { response: answerError(error), final: true };
        }
      };

      if (!isMutation || idempotencyKey === null) return (await run()).response;

      // Idempotency: the same key with the same request replays the first answer.
      const scope: IdempotencyScope = { customerId: ctx.customerId, key: idempotencyKey };
      const fingerprint = await sha256Hex(`${endpoint.method} ${path}\n${JSON.stringify(rawBody ?? null)}`);
      const begun = await idempotencyStore.begin(scope, fingerprint);
      if (begun.state === 'completed') {
        return new Response(begun.response.body === '' ? null : begun.response.body, {
          status: begun.response.status,
          headers: { ...baseHeaders, ...begun.response.headers, 'Idempotency-Replayed': 'true' },
        });
      }
      if (begun.state === 'in_progress') {
        return fail(
          HttpError.conflict('The same request is still being processed. Try again in a moment.', 'idempotency_in_progress'),
        );
      }
      if (begun.state === 'mismatch') {
        return fail(
          new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request.'),
        );
      }
      // `run` answers every error itself. Should something still throw, the claim is kept (not
      // released): it is unknown whether the adapter ran, and the stale-lock timeout frees it.
      const { response, final } = await run();
      const lost = () =>
        onError(new Error(`The idempotency claim for key ${JSON.stringify(idempotencyKey)} was taken over before this request finished.`), {
          requestId,
          operation: route.id,
        });
      if (final) {
        const stored: StoredResponse = {
          status: response.status,
          headers: storableHeaders(response.headers),
          body: await response.clone().text(),
        };
        // The change happened: the customer gets its answer even if storing it fails (reported
        // here, so not reported again as a lost claim).
        const kept = await idempotencyStore.complete(scope, begun.lockToken, stored).catch((error: unknown) => {
          onError(error, { requestId, operation: route.id });
          return true;
        });
        if (!kept) lost();
      } else {
        const released = await idempotencyStore.release(scope, begun.lockToken).catch((error: unknown) => {
          // The key stays blocked until the claim goes stale; nothing else is wrong.
          onError(error, { requestId, operation: route.id });
          return true;
        });
        if (!released) lost();
      }
      return response;
    } catch (error) {
      if (isHttpError(error)) return fail(error);
      onError(error, { requestId, ...(operation ? { operation } : {}) });
      return fail(new HttpError(500, 'internal', 'Something went wrong on our side. Please try again later.'));
    }
  };
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, 'unauthorized', message, { headers: { 'WWW-Authenticate': 'Bearer realm="billfold"' } });
}

/** The response headers worth replaying; per-request ones (CORS, request id) are added fresh. */
function storableHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['content-type', 'etag', 'location', 'retry-after']) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}
