/**
 * Generates `dist/openapi.json`, the OpenAPI 3.1 document of the Billfold contract, from the
 * `endpoints` table and the zod schemas in `src/contract/` — so merchants who implement the API
 * themselves read the same contract the widget parses and the server kit validates.
 *
 * Run: `tsx scripts/generate-openapi.ts [outFile]` (default `dist/openapi.json`).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as contract from '../src/contract/index.ts';
import { operations as endpoints, ERROR_CODES, PROBLEM_CONTENT_TYPE, problemType, z, type Operation as Endpoint } from '../src/contract/index.ts';
import { PROBLEM_TITLES } from '../src/server/problem.ts';

/** A JSON value as the generator emits it. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const COMPONENT_PREFIX = '#/components/schemas/';
/** Placeholder prefix for refs between input schemas, resolved once we know which ones differ. */
const INPUT_PREFIX = '#/__input__/';

/**
 * Names every exported `FooSchema` of the contract as the component `Foo`. Module namespace keys
 * are sorted, so when one schema object is exported twice (`ContactDetailsUpdateSchema` is
 * `ContactDetailsSchema`) the shorter, more general name wins.
 */
function contractRegistry() {
  const registry = z.registry<{ id: string }>();
  const exports = Object.entries(contract as Record<string, unknown>)
    .filter(([name, value]) => name.endsWith('Schema') && isZodSchema(value))
    .sort(([a], [b]) => a.length - b.length || a.localeCompare(b));
  for (const [name, schema] of exports) {
    const zodSchema = schema as z.ZodMiniType;
    if (!registry.has(zodSchema)) registry.add(zodSchema, { id: name.slice(0, -'Schema'.length) });
  }
  return registry;
}

function isZodSchema(value: unknown): value is z.ZodMiniType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** Deep-copies `value`, replacing every `$ref` string through `mapRef` and dropping `$schema`/`$id`. */
function rewrite(value: Json, mapRef: (ref: string) => string): Json {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, mapRef));
  if (value === null || typeof value !== 'object') return value;
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '$schema' || key === '$id') continue;
    result[key] = key === '$ref' && typeof item === 'string' ? mapRef(item) : rewrite(item, mapRef);
  }
  return result;
}

function refsOf(value: Json, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) refsOf(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.add(item);
      else refsOf(item, found);
    }
  }
  return found;
}

/**
 * Component schemas for both directions. Responses use zod's `output` view (what the server
 * sends, strict objects); request bodies and queries use the `input` view (what a client may
 * send, before coercion). Where the two differ, the input one is published as `FooInput`.
 */
function componentSchemas() {
  const registry = contractRegistry();
  const output = z.toJSONSchema(registry, { io: 'output', uri: (id) => COMPONENT_PREFIX + id }).schemas;
  const input = z.toJSONSchema(registry, { io: 'input', uri: (id) => INPUT_PREFIX + id }).schemas;

  const outputs = new Map<string, Json>();
  const inputs = new Map<string, Json>();
  for (const [id, schema] of Object.entries(output)) outputs.set(id, rewrite(schema as Json, (ref) => ref));
  for (const [id, schema] of Object.entries(input)) inputs.set(id, schema as Json);

  // An input variant is needed where the schema itself differs, or where it refers to one that does.
  const canonical = (ref: string) => ref.replace(INPUT_PREFIX, COMPONENT_PREFIX);
  const needsInput = new Set<string>();
  for (const [id, schema] of inputs) {
    if (JSON.stringify(rewrite(schema, canonical)) !== JSON.stringify(outputs.get(id))) needsInput.add(id);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, schema] of inputs) {
      if (needsInput.has(id)) continue;
      for (const ref of refsOf(schema)) {
        if (needsInput.has(ref.slice(INPUT_PREFIX.length))) {
          needsInput.add(id);
          changed = true;
          break;
        }
      }
    }
  }

  const inputName = (id: string) => (needsInput.has(id) ? `${id}Input` : id);
  const mapInputRef = (ref: string) =>
    ref.startsWith(INPUT_PREFIX) ? COMPONENT_PREFIX + inputName(ref.slice(INPUT_PREFIX.length)) : ref;
  const schemas: JsonObject = {};
  for (const [id, schema] of outputs) schemas[id] = schema;
  for (const id of needsInput) schemas[`${id}Input`] = rewrite(inputs.get(id)!, mapInputRef);

  const nameOf = (schema: z.ZodMiniType) => {
    const id = registry.get(schema)?.id;
    if (!id) throw new Error('A schema in the endpoints table is not exported from src/contract');
    return id;
  };
  return {
    schemas: sortKeys(schemas),
    outputRef: (schema: z.ZodMiniType): JsonObject => ({ $ref: COMPONENT_PREFIX + nameOf(schema) }),
    inputRef: (schema: z.ZodMiniType): JsonObject => ({ $ref: COMPONENT_PREFIX + inputName(nameOf(schema)) }),
    /** The resolved input JSON Schema of a query object, to spread its properties into parameters. */
    inputSchema: (schema: z.ZodMiniType) => schemas[inputName(nameOf(schema))] as JsonObject,
  };
}

