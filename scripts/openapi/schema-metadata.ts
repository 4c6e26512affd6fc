/**
 * Zod metadata for the document only: descriptions from the contract's doc comments and examples
 * from the example answers, attached at generation time in a registry of the generator's own, so
 * the schemas the widget bundles stay free of prose.
 */
import { z } from '../../src/contract/index.ts';
import type { SchemaDocs } from './contract-docs.ts';

/** The metadata each named contract schema carries into `z.toJSONSchema`. */
export interface ContractMeta {
  id: string;
  description?: string;
  examples?: unknown[];
  [key: string]: unknown;
}

type Def = { type: string; innerType?: z.ZodMiniType; element?: z.ZodMiniType; shape?: Record<string, z.ZodMiniType>; options?: z.ZodMiniType[]; in?: z.ZodMiniType; out?: z.ZodMiniType };
const defOf = (schema: z.ZodMiniType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under `optional`, `nullable`, `default` and the like. */
function unwrap(schema: z.ZodMiniType): z.ZodMiniType {
  let current = schema;
  for (let def = defOf(current); def.innerType; def = defOf(current)) current = def.innerType;
  return current;
}

/** The object schema a dotted property path leads to inside `schema`, through optionals and arrays. */
function objectAt(schema: z.ZodMiniType, path: string[]): z.ZodMiniType | undefined {
  let current: z.ZodMiniType | undefined = schema;
  for (const key of path) {
    current = objectOf(current);
    current = current && defOf(current).shape?.[key];
    if (!current) return undefined;
  }
  return objectOf(current);
}

function objectOf(schema: z.ZodMiniType | undefined): z.ZodMiniType | undefined {
  let current = schema && unwrap(schema);
  if (current && defOf(current).type === 'array') current = unwrap(defOf(current).element!);
  return current && defOf(current).type === 'object' ? current : undefined;
}

/**
 * A `z.toJSONSchema` override that describes every property: with the doc comment it has in the
 * source, or else with the description of the named schema it is (`amount: MoneySchema` reads as
 * Money). Property schemas are shared (`IdSchema` is every id), so the description goes on the
 * parent's copy of the property rather than on the shared schema.
 */
export function describeProperties(
  docs: Map<string, SchemaDocs>,
  named: ReadonlyMap<z.ZodMiniType, ContractMeta>,
): (ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }) => void {
  const byObject = new Map<unknown, Map<string, string>>();
  for (const [schema, meta] of named) {
    for (const [path, description] of docs.get(meta.id)?.properties ?? []) {
      const parts = path.split('.');
      const object = objectAt(schema, parts.slice(0, -1));
      if (!object) throw new Error(`A doc comment on ${meta.id}.${path} matches no property`);
      const descriptions = byObject.get(object) ?? new Map<string, string>();
      descriptions.set(parts.at(-1)!, description);
      byObject.set(object, descriptions);
    }
  }
  return ({ zodSchema, jsonSchema }) => {
    const properties = jsonSchema.properties as Record<string, Record<string, unknown>> | undefined;
    const shape = defOf(zodSchema as z.ZodMiniType).shape;
    if (!properties || !shape) return;
    for (const [key, property] of Object.entries(properties)) {
      const child = shape[key];
      const description = byObject.get(zodSchema)?.get(key) ?? (child && (named.get(child) ?? named.get(unwrap(child)))?.description);
      if (description && !property.description) properties[key] = { ...property, description };
    }
  };
}

/**
 * Walks an example value along its schema and records, for every named schema met on the way,
 * the first value it takes: so `Money` shows an amount from the invoice, not an invented one.
 */
export function harvestExamples(schema: z.ZodMiniType, value: unknown, named: ReadonlyMap<z.ZodMiniType, ContractMeta>, found: Map<z.ZodMiniType, unknown>): void {
  if (value === undefined) return;
  if (named.has(schema) && !found.has(schema)) found.set(schema, value);
  const def = defOf(schema);
  if (value === null && def.type !== 'null') {
    if (def.type === 'nullable' || def.type === 'optional') return;
  }
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      harvestExamples(def.innerType!, value, named, found);
      return;
    case 'object':
      if (value && typeof value === 'object') {
        for (const [key, child] of Object.entries(def.shape ?? {})) harvestExamples(child, (value as Record<string, unknown>)[key], named, found);
      }
      return;
    case 'array':
      if (Array.isArray(value)) for (const item of value) harvestExamples(def.element!, item, named, found);
      return;
    case 'union':
      for (const option of def.options ?? []) {
        if (z.safeParse(option, value).success) {
          harvestExamples(option, value, named, found);
          return;
        }
      }
      return;
    case 'pipe':
      harvestExamples(def.in!, value, named, found);
      return;
    default:
  }
}
