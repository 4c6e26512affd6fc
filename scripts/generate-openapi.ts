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
import { endpoints, ERROR_CODES, z, type Endpoint, type EndpointId } from '../src/contract/index.ts';
import { PROBLEM_TITLES } from '../src/server/problem.ts';
import { readContractDocs, readEndpointSummaries } from './openapi/contract-docs.ts';
import { PATH_PARAMETER_EXAMPLES, REQUEST_EXAMPLES, RESPONSE_EXAMPLES, SCHEMA_EXAMPLES, type NamedExample } from './openapi/examples.ts';
import { OPERATION_DOCS, PATH_PARAMETER_DOCS, TAGS } from './openapi/operation-docs.ts';
import {
  ERROR_RESPONSES,
  HEADERS,
  PARAMETERS,
  PROBLEM_TYPE_PATTERN,
  SECURITY_SCHEMES,
  type ErrorResponseName,
  type Json,
  type JsonObject,
} from './openapi/responses.ts';
import { describeProperties, harvestExamples, type ContractMeta } from './openapi/schema-metadata.ts';

const CONTRACT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../src/contract');

const COMPONENT_PREFIX = '#/components/schemas/';
/** Placeholder prefix for refs between input schemas, resolved once we know which ones differ. */
const INPUT_PREFIX = '#/__input__/';

/**
 * Names every exported `FooSchema` of the contract as the component `Foo`, with its doc comment
 * as description and, where the example answers show one, an example. Module namespace keys
 * are sorted, so when one schema object is exported twice (`ContactDetailsUpdateSchema` is
 * `ContactDetailsSchema`) the shorter, more general name wins.
 */
function contractRegistry() {
  const registry = z.registry<ContractMeta>();
  const docs = readContractDocs(CONTRACT_DIR);
  const exports = Object.entries(contract as Record<string, unknown>)
    .filter(([name, value]) => name.endsWith('Schema') && isZodSchema(value))
    .sort(([a], [b]) => a.length - b.length || a.localeCompare(b));
  const named = new Map<z.ZodMiniType, ContractMeta>();
  for (const [name, schema] of exports) {
    const zodSchema = schema as z.ZodMiniType;
    if (named.has(zodSchema)) continue;
    const id = name.slice(0, -'Schema'.length);
    const description = docs.get(id)?.description;
    named.set(zodSchema, description ? { id, description } : { id });
  }
  const found = new Map<z.ZodMiniType, unknown>();
  for (const [id, example] of Object.entries(RESPONSE_EXAMPLES) as [EndpointId, NamedExample | null][]) {
    const schema = endpoints[id].response;
    if (schema && example) harvestExamples(schema, example.value, named, found);
  }
  for (const [id, example] of Object.entries(REQUEST_EXAMPLES) as [EndpointId, NamedExample][]) {
    harvestExamples((endpoints[id] as Endpoint).body!, example.value, named, found);
  }
  for (const [schema, meta] of named) {
    if (meta.id in SCHEMA_EXAMPLES) harvestExamples(schema, SCHEMA_EXAMPLES[meta.id], named, found);
  }
  for (const [schema, meta] of named) {
    if (found.has(schema)) meta.examples = [found.get(schema)];
    registry.add(schema, meta);
  }
  return { registry, override: describeProperties(docs, named) };
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
  const { registry, override } = contractRegistry();
  const convert = (io: 'input' | 'output', prefix: string) =>
    z.toJSONSchema(registry, { io, metadata: registry, override, uri: (id) => prefix + id }).schemas;
  const output = convert('output', COMPONENT_PREFIX);
  const input = convert('input', INPUT_PREFIX);

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

/**
 * A media type's example. One `example` rather than named `examples`: mock servers (Prism) answer
 * with the media type's `example` first, and otherwise with the schema's, which several
 * operations share (`getPayment` must answer a settled payment where `payInvoice` answers a
 * pending one).
 */
const exampleOf = (example: NamedExample): Json => example.value as Json;

/** The error responses an operation can get from the server kit (see `src/server/handler.ts`). */
function errorResponses(id: EndpointId, endpoint: Endpoint): [number, ErrorResponseName][] {
  const mutation = endpoint.method !== 'GET';
  const singleton = ['/account', '/contact-details', '/billing-cycle', '/billing-cycle/preview'].includes(endpoint.path);
  const statuses: [number, ErrorResponseName][] = [];
  if (mutation || endpoint.body) statuses.push([400, 'BadRequest']);
  statuses.push([401, 'Unauthorized']);
  if (endpoint.params?.length || singleton) statuses.push([404, 'NotFound']);
  if (mutation) statuses.push([409, 'Conflict']);
  if (endpoint.ifMatch) statuses.push([412, 'PreconditionFailed']);
  if (endpoint.body) statuses.push([413, 'PayloadTooLarge'], [415, 'UnsupportedMediaType']);
  if (mutation || endpoint.query || endpoint.body || endpoint.params?.length) statuses.push([422, 'ValidationFailed']);
  if (endpoint.ifMatch) statuses.push([428, 'PreconditionRequired']);
  // Previews change nothing, so fair use does not count them.
  if (mutation && !id.startsWith('preview')) statuses.push([429, 'TooManyRequests']);
  statuses.push([500, 'ServerError']);
  return statuses;
}

function operation(id: EndpointId, endpoint: Endpoint, summary: string, components: ReturnType<typeof componentSchemas>): JsonObject {
  const mutation = endpoint.method !== 'GET';
  const parameters: Json[] = [];
  for (const name of endpoint.params ?? []) {
    parameters.push({
      name,
      in: 'path',
      required: true,
      description: PATH_PARAMETER_DOCS[name] ?? null,
      schema: { type: 'string', minLength: 1, maxLength: 200 },
      example: PATH_PARAMETER_EXAMPLES[name] ?? null,
    });
  }
  if (endpoint.query) {
    const query = components.inputSchema(endpoint.query);
    const properties = (query.properties ?? {}) as JsonObject;
    const required = new Set((query.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      // A parameter carries its own description; its schema keeps the rest.
      const { description, ...schema } = property as JsonObject;
      parameters.push({ name, in: 'query', required: required.has(name), description: description ?? null, schema });
    }
  }
  if (mutation) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (endpoint.ifMatch) parameters.push({ $ref: '#/components/parameters/IfMatch' });

  const successHeaders: JsonObject = {};
  if (endpoint.etag) successHeaders.ETag = { $ref: '#/components/headers/ETag' };
  if (mutation) successHeaders['Idempotency-Replayed'] = { $ref: '#/components/headers/IdempotencyReplayed' };
  const success: JsonObject = { description: summary };
  if (Object.keys(successHeaders).length > 0) success.headers = successHeaders;
  const example = RESPONSE_EXAMPLES[id];
  if (endpoint.response) {
    if (!example) throw new Error(`${id} has no example answer`);
    success.content = { 'application/json': { schema: components.outputRef(endpoint.response), example: exampleOf(example) } };
  }

  const responses: JsonObject = { [String(endpoint.status)]: success };
  for (const [status, name] of errorResponses(id, endpoint)) responses[String(status)] = { $ref: `#/components/responses/${name}` };

  const result: JsonObject = {
    operationId: id,
    summary,
    description: OPERATION_DOCS[id],
    tags: [endpoint.path.split('/')[1]!],
  };
  if (parameters.length > 0) result.parameters = parameters;
  if (endpoint.body) {
    const body = REQUEST_EXAMPLES[id];
    if (!body) throw new Error(`${id} has no example request body`);
    result.requestBody = {
      required: true,
      content: { 'application/json': { schema: components.inputRef(endpoint.body), example: exampleOf(body) } },
    };
  }
  result.responses = responses;
  return dropNulls(result);
}

/** Leaves out the keys whose value is `null` (an optional part nothing fills). */
function dropNulls(object: JsonObject): JsonObject {
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === null) continue;
    copy[key] = Array.isArray(value)
      ? value.map((item) => (item && typeof item === 'object' && !Array.isArray(item) ? dropNulls(item) : item))
      : value;
  }
  return copy;
}