function sortKeys(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

const errorResponse = (description: string, codes: readonly string[]): JsonObject => ({
  description: `${description} Codes: ${codes.map((code) => `\`${code}\``).join(', ')}.`,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `${COMPONENT_PREFIX}Problem` } } },
});

/** Shared error responses (RFC 9457 problem details), referenced from each operation. */
const ERROR_RESPONSES = {
  BadRequest: errorResponse('A mutation without an Idempotency-Key, or a body that is not JSON.', ['bad_request']),
  Unauthorized: errorResponse('The session token is missing, expired or invalid.', ['unauthorized']),
  Forbidden: errorResponse('The token is valid but may not do this.', ['forbidden']),
  NotFound: errorResponse('No such resource for this customer.', ['not_found']),
  Conflict: errorResponse(
    'The same Idempotency-Key is still being processed, or the change conflicts with the current state (paying an invoice an open payment plan covers: `invoice_on_plan`).',
    ['idempotency_in_progress', 'conflict', 'payment_method_required', 'invoice_on_plan'],
  ),
  PreconditionFailed: errorResponse('If-Match does not match the current ETag: reload and retry.', [
    'precondition_failed',
  ]),
  PreconditionRequired: errorResponse('The update was sent without If-Match.', ['precondition_required']),
  ValidationFailed: errorResponse(
    'The request did not match the contract (see the problem\'s `errors`, each with a dotted `path` and a `code` such as `too_small` or `outside_hours`), or an Idempotency-Key was reused with a different body.',
    ['validation_failed', 'idempotency_key_reused'],
  ),
  ServerError: errorResponse('Something failed on the server; safe to retry with the same Idempotency-Key.', [
    'internal',
  ]),
} satisfies Record<string, JsonObject>;

const HEADERS = {
  ETag: {
    description: 'Opaque version of the record; send it back as `If-Match` to update it.',
    schema: { type: 'string' },
  },
  IdempotencyReplayed: {
    description: '`true` when this is the stored response of an earlier request with the same Idempotency-Key.',
    schema: { type: 'string', enum: ['true'] },
  },
} satisfies Record<string, JsonObject>;

const PARAMETERS = {
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: true,
    description:
      'Unique per user action and kept across retries. The same key with the same body replays the stored response; with a different body it is refused (422 `idempotency_key_reused`); while the first request runs it is refused (409 `idempotency_in_progress`).',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: true,
    description: 'The ETag from the last read. Missing: 428 `precondition_required`; stale: 412 `precondition_failed`.',
    schema: { type: 'string' },
  },
} satisfies Record<string, JsonObject>;

function operation(id: string, endpoint: Endpoint, components: ReturnType<typeof componentSchemas>): JsonObject {
  const mutation = endpoint.method !== 'GET';
  const parameters: Json[] = [];
  for (const name of endpoint.params ?? []) {
    parameters.push({ name, in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 200 } });
  }
  if (endpoint.query) {
    const query = components.inputSchema(endpoint.query);
    const properties = (query.properties ?? {}) as JsonObject;
    const required = new Set((query.required ?? []) as string[]);
    for (const [name, schema] of Object.entries(properties)) {
      parameters.push({ name, in: 'query', required: required.has(name), schema });
    }
  }
  if (mutation) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (endpoint.ifMatch) parameters.push({ $ref: '#/components/parameters/IfMatch' });

  const successHeaders: JsonObject = {};
  if (endpoint.etag) successHeaders.ETag = { $ref: '#/components/headers/ETag' };
  if (mutation) successHeaders['Idempotency-Replayed'] = { $ref: '#/components/headers/IdempotencyReplayed' };
  const success: JsonObject = { description: endpoint.summary };
  if (Object.keys(successHeaders).length > 0) success.headers = successHeaders;
  if (endpoint.response) success.content = { 'application/json': { schema: components.outputRef(endpoint.response) } };

  const responses: JsonObject = { [String(endpoint.status)]: success };
  const use = (status: number, name: keyof typeof ERROR_RESPONSES) => {
    responses[String(status)] = { $ref: `#/components/responses/${name}` };
  };
  if (mutation) use(400, 'BadRequest');
  use(401, 'Unauthorized');
  use(403, 'Forbidden');
  if (endpoint.params?.length) use(404, 'NotFound');
  if (mutation) use(409, 'Conflict');
  if (endpoint.ifMatch) {
    use(412, 'PreconditionFailed');
    use(428, 'PreconditionRequired');
  }
  if (mutation || endpoint.query || endpoint.body) use(422, 'ValidationFailed');
  responses.default = { $ref: '#/components/responses/ServerError' };

  const result: JsonObject = {
    operationId: id,
    summary: endpoint.summary,
    tags: [endpoint.path.split('/')[1] ?? 'billing'],
  };
  if (parameters.length > 0) result.parameters = parameters;
  if (endpoint.body) {
    result.requestBody = {
      required: true,
      content: { 'application/json': { schema: components.inputRef(endpoint.body) } },
    };
  }
  result.responses = responses;
  return result;
}

