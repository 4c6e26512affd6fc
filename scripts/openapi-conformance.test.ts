/**
 * The generated OpenAPI document is a valid OpenAPI 3.1 document, and what the real server kit
 * answers (reference adapter, seeded demo personas, in-memory PGlite) validates against it with
 * a standard JSON Schema validator — so a merchant generating a client or a server from
 * `dist/openapi.json` gets the contract the widget actually speaks.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints, type Endpoint } from '../src/contract/index.ts';
import { createBillfoldHandler, type FetchHandler } from '../src/server/handler.ts';
import { openReferenceDatabase } from '../src/server/reference/database.ts';
import { DEMO_PERSONAS, seedDemoData } from '../demo/seed/index.ts';
import { createSqlIdempotencyStore } from '../src/server/reference/idempotency-store.ts';
import { createReferenceAdapter } from '../src/server/reference/reference-adapter.ts';
import type { Sql } from '../src/server/reference/sql.ts';
import { createSessionToken } from '../src/server/session.ts';
import { buildOpenApiDocument } from './generate-openapi.ts';

type Node = Record<string, any>;

const document = buildOpenApiDocument('0.0.0-test') as Node;
const secret = 'openapi-conformance-secret-long-enough-0123456789';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');

/** A validator for the response schema an operation declares for `status` (and the media type it declares). */
function responseValidator(operation: Node, status: number, mediaType = status < 400 ? 'application/json' : 'application/problem+json') {
  let response = operation.responses[String(status)] ?? operation.responses.default;
  if (response.$ref) response = document.components.responses[response.$ref.split('/').pop()];
  const schema = response.content[mediaType].schema as { $ref: string };
  return ajv.compile({ $ref: `openapi.json${schema.$ref}` });
}

let sql: Sql;
let handler: FetchHandler;

beforeAll(async () => {
  sql = await openReferenceDatabase();
  await seedDemoData(sql);
  handler = createBillfoldHandler({
    adapter: createReferenceAdapter({ sql, settleDelayMs: 60_000 }),
    idempotencyStore: createSqlIdempotencyStore(sql),
    sessionSecret: secret,
    basePath: '/billing-api',
    onError: () => undefined,
  });
});

afterAll(async () => {
  await sql?.close();
});

async function get(customerId: string, path: string, token?: string): Promise<Response> {
  const bearer = token ?? (await createSessionToken({ customerId, secret })).token;
  return handler(new Request(`http://localhost/billing-api${path}`, { headers: { authorization: `Bearer ${bearer}` } }));
}

describe('dist/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes every GET response of every demo persona, as the server kit sends them", async () => {
    let checked = 0;
    for (const persona of DEMO_PERSONAS) {
      const invoiceIds: string[] = [];
      const questionIds: string[] = [];
      for (const [id, endpoint] of Object.entries(endpoints) as [string, Endpoint][]) {
        if (endpoint.method !== 'GET' || endpoint.params?.length) continue;
        const response = await get(persona.customerId, endpoint.path);
        expect(response.status, `${persona.id} ${id}`).toBe(endpoint.status);
        const body = (await response.json()) as Node;
        const validate = responseValidator(document.paths[endpoint.path].get, endpoint.status);
        expect(validate(body) ? [] : validate.errors, `${persona.id} ${id}`).toEqual([]);
        if (id === 'listInvoices') invoiceIds.push(...body.items.map((item: Node) => item.id as string));
        if (id === 'listQuestions') questionIds.push(...body.items.map((item: Node) => item.id as string));
        checked++;
      }
      const validateInvoice = responseValidator(document.paths['/invoices/{invoiceId}'].get, 200);
      const validateLines = responseValidator(document.paths['/invoices/{invoiceId}/lines'].get, 200);
      for (const invoiceId of invoiceIds) {
        const response = await get(persona.customerId, `/invoices/${encodeURIComponent(invoiceId)}`);
        expect(response.status).toBe(200);
        const body = (await response.json()) as Node;
        expect(validateInvoice(body) ? [] : validateInvoice.errors, `${persona.id} ${invoiceId}`).toEqual([]);
        const lines = await get(persona.customerId, `/invoices/${encodeURIComponent(invoiceId)}/lines?limit=500&q=e${body.linesNextCursor ? `&cursor=${body.linesNextCursor}` : ''}`);
        expect(lines.status).toBe(200);
        const page = await lines.json();
        expect(validateLines(page) ? [] : validateLines.errors, `${persona.id} ${invoiceId} lines`).toEqual([]);
        checked += 2;
      }
      const validateQuestion = responseValidator(document.paths['/questions/{questionId}'].get, 200);
      for (const questionId of questionIds) {
        const body = await (await get(persona.customerId, `/questions/${encodeURIComponent(questionId)}`)).json();
        expect(validateQuestion(body) ? [] : validateQuestion.errors, `${persona.id} ${questionId}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(DEMO_PERSONAS.length * 5);
  });

  it('describes the problem details the server kit sends, with the media type it declares', async () => {
    const cases: [string, string, number, string | undefined][] = [
      ['/account', '/account', 401, 'not-a-token'],
      ['/invoices/{invoiceId}', '/invoices/inv_nobody', 404, undefined],
      ['/invoices/{invoiceId}/lines', '/invoices/inv_margaret_0/lines?limit=0', 422, undefined],
    ];
    for (const [declared, path, status, token] of cases) {
      const response = await get('cus_margaret', path, token);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const validate = responseValidator(document.paths[declared].get, status);
      expect(validate(await response.json()) ? [] : validate.errors, path).toEqual([]);
    }
  });
});
