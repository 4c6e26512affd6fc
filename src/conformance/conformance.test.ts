/**
 * The conformance runner against the reference server (it must pass, with every operation called)
 * and against deliberately broken wrappers of it (each must fail, naming what broke), over real
 * HTTP; and the `billfold-conformance` command's exit codes.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CONTENT_TYPE } from '../contract/index.ts';
import { createBillfoldHandler, type FetchHandler } from '../server/handler.ts';
import { toNodeListener } from '../server/node.ts';
import { listen, tokenFor, useTestServer } from '../server/test-server.ts';
import { main } from './command.ts';
import { formatReport, runConformance, type ConformanceReport } from './runner.ts';

const t = useTestServer();
let token: string;
let base: string;
const CARD_TOKEN = 'tok_sandbox_mastercard_5454_11_2032';

/** The reference handler of the test server, changed by `breakIt` on the way out or in. */
async function serveBroken(breakIt: (request: Request, handler: FetchHandler) => Promise<Response>) {
  const handler = createBillfoldHandler(t.options);
  return listen(toNodeListener((request) => breakIt(request, handler)));
}

/** The JSON body of `response` changed by `edit`, everything else kept. */
async function editJson(response: Response, edit: (body: Record<string, unknown>) => unknown): Promise<Response> {
  const body = edit((await response.json()) as Record<string, unknown>);
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: response.status, headers });
}

const failures = (report: ConformanceReport) => report.results.filter((r) => r.status === 'fail');

beforeAll(async () => {
  token = await tokenFor('cus_margaret');
  base = `${t.base}/billing-api`;
});

