import { z } from '../src/contract/index.ts';
import { problemResponse, type FetchHandler } from '../src/server/index.ts';

/** A test hook: make the next `times` matching API responses fail. */
export const FaultSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
  /** Relative to the API base, e.g. `/account`; `*` matches one path segment (`/invoices/*`). */
  path: z.string().check(z.regex(/^\//)),
  /** Answer with this status and problem details. */
  status: z.optional(z.int().check(z.gte(400), z.lte(599))),
  /** Answer 200 with a body that breaks the contract. */
  schemaViolation: z.optional(z.boolean()),
  /** Wait this long before answering (or before the real handler runs), for loading states. */
  delayMs: z.optional(z.int().check(z.gte(0), z.lte(30_000))),
  times: z.optional(z.int().check(z.gte(1), z.lte(1000))),
});
export type Fault = z.infer<typeof FaultSchema>;

interface ActiveFault {
  fault: Fault;
  pattern: RegExp;
  remaining: number;
}

/**
 * Fault injection for the demo's API (end-to-end tests of error states). Faults live in this
 * process only: it is a test hook of the demo server, not part of the server kit.
 */
export function createFaultInjector(basePath: string) {
  let faults: ActiveFault[] = [];

  function take(method: string, path: string): Fault | null {
    const hit = faults.find((f) => f.fault.method === method && f.pattern.test(path));
    if (!hit) return null;
    hit.remaining -= 1;
    if (hit.remaining <= 0) faults = faults.filter((f) => f !== hit);
    return hit.fault;
  }

  return {
    add(fault: Fault): void {
      const source = fault.path
        .split('/')
        .map((part) => (part === '*' || /^\{\w+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      faults.push({ fault, pattern: new RegExp(`^${source}$`), remaining: fault.times ?? 1 });
    },
    clear(): void {
      faults = [];
    },
    get size(): number {
      return faults.length;
    },
    /** Wrap the API handler so matching requests get the fault instead. */
    wrap(handler: FetchHandler): FetchHandler {
      return async (request) => {
        const url = new URL(request.url);
        const fault = request.method === 'OPTIONS' ? null : take(request.method, url.pathname.slice(basePath.length) || '/');
        if (!fault) return handler(request);
        if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
        if (fault.status !== undefined) {
          // No code of its own: the problem gets the contract's code for the status.
          return problemResponse({ status: fault.status, code: '', detail: `Injected fault: ${fault.status}.` }, { 'cache-control': 'no-store' });
        }
        if (fault.schemaViolation) {
          return new Response(JSON.stringify({ surprise: 'This is not what the contract promised.', customer: 42 }), { status: 200, headers });
        }
        return handler(request);
      };
    },
  };
}
