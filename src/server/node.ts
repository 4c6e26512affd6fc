import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROBLEM_CONTENT_TYPE } from '../contract/index.ts';
import type { FetchHandler } from './handler.ts';
import { toProblem } from './problem.ts';
import { sentText } from './response-text.ts';

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /** Largest accepted request body; bigger ones get 413 without being read. Default 1 MiB. */
  maxBodyBytes?: number;
  /** The scheme the server is reached on (behind a TLS proxy, `https`). Default `http`. */
  protocol?: 'http' | 'https';
}

/** Methods no API answers: TRACE echoes the request (headers with tokens included) back. */
const REFUSED_METHODS = new Set(['TRACE', 'CONNECT']);

/** A `Host` header as RFC 9110 allows it: a name, an IPv4 address or a bracketed IPv6 one, and a port. */
const VALID_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/** An answer of the adapter itself, before the handler sees the request. */
function refuse(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(toProblem({ status, code, detail: message })));
}

/**
 * What the adapter answers at once, without reading the body: 405 for TRACE (and CONNECT),
 * 400 for a `Host` that is not a host, 413 when `Content-Length` announces more than the limit
 * (the connection is closed rather than drained). Resolves whether it answered.
 */
function refuseEarly(req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): boolean {
  const method = (req.method ?? 'GET').toUpperCase();
  if (REFUSED_METHODS.has(method)) {
    refuse(res, 405, 'method_not_allowed', 'This method is not allowed.', { allow: 'GET, POST, PUT, DELETE, OPTIONS' });
    return true;
  }
  const host = req.headers.host;
  if (host !== undefined && !VALID_HOST.test(host)) {
    refuse(res, 400, 'bad_request', 'The Host header is not valid.', { connection: 'close' });
    return true;
  }
  const length = req.headers['content-length'];
  if (length !== undefined && Number(length) > maxBodyBytes) {
    refuse(res, 413, 'payload_too_large', 'The request is too large.', { connection: 'close' });
    return true;
  }
  return false;
}

/** Read a request body up to a limit; resolves `null` when it is larger. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.byteLength;
    if (size > limit) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Turn a Node request into a fetch `Request`; `null` when its body is over the limit (stops
 * reading there). `signal` becomes the request's signal: abort it when the client goes away, as
 * {@link toNodeListener} does, so the handler and the adapter can stop work nobody will receive.
 */
export async function toFetchRequest(
  req: IncomingMessage,
  options: NodeListenerOptions = {},
  signal?: AbortSignal,
): Promise<Request | null> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const url = new URL(req.url ?? '/', `${options.protocol ?? 'http'}://${req.headers.host ?? 'localhost'}`);
  const method = req.method ?? 'GET';
  let body: Uint8Array | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const read = await readBody(req, options.maxBodyBytes ?? 1024 * 1024);
    if (read === null) return null;
    body = new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
  }
  return new Request(url, {
    method,
    headers,
    ...(body && body.byteLength > 0 ? { body: body as Uint8Array<ArrayBuffer> } : {}),
    ...(signal ? { signal } : {}),
  });
}

/** Write a fetch `Response` to a Node response (nothing when the client has gone away). */
export async function writeFetchResponse(response: Response, res: ServerResponse): Promise<void> {
  if (res.destroyed) {
    await response.body?.cancel();
    return;
  }
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const setCookies = response.headers.getSetCookie();
  if (setCookies.length > 0) headers['set-cookie'] = setCookies;
  const text = sentText(response);
  const body = text !== undefined ? text : response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * Adapt a fetch-style handler (such as `createBillfoldHandler(...)`) to `node:http`. It answers
 * TRACE with 405, a malformed `Host` with 400 and an announced body over the limit with 413 at
 * once, before reading anything:
 * `http.createServer(toNodeListener(handler))`, or mount it on a path of an Express/Fastify app.
 * When the client disconnects before the answer is sent, the request's `signal` (which the
 * adapter sees as `ctx.request.signal`) aborts.
 */
export function toNodeListener(
  handler: FetchHandler,
  options: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const disconnected = new AbortController();
    // `close` on the response, not the request: a request closes as soon as its body is read.
    res.once('close', () => {
      if (!res.writableFinished) disconnected.abort(new DOMException('The client closed the connection.', 'AbortError'));
    });
    if (refuseEarly(req, res, options.maxBodyBytes ?? 1024 * 1024)) return;
    void (async () => {
      try {
        const request = await toFetchRequest(req, options, disconnected.signal);
        if (request === null) {
          refuse(res, 413, 'payload_too_large', 'The request is too large.', { connection: 'close' });
          return;
        }
        await writeFetchResponse(await handler(request), res);
      } catch (error) {
        // A client that went away mid-request is no fault of the server: nobody is left to answer.
        if (disconnected.signal.aborted) return;
        console.error('[billfold] could not answer a request:', error);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': PROBLEM_CONTENT_TYPE });
          res.end(JSON.stringify(toProblem({ status: 500, code: 'internal', detail: 'Something went wrong on our side.' })));
        } else {
          res.destroy();
        }
      }
    })();
  };
}
