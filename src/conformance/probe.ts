import {
  endpointPath,
  endpoints,
  PROBLEM_CONTENT_TYPE,
  ProblemSchema,
  z,
  type EndpointId,
  type ErrorCode,
  type Problem,
} from '../contract/index.ts';

/** How one check came out: `skip` when the backend's data gave nothing to check it on. */
export type CheckStatus = 'pass' | 'fail' | 'skip';

/** One check of the conformance run. */
export interface CheckResult {
  /** The contract's operation it exercised, or `general` for checks across operations. */
  operation: EndpointId | 'general';
  title: string;
  status: CheckStatus;
  /** What was wrong (fail), why it was not run (skip), or what was seen (pass). */
  detail?: string;
}

/** An answer as the runner read it. */
export interface Answer {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  text: string;
}

/** What a request sends besides its method and path. */
export interface CallInit {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** `Idempotency-Key`; a fresh one for every POST, PUT and DELETE unless given (`null`: none). */
  key?: string | null;
  /** The bearer token; `null` sends none. Default: the run's token. */
  token?: string | null;
  headers?: Record<string, string>;
}

/** A valid entity tag (RFC 9110): `"…"` or `W/"…"`. */
const ENTITY_TAG = /^(W\/)?"[\x21\x23-\x7e\x80-\xff]*"$/;

/** The first lines of zod's account of what is wrong, short enough for one report line. */
function shortError(error: Parameters<typeof z.prettifyError>[0]): string {
  return z.prettifyError(error).split('\n').slice(0, 6).join(' ').slice(0, 600);
}

/**
 * The runner's connection to the backend and its record of checks: each request is sent once,
 * each answer is checked against the contract and recorded as passed or failed.
 */
export class Probe {
  readonly results: CheckResult[] = [];
  readonly exercised = new Set<EndpointId>();

  constructor(
    private readonly apiBase: string,
    private readonly token: string,
    private readonly fetcher: typeof fetch,
    private readonly timeoutMs: number,
  ) {}

  pass(operation: CheckResult['operation'], title: string, detail?: string): void {
    this.results.push({ operation, title, status: 'pass', ...(detail ? { detail } : {}) });
  }

  fail(operation: CheckResult['operation'], title: string, detail: string): void {
    this.results.push({ operation, title, status: 'fail', detail });
  }

  skip(operation: CheckResult['operation'], title: string, reason: string): void {
    this.results.push({ operation, title, status: 'skip', detail: reason });
  }

  /** Send one request of `operation` (its method and path from the contract). */
  async call(operation: EndpointId, init: CallInit = {}): Promise<Answer> {
    const endpoint = endpoints[operation];
    const path = endpointPath(endpoint.path, init.params) + (init.query ? `?${init.query}` : '');
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    const token = init.token === undefined ? this.token : init.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const key = init.key === undefined ? (endpoint.method === 'GET' ? null : crypto.randomUUID()) : init.key;
    if (key !== null) headers['idempotency-key'] = key;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    this.exercised.add(operation);
    const response = await this.fetcher(`${this.apiBase}${path}`, {
      method: endpoint.method,
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return { method: endpoint.method, path, status: response.status, headers: response.headers, text: await response.text() };
  }

  /**
   * A success as the contract describes it: the operation's status, an `ETag` where it promises
   * one, and a body its response schema accepts. Resolves the parsed body, or undefined (recorded
   * as a failure) when any of that is wrong.
   */
  expectSuccess<T = unknown>(operation: EndpointId, answer: Answer, title = `${answer.method} ${answer.path}`): T | undefined {
    const endpoint = endpoints[operation];
    const where = `${answer.method} ${answer.path}`;
    if (answer.status !== endpoint.status) {
      this.fail(operation, title, `${where} answered ${answer.status}, the contract says ${endpoint.status}: ${answer.text.slice(0, 300)}`);
      return undefined;
    }
    if ('etag' in endpoint && endpoint.etag) {
      const etag = answer.headers.get('etag');
      if (!etag || !ENTITY_TAG.test(etag)) {
        this.fail(operation, title, `${where} has no valid ETag header (got ${etag === null ? 'none' : JSON.stringify(etag)}).`);
        return undefined;
      }
    }
    if (endpoint.response === null) {
      this.pass(operation, title);
      return undefined;
    }
    const type = answer.headers.get('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) {
      this.fail(operation, title, `${where} answered with content type "${type}", not application/json.`);
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      this.fail(operation, title, `${where} answered a body that is not JSON.`);
      return undefined;
    }
    const parsed = z.safeParse(endpoint.response, json);
    if (!parsed.success) {
      this.fail(operation, title, `${where}: the body breaks the contract: ${shortError(parsed.error)}`);
      return undefined;
    }
    this.pass(operation, title);
    return parsed.data as T;
  }

  /**
   * An error answer as the contract describes every one: RFC 9457 problem details
   * (`application/problem+json`) that the contract's schema accepts, the status repeated in the
   * body, one of `statuses` and, when given, one of `codes`.
   */
  expectProblem(
    operation: CheckResult['operation'],
    answer: Answer,
    title: string,
    statuses: readonly number[],
    codes?: readonly ErrorCode[],
  ): Problem | undefined {
    const where = `${answer.method} ${answer.path}`;
    if (!statuses.includes(answer.status)) {
      this.fail(operation, title, `${where} answered ${answer.status}, expected ${statuses.join(' or ')}: ${answer.text.slice(0, 300)}`);
      return undefined;
    }
    const type = answer.headers.get('content-type') ?? '';
    if (!type.toLowerCase().startsWith(PROBLEM_CONTENT_TYPE)) {
      this.fail(operation, title, `${where} (${answer.status}) has content type "${type}", not ${PROBLEM_CONTENT_TYPE}.`);
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      this.fail(operation, title, `${where} (${answer.status}) answered a body that is not JSON.`);
      return undefined;
    }
    const parsed = z.safeParse(ProblemSchema, json);
    if (!parsed.success) {
      this.fail(operation, title, `${where} (${answer.status}): the problem details break the contract: ${shortError(parsed.error)}`);
      return undefined;
    }
    const problem = parsed.data;
    if (problem.status !== answer.status) {
      this.fail(operation, title, `${where}: the problem says status ${problem.status}, the response ${answer.status}.`);
      return undefined;
    }
    if (codes && !codes.includes(problem.code)) {
      this.fail(operation, title, `${where} (${answer.status}) has code "${problem.code}", expected ${codes.join(' or ')}.`);
      return undefined;
    }
    this.pass(operation, title, `${answer.status} ${problem.code}`);
    return problem;
  }
}
