/**
 * The server kit's check that an adapter's invoice figures add up before a customer sees them:
 * lines (quantity × unit price), subtotal, discounts, tax, credit notes, total, paid and left to
 * pay. A billing portal that shows numbers which do not reconcile is where disputes begin.
 */
import type { EndpointId, InvoiceDetail, InvoiceLinePage } from '../contract/index.ts';
import { lineAmount, reconcile } from '../lib/invoice-math.ts';
import { isProduction } from './environment.ts';

/**
 * What the handler does with an answer whose figures do not add up: `refuse` answers 500
 * `internal` with the problems in `detail` (and reports them), `log` reports them and serves the
 * answer, `off` skips the check.
 */
export type ReconciliationMode = 'refuse' | 'log' | 'off';

/** `refuse` in development, `log` in production (`NODE_ENV=production`); works where there is no `process`. */
export function defaultReconciliationMode(): ReconciliationMode {
  return isProduction() ? 'log' : 'refuse';
}

/** The arithmetic of each line given: quantity × unit price, rounded half-even, is its amount. */
function lineProblems(page: InvoiceLinePage): string[] {
  const problems: string[] = [];
  for (const line of page.items) {
    if (line.quantity === null || line.quantity === undefined || !line.unitAmountDecimal) continue;
    const expected = lineAmount(line.quantity, line.unitAmountDecimal);
    if (expected !== line.amount.amount) {
      problems.push(`line ${line.id}: ${line.quantity} × ${line.unitAmountDecimal} is ${expected}, not ${line.amount.amount}`);
    }
  }
  return problems;
}

/**
 * Everything that does not add up in an answer of `operation` (empty when it reconciles or the
 * operation carries no invoice figures). An answer the check cannot even read counts as a problem.
 */
export function reconciliationProblems(operation: EndpointId, payload: unknown): string[] {
  try {
    if (operation === 'getInvoice') return reconcile(payload as InvoiceDetail);
    if (operation === 'listInvoiceLines') return lineProblems(payload as InvoiceLinePage);
  } catch (error) {
    return [`the figures could not be checked: ${error instanceof Error ? error.message : String(error)}`];
  }
  return [];
}

/** Thrown to `onError` when an answer's figures do not add up. */
export class ReconciliationError extends Error {
  override readonly name = 'ReconciliationError';
  /** Each figure that does not add up, in words for a developer. */
  readonly problems: readonly string[];

  constructor(operation: EndpointId, problems: readonly string[]) {
    super(`${operation} answered with figures that do not add up: ${problems.join('; ')}`);
    this.problems = problems;
  }
}
