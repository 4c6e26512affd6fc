import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ProblemSchema } from '../contract/index.ts';
import { contractCode, problemResponse, PROBLEM_TITLES, toProblem } from './problem.ts';

describe('problem details', () => {
  it('carry the contract code with its type URI and title', () => {
    expect(toProblem({ status: 409, code: 'invoice_on_plan', detail: 'On a plan.', requestId: 'r1' })).toEqual({
      type: 'https://billfold.dev/problems/invoice-on-plan',
      title: 'Invoice covered by a payment plan',
      status: 409,
      code: 'invoice_on_plan',
      detail: 'On a plan.',
      requestId: 'r1',
    });
    for (const code of ERROR_CODES) expect(PROBLEM_TITLES[code].length).toBeGreaterThan(3);
  });

  it('never let a code outside the closed list leave the server: the closest code by status', () => {
    expect(contractCode('card_frozen', 409)).toBe('conflict');
    expect(contractCode('too_fast', 429)).toBe('rate_limited');
    expect(contractCode('teapot', 418)).toBe('bad_request');
    expect(contractCode('db_down', 503)).toBe('internal');
    expect(contractCode('payment_method_required', 409)).toBe('payment_method_required');
    // A status outside the error range is a bug in whoever threw it: 500.
    expect(toProblem({ status: 200, code: 'ok', detail: 'Fine?' })).toMatchObject({ status: 500, code: 'internal' });
  });

  it('cut what is too long for the contract, so the body always parses', () => {
    const problem = toProblem({
      status: 422,
      code: 'validation_failed',
      detail: 'd'.repeat(5000),
      errors: Array.from({ length: 150 }, (_, i) => ({ path: `p${i}`.repeat(300), code: 'c'.repeat(300), message: 'm'.repeat(3000) })),
    });
    expect(ProblemSchema.parse(problem).errors).toHaveLength(100);
    expect(problem.detail).toHaveLength(2000);
  });

  it('are sent as application/problem+json with the given headers', async () => {
    const response = problemResponse({ status: 405, code: 'method_not_allowed' }, { Allow: 'GET' });
    expect(response.status).toBe(405);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('allow')).toBe('GET');
    expect(ProblemSchema.parse(await response.json())).toMatchObject({ code: 'method_not_allowed', title: 'Method not allowed' });
  });
});
