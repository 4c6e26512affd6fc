/**
 * What a backend developer reading only `dist/openapi.json` relies on: every schema, property,
 * operation and parameter explained; examples that are valid instances of their schemas (by a
 * standard JSON Schema validator and by the zod schemas themselves); every error the server kit
 * can answer declared with its codes; and the session token specified.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { endpoints, ERROR_CODES, z, type Endpoint, type EndpointId } from '../../src/contract/index.ts';
import { buildOpenApiDocument } from '../generate-openapi.ts';
import { REQUEST_EXAMPLES, RESPONSE_EXAMPLES } from './examples.ts';

type Node = Record<string, any>;

const document = buildOpenApiDocument('1.2.3') as Node;
const schemas = document.components.schemas as Node;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');
const validatorOf = (ref: string) => ajv.compile({ $ref: `openapi.json${ref}` });

/** Every operation of the document with its id. */
const allOperations = Object.values(document.paths as Node).flatMap((item: Node) => Object.values(item)) as Node[];

function resolve(node: Node): Node {
  if (!node.$ref) return node;
  return (node.$ref as string).replace(/^#\//, '').split('/').reduce<any>((at, part) => at?.[part], document);
}

/** Every property of a schema, nested ones included, with a dotted name. */
function propertiesOf(schema: Node, path: string, found: [string, Node][] = []): [string, Node][] {
  for (const [key, property] of Object.entries((schema.properties ?? {}) as Node)) {
    found.push([`${path}.${key}`, property]);
    propertiesOf(property, `${path}.${key}`, found);
  }
  for (const key of ['items', 'anyOf', 'oneOf', 'allOf']) {
    const value = schema[key];
    for (const child of Array.isArray(value) ? value : value ? [value] : []) propertiesOf(child, path, found);
  }
  return found;
}

describe('descriptions', () => {
  it('describes every component schema and every property, with the words of the zod sources', () => {
    const missing: string[] = [];
    for (const [name, schema] of Object.entries(schemas)) {
      if (!schema.description) missing.push(name);
      for (const [path, property] of propertiesOf(schema, name)) if (!property.description) missing.push(path);
    }
    expect(missing).toEqual([]);
    // Doc comments, not invented prose: these are written once, in src/contract/.
    expect(schemas.Money.properties.amount.description).toContain('Integer minor units');
    expect(schemas.HumanContact.properties.availability.description).toContain('a call back is offered and accepted only inside them');
    const plan = (schemas.OutstandingInvoice.properties.plan.anyOf as Node[]).find((branch) => branch.properties);
    expect(plan!.properties.nextDueDate.description).toContain('moved due date');
    // A shared field takes the comment of the constant it is built from.
    expect(schemas.ContactDetails.properties.name.description).toBe(schemas.InvoiceRecipient.properties.name.description);
  });

  it('describes every operation and every parameter', () => {
    for (const operation of allOperations) {
      expect(operation.description, operation.operationId).toMatch(/\w{3}/);
      for (const parameter of operation.parameters ?? []) {
        expect(resolve(parameter).description, `${operation.operationId} ${resolve(parameter).name}`).toMatch(/\w{3}/);
      }
    }
    const listInvoices = document.paths['/invoices'].get;
    expect(listInvoices.parameters.find((p: Node) => p.name === 'cursor').description).toContain('nextCursor');
  });
});

describe('examples', () => {
  it('gives every component schema an example that is valid against it', () => {
    const problems: string[] = [];
    for (const [name, schema] of Object.entries(schemas)) {
      if (!Array.isArray(schema.examples) || schema.examples.length === 0) {
        problems.push(`${name}: no example`);
        continue;
      }
      const validate = validatorOf(`#/components/schemas/${name}`);
      for (const example of schema.examples) if (!validate(example)) problems.push(`${name}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(problems).toEqual([]);
  });

  it('gives every response and request body an example that is valid against its schema', () => {
    const problems: string[] = [];
    let checked = 0;
    const check = (where: string, media: Node) => {
      const entries = 'example' in media ? [['example', { value: media.example }] as const] : Object.entries((media.examples ?? {}) as Node);
      if (entries.length === 0) problems.push(`${where}: no example`);
      const validate = validatorOf(media.schema.$ref);
      for (const [name, example] of entries) {
        checked++;
        if (!validate(example.value)) problems.push(`${where} ${name}: ${ajv.errorsText(validate.errors)}`);
      }
    };
    for (const operation of allOperations) {
      for (const [status, response] of Object.entries(operation.responses as Node)) {
        for (const [type, media] of Object.entries((resolve(response).content ?? {}) as Node)) check(`${operation.operationId} ${status} ${type}`, media);
      }
      const body = operation.requestBody?.content?.['application/json'];
      if (body) check(`${operation.operationId} request`, body);
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });

  it('are instances of the zod schemas the widget parses with and the server kit validates with', () => {
    for (const [id, example] of Object.entries(RESPONSE_EXAMPLES) as [EndpointId, (typeof RESPONSE_EXAMPLES)[EndpointId]][]) {
      const schema = endpoints[id].response;
      if (!schema || !example) continue;
      const parsed = z.safeParse(schema, example.value);
      expect(parsed.success ? [] : parsed.error.issues, id).toEqual([]);
    }
    for (const [id, example] of Object.entries(REQUEST_EXAMPLES) as [EndpointId, NonNullable<(typeof REQUEST_EXAMPLES)[EndpointId]>][]) {
      const parsed = z.safeParse((endpoints[id] as Endpoint).body!, example.value);
      expect(parsed.success ? [] : parsed.error.issues, id).toEqual([]);
    }
  });

  it('tell one consistent story: the overview invoice reconciles and is the one its detail shows', () => {
    const account = RESPONSE_EXAMPLES.getAccount!.value as Node;
    const invoice = RESPONSE_EXAMPLES.getInvoice!.value as Node;
    expect(account.outstandingInvoices[0].id).toBe(invoice.id);
    const lineSum = (invoice.lines as Node[]).reduce((sum, line) => sum + line.amount.amount, 0);
    expect(lineSum + invoice.creditTotal.amount).toBe(invoice.total.amount);
    expect(invoice.subtotal.amount + invoice.discountTotal.amount + invoice.taxTotal.amount + invoice.creditTotal.amount).toBe(invoice.total.amount);
    expect(invoice.total.amount - invoice.amountPaid.amount).toBe(invoice.amountDue.amount);
    expect((RESPONSE_EXAMPLES.getPayment!.value as Node).status).toBe('succeeded');
    const schedule = (RESPONSE_EXAMPLES.previewPaymentPlan!.value as Node).schedule as Node[];
    expect(schedule.reduce((sum, instalment) => sum + instalment.amount.amount, 0)).toBe(invoice.amountDue.amount);
  });
});

describe('errors', () => {
  it('declares the closed list of error codes as an enum on every problem', () => {
    expect(schemas.ErrorCode.enum).toEqual([...ERROR_CODES]);
    expect(schemas.Problem.properties.code.$ref).toBe('#/components/schemas/ErrorCode');
    const examples = Object.values(document.components.responses as Node).flatMap((response: Node) =>
      Object.values(response.content['application/problem+json'].examples as Node),
    );
    expect(examples.map((example: Node) => example.value.code)).toEqual(expect.arrayContaining(['rate_limited', 'payload_too_large', 'unsupported_media_type', 'internal']));
  });

  it('declares 429 with Retry-After on changes (not previews), 413 and 415 where a body is read, and 500 everywhere', () => {
    const pay = document.paths['/invoices/{invoiceId}/payments'].post;
    expect(pay.responses['429']).toEqual({ $ref: '#/components/responses/TooManyRequests' });
    expect(document.components.responses.TooManyRequests.headers['Retry-After']).toEqual({ $ref: '#/components/headers/RetryAfter' });
    expect(document.components.headers.RetryAfter).toMatchObject({ required: true, schema: { type: 'integer', minimum: 1 } });
    expect(document.paths['/billing-cycle/preview'].post.responses['429']).toBeUndefined();
    expect(pay.responses['413']).toEqual({ $ref: '#/components/responses/PayloadTooLarge' });
    expect(pay.responses['415']).toEqual({ $ref: '#/components/responses/UnsupportedMediaType' });
    expect(document.paths['/invoices'].get.responses['413']).toBeUndefined();
    for (const operation of allOperations) expect(operation.responses['500'], operation.operationId).toEqual({ $ref: '#/components/responses/ServerError' });
    expect(document.paths['/questions'].post.responses['409']).toEqual({ $ref: '#/components/responses/Conflict' });
    expect(document.components.responses.Conflict.description).toContain('limit_reached');
  });
});

describe('session token', () => {
  it('states the claims, the algorithm, the lifetime and the secret length, and that the widget treats it as opaque', () => {
    const scheme = document.components.securitySchemes.bearerAuth.description as string;
    for (const fact of ['HS256', '`sub`', '`aud` `billfold`', '`iat`', '`exp`', '3600 s', 'at least 32 bytes', 'treats the token as opaque']) {
      expect(scheme).toContain(fact);
    }
  });
});
