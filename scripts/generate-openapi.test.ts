import { describe, expect, it } from 'vitest';
import { endpoints } from '../src/contract/index.ts';
import { buildOpenApiDocument } from './generate-openapi.ts';

type Node = Record<string, any>;

const document = buildOpenApiDocument('1.2.3') as Node;

function allRefs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) allRefs(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item);
      else allRefs(item, found);
    }
  }
  return found;
}

function resolveRef(ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((node, part) => node?.[part], document);
}

describe('generated OpenAPI document', () => {
  it('is OpenAPI 3.1 with the package version and bearer auth', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe('1.2.3');
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearerAuth: [] }]);
  });

  it('has one operation per endpoint, named by its table key, with the real success status', () => {
    for (const [id, endpoint] of Object.entries(endpoints)) {
      const operation = document.paths[endpoint.path]?.[endpoint.method.toLowerCase()];
      expect(operation, id).toBeDefined();
      expect(operation.operationId).toBe(id);
      // The summary is the table entry's doc comment, on one line.
      expect(operation.summary, id).toMatch(/^\S[^\n]*\S$/);
      expect(Object.keys(operation.responses)).toContain(String(endpoint.status));
    }
    const operationCount = Object.values(document.paths as Node).flatMap((item) => Object.keys(item)).length;
    expect(operationCount).toBe(Object.keys(endpoints).length);
    expect(document.paths['/invoices/{invoiceId}'].get.summary).toBe(
      'One invoice: its totals (which reconcile), taxes, payments, corrections, line groups and the first page of its lines.',
    );
  });

  it('resolves every $ref to something in the document', () => {
    const refs = allRefs(document);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) expect(resolveRef(ref), ref).toBeDefined();
  });

  it('describes path parameters, query parameters and request bodies', () => {
    const getInvoice = document.paths['/invoices/{invoiceId}'].get;
    expect(getInvoice.parameters).toContainEqual(
      expect.objectContaining({ name: 'invoiceId', in: 'path', required: true }),
    );
    expect(getInvoice.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });

    const listInvoices = document.paths['/invoices'].get;
    const queryNames = listInvoices.parameters.filter((p: Node) => p.in === 'query').map((p: Node) => p.name);
    expect(queryNames).toEqual(['status', 'cursor', 'limit']);

    const pay = document.paths['/invoices/{invoiceId}/payments'].post;
    expect(pay.responses['202'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Payment' });
    const bodyRef = pay.requestBody.content['application/json'].schema.$ref as string;
    expect(resolveRef(bodyRef)).toMatchObject({ type: 'object' });
  });

  it('declares every error as problem details, and the paged lines with their query', () => {
    for (const [name, response] of Object.entries(document.components.responses as Node)) {
      expect(Object.keys(response.content), name).toEqual(['application/problem+json']);
      expect(response.content['application/problem+json'].schema, name).toEqual({ $ref: '#/components/schemas/Problem' });
    }
    expect(document.components.responses.Conflict.description).toContain('invoice_on_plan');
    const lines = document.paths['/invoices/{invoiceId}/lines'].get;
    expect(lines.operationId).toBe('listInvoiceLines');
    expect(lines.parameters.filter((p: Node) => p.in === 'query').map((p: Node) => p.name)).toEqual(['cursor', 'limit', 'q', 'group', 'id']);
    expect(lines.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/InvoiceLinePage' });
    expect(lines.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });
  });

  it('states the invoice arithmetic in the document and on the schemas', () => {
    expect(document.info.description).toContain('rounded half-even');
    expect(document.components.schemas.InvoiceLine.properties.unitAmountDecimal.description).toMatch(/fractions allowed/);
    expect(document.components.schemas.InvoiceDetail.description).toContain('`subtotal` (charges) + `discountTotal` + `taxTotal` + `creditTotal` = `total`');
  });

  it('documents ETag, If-Match and Idempotency-Key where the contract needs them', () => {
    const getContact = document.paths['/contact-details'].get;
    expect(getContact.responses['200'].headers.ETag).toBeDefined();
    expect(getContact.parameters ?? []).not.toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });

    const putContact = document.paths['/contact-details'].put;
    expect(putContact.parameters).toEqual(
      expect.arrayContaining([
        { $ref: '#/components/parameters/IdempotencyKey' },
        { $ref: '#/components/parameters/IfMatch' },
      ]),
    );
    for (const status of ['400', '401', '409', '412', '422', '428']) expect(putContact.responses[status], status).toBeDefined();
    expect(document.components.parameters.IfMatch).toMatchObject({ name: 'If-Match', in: 'header', required: true });

    for (const [id, endpoint] of Object.entries(endpoints)) {
      if (endpoint.method === 'GET') continue;
      const operation = document.paths[endpoint.path][endpoint.method.toLowerCase()];
      expect(operation.parameters, id).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    }
  });

  it('publishes named component schemas: strict responses, lenient inputs', () => {
    const schemas = document.components.schemas as Node;
    expect(schemas.Problem).toMatchObject({ type: 'object', required: expect.arrayContaining(['type', 'title', 'status', 'code']) });
    expect(schemas.Problem.properties.code).toMatchObject({ $ref: '#/components/schemas/ErrorCode' });
    expect(schemas.ErrorCode.enum).toEqual(expect.arrayContaining(['invoice_on_plan', 'validation_failed', 'internal']));
    expect(schemas.ContactDetails.required).toEqual(expect.arrayContaining(['name', 'email', 'billingAddress']));
    expect(schemas.ContactDetails.additionalProperties).toBe(false);
    expect(schemas.ContactDetails.properties.billingAddress).toMatchObject({ $ref: '#/components/schemas/BillingAddress' });
    expect(schemas.ContactDetailsInput.properties.billingAddress).toMatchObject({
      $ref: '#/components/schemas/BillingAddressInput',
    });
    // No JSON Schema dialect noise inside components.
    expect(JSON.stringify(schemas)).not.toContain('$schema');
  });
});
