import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, vi } from 'vitest';
import { BillfoldError } from '../api/errors.ts';
import { createRestClient, type RestClientConfig } from '../api/rest-client.ts';
import type { ContactDetails } from '../contract/index.ts';
import { loyalAccount } from './accounts.ts';

/**
 * What the REST client's tests share: a real loopback HTTP server whose answers each test
 * scripts, a client pointed at it with short retry delays, and the records they exchange.
 * Importing it closes every server after each test.
 */

export const account = loyalAccount();

export const contact: ContactDetails = {
  name: 'Margaret Thompson',
  email: 'margaret@example.test',
  phone: null,
  billingAddress: { line1: '1 New Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
  taxId: null,
  recipients: [],
  preferences: { channel: 'email', reminderDaysBefore: 3, language: 'en-GB' },
};

export const feedback = { rating: 5, journey: 'payment' };

/** A request as the server received it. */
export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the server answers one request. */
export interface Reply {
  status: number;
  /** JSON-encoded unless `raw` is given. */
  json?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** Never answer (to exercise timeouts and aborts). */
  hang?: boolean;
  /** Send headers, then never finish the body. */
  stallBody?: boolean;
  /** Drop the connection without an answer (a network error). */
  drop?: boolean;
}

/** Picks the answer to a request. */
export type Handler = (request: Recorded) => Reply | Promise<Reply>;

/** The servers started by the current test. */
export const servers: Server[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

/** Starts a loopback server answering with `handler`; closed after the test. */
export async function startServer(handler: Handler) {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: Recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      void Promise.resolve(handler(recorded)).then((reply) => {
        if (reply.hang) return;
        if (reply.drop) {
          req.socket.destroy();
          return;
        }
        const body = reply.raw ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
        res.writeHead(reply.status, {
          'content-type': reply.raw === undefined ? 'application/json' : 'text/html',
          ...reply.headers,
        });
        if (reply.stallBody) {
          res.write(body.slice(0, 5));
          return;
        }
        res.end(body);
      });
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests };
}

/** Answers in order; the last answer repeats. */
export function script(...replies: Reply[]): Handler {
  let index = 0;
  return () => replies[Math.min(index++, replies.length - 1)]!;
}

/** A REST client for the server at `origin`, with retry delays short enough for tests. */
export function client(origin: string, config: Partial<RestClientConfig> = {}) {
  return createRestClient({
    apiBase: `${origin}/billing-api`,
    getToken: () => 'tok-1',
    retryDelayMs: 1,
    backoffLimitMs: 5,
    timeoutMs: 2_000,
    ...config,
  });
}

/** The {@link BillfoldError} a call rejects with (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<BillfoldError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BillfoldError);
    return error as BillfoldError;
  }
  throw new Error('expected the call to fail');
}

/** A problem-details body (RFC 9457), as the contract answers every error. */
export const envelope = (code: string, message: string, errors?: unknown[]) => ({ type: `https://billfold.dev/problems/${code}`, title: message, status: 400, code, detail: message, errors });
/** A version 4 UUID, as the client generates for idempotency keys. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
