import type { TFunction } from 'i18next';
import type { BillfoldError } from '../api/errors.ts';

const WORDED = new Set([
  'network',
  'timeout',
  'session_expired',
  'forbidden',
  'not_found',
  'server',
  'unexpected_response',
]);

/** The customer-facing sentence for a failed load; kinds without their own words get a generic one. */
export function errorMessage(t: TFunction, error: BillfoldError): string {
  return t(WORDED.has(error.kind) ? `error.${error.kind}` : 'error.generic');
}