/** The rules an invoice's figures satisfy, stated once for the document and the schemas. */
const INVOICE_ARITHMETIC =
  'Money is integer minor units, except unit prices: `unitAmountDecimal` is an exact decimal string of minor units that may hold fractions (`"24.5"` is 24.5p, like Stripe\'s `unit_amount_decimal`). ' +
  'A line\'s `amount` is quantity × `unitAmountDecimal`, rounded half-even to the minor unit. ' +
  'An invoice\'s totals reconcile: `subtotal` (charge lines) + `discountTotal` (discount and credit lines) + `taxTotal` + `creditTotal` (credit notes) = `total`, and `amountDue` = max(0, `total` − `amountPaid`). ' +
  'The server kit refuses (in development) or logs (in production) an invoice answer that does not add up.';

/** Descriptions the zod schemas do not carry (the widget ships them without), added to named schemas and properties. */
const SCHEMA_NOTES: Record<string, Record<string, string>> = {
  InvoiceLine: {
    '': 'One charge, discount, credit or tax on an invoice. With a quantity and a unit price, `amount` = quantity × `unitAmountDecimal`, rounded half-even to the minor unit.',
    unitAmountDecimal: 'The exact price of one unit in minor units, fractions allowed (`"24.5"` is 24.5p).',
    group: 'What the line belongs to on a big invoice (a project); the invoice lists each group with its subtotal.',
  },
  InvoiceDetail: {
    '': 'One invoice with the first page of its lines. subtotal + discountTotal + taxTotal + creditTotal = total; amountDue = max(0, total − amountPaid).',
    lineCount: 'How many lines the invoice has in all; `GET /invoices/{invoiceId}/lines` pages them from `linesNextCursor`.',
    creditTotal: 'The sum of the credit notes (zero or negative), part of `total`.',
  },
  OutstandingInvoice: {
    dueDate: 'When it is due now: the moved date once an extension is granted.',
    plan: 'For `on_plan`: the covering plan and its next instalment (for an extension, the moved due date).',
    pendingPayment: 'For `processing`: the payment on its way.',
  },
  Problem: {
    '': 'RFC 9457 problem details, sent as `application/problem+json` with every error status.',
  },
};

