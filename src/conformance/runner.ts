import { endpoints, type EndpointId } from '../contract/index.ts';
import { checkMutations } from './mutations.ts';
import { Probe, type CheckResult } from './probe.ts';
import { checkErrors, checkReads } from './reads.ts';

export type { CheckResult, CheckStatus } from './probe.ts';

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  /** The backend's API base, e.g. `https://shop.example/billing-api`. */
  apiBase: string;
  /** A session token of a test customer. */
  token: string;
  /** Also run the checks that change the customer's data (a question, feedback, a payment, …). Default false. */
  mutations?: boolean;
  /** A test token of the payment provider, to add (and remove again) a payment method. */
  cardToken?: string;
  /** How long one request may take (default 15 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** What a run found. */
export interface ConformanceReport {
  apiBase: string;
  mutations: boolean;
  results: CheckResult[];
  /** Failed checks: the backend breaks the contract there. */
  violations: number;
  /** Operations of the contract no request reached, with why. */
  notRun: { operation: EndpointId; reason: string }[];
}

/**
 * Check a backend against the Billfold contract: every operation is called as the widget would
 * call it, every answer is validated against the contract's zod schemas, `ETag`/`If-Match`
 * (428 without, 412 when stale), idempotent replay (the same key gives the first answer, another
 * body with it 422) and the problem-details error format are checked. Reads and previews change
 * nothing; with `mutations`, the test customer gets a question, feedback, a payment and so on.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const apiBase = options.apiBase.replace(/\/+$/, '');
  const probe = new Probe(apiBase, options.token, options.fetch ?? fetch, options.timeoutMs ?? 15_000);
  try {
    const found = await checkReads(probe);
    await checkErrors(probe);
    if (options.mutations) await checkMutations(probe, found, options.cardToken);
  } catch (error) {
    // A backend that cannot be reached, or a timeout: the run stops with that as its violation.
    probe.fail('general', 'the backend answers', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
  const notRun = (Object.keys(endpoints) as EndpointId[])
    .filter((id) => !probe.exercised.has(id))
    .map((operation) => ({
      operation,
      reason:
        endpoints[operation].method !== 'GET' && !options.mutations && !operation.startsWith('preview')
          ? 'changes data: run with --mutations'
          : (probe.results.find((r) => r.operation === operation && r.status === 'skip')?.detail ?? 'no data to call it with'),
    }));
  return {
    apiBase,
    mutations: !!options.mutations,
    results: probe.results,
    violations: probe.results.filter((r) => r.status === 'fail').length,
    notRun,
  };
}

/** The report as text, one line per check, failures with what was wrong, and a summary. */
export function formatReport(report: ConformanceReport): string {
  const mark = { pass: 'ok  ', fail: 'FAIL', skip: 'skip' } as const;
  const lines = [`Billfold contract conformance: ${report.apiBase}${report.mutations ? ' (with mutations)' : ''}`, ''];
  for (const result of report.results) {
    const detail = result.detail && result.status !== 'pass' ? ` — ${result.detail}` : '';
    lines.push(`${mark[result.status]}  ${result.operation}: ${result.title}${detail}`);
  }
  if (report.notRun.length > 0) {
    lines.push('', 'Not run:');
    for (const { operation, reason } of report.notRun) lines.push(`  ${operation}: ${reason}`);
  }
  const count = (status: CheckResult['status']) => report.results.filter((r) => r.status === status).length;
  const covered = Object.keys(endpoints).length - report.notRun.length;
  lines.push(
    '',
    `${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped; ${covered} of ${Object.keys(endpoints).length} operations called.`,
    report.violations === 0 ? 'The backend keeps the contract.' : `The backend breaks the contract in ${report.violations} place(s).`,
  );
  return lines.join('\n');
}
