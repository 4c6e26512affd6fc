import { endpoints, z, type EndpointId } from '../contract/index.ts';
import { BillfoldError, toBillfoldError } from './errors.ts';
import type { BillfoldClient } from './types.ts';

/**
 * Wraps a host-supplied adapter so that its answers are held to the same contract as the REST
 * client's: every result is parsed with the endpoint's response schema, and a result that does
 * not match rejects with `unexpected_response` (logged with zod's issues), never reaching a view.
 * Anything else an adapter throws becomes a {@link BillfoldError} so the portal can word it.
 */
export function createValidatingClient(adapter: BillfoldClient): BillfoldClient {
  const client = {} as Record<EndpointId, (...args: unknown[]) => Promise<unknown>>;
  for (const operation of Object.keys(endpoints) as EndpointId[]) {
    const endpoint = endpoints[operation];
    client[operation] = async (...args: unknown[]) => {
      const method = (adapter as unknown as Record<string, unknown>)[operation];
      if (typeof method !== 'function') {
        throw new BillfoldError('unexpected_response', `The adapter does not implement ${operation}()`, { operation });
      }
      let result: unknown;
      try {
        result = await (method as (...a: unknown[]) => Promise<unknown>).apply(adapter, args);
      } catch (cause) {
        // Whatever a host's client throws is its backend failing, as far as the customer can tell.
        throw toBillfoldError(cause, operation, 'server');
      }
      const versioned = 'etag' in endpoint && endpoint.etag;
      const value = versioned ? (result as { value?: unknown } | undefined)?.value : result;
      const parsed = z.safeParse(endpoint.response, value);
      const etagOk = !versioned || typeof (result as { etag?: unknown } | undefined)?.etag === 'string';
      if (!parsed.success || !etagOk) {
        const issues = parsed.success ? [{ code: 'custom', path: ['etag'], message: 'Expected an etag string' }] : parsed.error.issues;
        console.error(`[billfold] ${operation}: the adapter's answer does not match the contract`, issues);
        throw new BillfoldError('unexpected_response', `${operation}: the adapter's answer does not match the contract`, {
          operation,
          issues,
        });
      }
      return versioned ? { value: parsed.data, etag: (result as { etag: string }).etag } : parsed.data;
    };
  }
  return client as unknown as BillfoldClient;
}