/** Adds {@link SCHEMA_NOTES} to the component schemas that exist. */
function annotate(schemas: JsonObject): void {
  for (const [name, notes] of Object.entries(SCHEMA_NOTES)) {
    const schema = schemas[name] as JsonObject | undefined;
    if (!schema) continue;
    for (const [property, description] of Object.entries(notes)) {
      const target = property === '' ? schema : ((schema.properties as JsonObject | undefined)?.[property] as JsonObject | undefined);
      if (!target) throw new Error(`SCHEMA_NOTES names ${name}.${property}, which the schema does not have`);
      target.description = description;
    }
  }
}

/** Builds the OpenAPI 3.1 document of the whole contract. */
export function buildOpenApiDocument(version = '0.0.0'): JsonObject {
  const components = componentSchemas();
  const paths: Record<string, JsonObject> = {};
  for (const [id, endpoint] of Object.entries(endpoints) as [string, Endpoint][]) {
    const item = (paths[endpoint.path] ??= {});
    item[endpoint.method.toLowerCase()] = operation(id, endpoint, components);
  }
  const document: JsonObject = {
    openapi: '3.1.0',
    info: {
      title: 'Billfold billing API',
      version,
      description: [
        'The contract between the `<billfold-portal>` widget and the merchant backend, generated from the zod schemas in `src/contract/`.',
        'Paths are relative to the API base the merchant gives the widget (`api-base`).',
        'Every response body is validated by the widget; every non-2xx body is RFC 9457 problem details (`application/problem+json`, the `Problem` schema) whose `code` is one of the closed `ErrorCode` list.',
        `Error codes (type URI \`${problemType('bad_request').replace('bad-request', '<code>')}\`, underscores as hyphens): ${ERROR_CODES.map((code) => `\`${code}\` (${PROBLEM_TITLES[code]})`).join(', ')}.`,
        INVOICE_ARITHMETIC,
      ].join('\n\n'),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/billing-api', description: 'The same-origin mount the demo server uses.' }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A short-lived, customer-scoped session token minted by the merchant server.',
        },
      },
      parameters: PARAMETERS,
      headers: HEADERS,
      responses: ERROR_RESPONSES,
      schemas: {},
    },
  };
  const schemas = reachableSchemas(document, components.schemas);
  annotate(schemas);
  (document.components as JsonObject).schemas = schemas;
  return document;
}

/**
 * Keeps only the component schemas the operations use, directly or through other schemas, so
 * the document does not list `FooInput` variants nobody sends.
 */
function reachableSchemas(document: JsonObject, all: JsonObject): JsonObject {
  const kept = new Set<string>();
  // The document's own refs include components.responses, hence the Problem.
  const queue = [...refsOf(document)];
  for (let ref = queue.pop(); ref !== undefined; ref = queue.pop()) {
    if (!ref.startsWith(COMPONENT_PREFIX)) continue;
    const name = ref.slice(COMPONENT_PREFIX.length);
    if (kept.has(name)) continue;
    const schema = all[name];
    if (schema === undefined) throw new Error(`Dangling schema reference ${ref}`);
    kept.add(name);
    queue.push(...refsOf(schema));
  }
  return Object.fromEntries(Object.entries(all).filter(([name]) => kept.has(name)));
}

async function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const outFile = resolve(root, process.argv[2] ?? 'dist/openapi.json');
  const pkg = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8')) as { version: string };
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, `${JSON.stringify(buildOpenApiDocument(pkg.version), null, 2)}\n`);
  console.log(`openapi: wrote ${outFile}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
