/**
 * The widget's way to the merchant's backend: the REST client over the contract, the one error
 * type every client rejects with, and the interface a custom adapter implements.
 */
export { createRestClient, RETRY_STATUS_CODES, type RestClientConfig } from './rest-client.ts';
export { resolveApiBase } from './api-url.ts';
export { BillfoldError, isBillfoldError, type BillfoldErrorInit, type BillfoldErrorKind } from './errors.ts';
export type { BillfoldClient, CallOptions, Versioned } from './types.ts';