/** The rules an invoice's figures satisfy, stated once for the document and the schemas. */
const INVOICE_ARITHMETIC =
  'Money is integer minor units, except unit prices: `unitAmountDecimal` is an exact decimal string of minor units that may hold fractions (`"24.5"` is 24.5p, like Stripe\'s `unit_amount_decimal`). ' +
  'A line\'s `amount` is quantity × `unitAmountDecimal`, rounded half-even to the minor unit. ' +
  'An invoice\'s totals reconcile: `subtotal` (charge lines) + `discountTotal` (discount and credit lines) + `taxTotal` + `creditTotal` (credit notes) = `total`, and `amountDue` = max(0, `total` − `amountPaid`). ' +
  'The server kit refuses (in development) or logs (in production) an invoice answer that does not add up.';

/** Builds the OpenAPI 3.1 document of the whole contract. */
export function buildOpenApiDocument(version = '0.0.0'): JsonObject {
  const components = componentSchemas();
  const summaries = readEndpointSummaries(CONTRACT_DIR);
  const paths: Record<string, JsonObject> = {};
  for (const [id, endpoint] of Object.entries(endpoints) as [EndpointId, Endpoint][]) {
    const item = (paths[endpoint.path] ??= {});
    item[endpoint.method.toLowerCase()] = operation(id, endpoint, summaries.get(id)!, components);
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
        `Error codes (type URI \`${PROBLEM_TYPE_PATTERN}\`, underscores as hyphens): ${ERROR_CODES.map((code) => `\`${code}\` (${PROBLEM_TITLES[code]})`).join(', ')}.`,
        INVOICE_ARITHMETIC,
      ].join('\n\n'),
      contact: { name: 'Billfold', url: 'https://billfold.dev' },
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/billing-api', description: 'The same-origin mount the demo server uses.' }],
    security: [{ bearerAuth: [] }],
    tags: TAGS,
    paths,
    components: {
      securitySchemes: SECURITY_SCHEMES,
      parameters: PARAMETERS,
      headers: HEADERS,
      responses: ERROR_RESPONSES,
      schemas: {},
    },
  };
  const schemas = reachableSchemas(document, components.schemas);
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