describe('the conformance runner', () => {
  it('passes the reference server, calling every operation of the contract', { timeout: 90_000 }, async () => {
    const report = await runConformance({ apiBase: base, token, mutations: true, cardToken: CARD_TOKEN });
    expect(failures(report), formatReport(report)).toEqual([]);
    expect(report.notRun).toEqual([{ operation: 'payInvoice', reason: 'no open invoice with something to pay, or no saved method' }]);
    // Margaret's one open invoice goes on a plan, so it is not paid: Daniela has more than one.
    const daniela = await runConformance({ apiBase: base, token: await tokenFor('cus_daniela'), mutations: true });
    expect(failures(daniela), formatReport(daniela)).toEqual([]);
    expect(daniela.results).toContainEqual({ operation: 'payInvoice', title: 'POST /invoices/inv_daniela_1/payments', status: 'pass' });
    const checked = new Set([...report.results, ...daniela.results].filter((r) => r.status === 'pass').map((r) => r.operation));
    expect(checked.size).toBe(25);
    expect(report.results.map((r) => r.title)).toEqual(
      expect.arrayContaining([
        'without If-Match: 428 precondition_required',
        'with a stale If-Match: 412 precondition_failed',
        'a retry with the same Idempotency-Key gets the first answer again',
        'the same Idempotency-Key with another body: 422 idempotency_key_reused',
        'without a token: 401 unauthorized',
      ]),
    );
  });

  it('changes nothing without --mutations, and says which operations that leaves out', async () => {
    const before = await t.sql.query('SELECT count(*)::int AS n FROM questions');
    const report = await runConformance({ apiBase: base, token: await tokenFor('cus_northwind') });
    expect(failures(report), formatReport(report)).toEqual([]);
    expect(await t.sql.query('SELECT count(*)::int AS n FROM questions')).toEqual(before);
    expect(report.notRun).toEqual(expect.arrayContaining([{ operation: 'askQuestion', reason: 'changes data: run with --mutations' }]));
    expect(report.notRun.map((n) => n.operation)).not.toContain('previewBillingCycle');
  });

  it('fails a backend that drops a field the contract requires', async () => {
    const server = await serveBroken(async (request, handler) => {
      const response = await handler(request);
      if (!new URL(request.url).pathname.endsWith('/account') || !response.ok) return response;
      return editJson(response, ({ merchant: _dropped, ...rest }) => rest);
    });
    try {
      const report = await runConformance({ apiBase: `${server.base}/billing-api`, token });
      expect(report.violations).toBeGreaterThan(0);
      expect(failures(report)).toEqual([expect.objectContaining({ operation: 'getAccount', detail: expect.stringContaining('merchant') })]);
    } finally {
      await server.close();
    }
  });

  it('fails a backend whose errors are not problem details', async () => {
    const server = await serveBroken(async (request, handler) => {
      const response = await handler(request);
      if (response.headers.get('content-type') !== PROBLEM_CONTENT_TYPE) return response;
      const problem = (await response.json()) as { detail?: string };
      const headers = new Headers(response.headers);
      headers.set('content-type', 'application/json');
      headers.delete('content-length');
      return new Response(JSON.stringify({ error: problem.detail }), { status: response.status, headers });
    });
    try {
      const report = await runConformance({ apiBase: `${server.base}/billing-api`, token });
      const broken = failures(report);
      expect(broken.length).toBeGreaterThanOrEqual(6);
      for (const failure of broken) expect(failure.detail).toContain(`not ${PROBLEM_CONTENT_TYPE}`);
      expect(broken.map((f) => f.title)).toContain('without a token: 401 unauthorized');
    } finally {
      await server.close();
    }
  });

  it('fails a backend that changes a record without If-Match', { timeout: 60_000 }, async () => {
    const server = await serveBroken((request, handler) => {
      // A backend that takes a change without If-Match as "whatever is there now".
      const headers = new Headers(request.headers);
      if (request.method === 'PUT' && !headers.has('if-match')) headers.set('if-match', '*');
      return handler(new Request(request, { headers }));
    });
    try {
      const report = await runConformance({ apiBase: `${server.base}/billing-api`, token: await tokenFor('cus_jamie'), mutations: true });
      expect(failures(report).map((f) => `${f.operation}: ${f.title}`)).toEqual(
        expect.arrayContaining([
          'updateContactDetails: without If-Match: 428 precondition_required',
          'changeBillingCycle: without If-Match: 428 precondition_required',
        ]),
      );
    } finally {
      await server.close();
    }
  });

  it('fails a backend that sends no ETag with a versioned record', async () => {
    const server = await serveBroken(async (request, handler) => {
      const response = await handler(request);
      const headers = new Headers(response.headers);
      headers.delete('etag');
      return new Response(response.body, { status: response.status, headers });
    });
    try {
      const report = await runConformance({ apiBase: `${server.base}/billing-api`, token: await tokenFor('cus_jamie') });
      expect(failures(report)).toEqual([
        expect.objectContaining({ operation: 'getContactDetails', detail: expect.stringContaining('no valid ETag') }),
        expect.objectContaining({ operation: 'getBillingCycle', detail: expect.stringContaining('no valid ETag') }),
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('the billfold-conformance command', () => {
  it('exits 0 for a conforming backend, 2 when called without a token, and prints the report', async () => {
    const printed: string[] = [];
    expect(await main([`${base}/`, '--token', await tokenFor('cus_juergen')], (text) => printed.push(text))).toBe(0);
    expect(printed.join('\n')).toMatch(/\d+ passed, 0 failed, \d+ skipped; \d+ of 25 operations called\.\nThe backend keeps the contract\.$/);
    expect(printed.join('\n')).toContain('askQuestion: changes data: run with --mutations');
    expect(await main([base], () => undefined)).toBe(2);
    expect(await main(['not a url', '--token', token], () => undefined)).toBe(2);
  });

  it('runs as a command and exits 1 for a backend that breaks the contract', { timeout: 60_000 }, async () => {
    const server = await serveBroken(async (request, handler) => {
      const response = await handler(request);
      return new URL(request.url).pathname.endsWith('/payment-methods') ? editJson(response, () => ({ methods: [] })) : response;
    });
    try {
      const cli = join(import.meta.dirname, 'cli.ts');
      const tsx = join(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs');
      // Asynchronously: this process serves the backend the command calls.
      const result = await new Promise<{ status: number; stdout: string }>((resolve) => {
        execFile(process.execPath, [tsx, cli, `${server.base}/billing-api`, '--token', token], (error, stdout) =>
          resolve({ status: error ? Number(error.code) : 0, stdout }),
        );
      });
      expect(result.status, result.stdout).toBe(1);
      expect(result.stdout).toContain('FAIL  listPaymentMethods: GET /payment-methods');
      expect(result.stdout).toMatch(/The backend breaks the contract in \d+ place\(s\)\./);
    } finally {
      await server.close();
    }
  });
});
