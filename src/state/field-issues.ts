import { z, type FieldError } from '../contract/index.ts';

/**
 * A refused field, from the form's own check or from the server's 422: the one shape every form
 * uses. The view words it from `key` (and `min`/`max`), never from zod's English message.
 */
export interface FieldIssue {
  /** Dotted path into the contract's request body, e.g. `billingAddress.postalCode`, `recipients.1.email`. */
  path: string;
  /**
   * Why: `required`, `tooLong`, `tooMany`, `range`, `format`, `email`, `tooEarly`, `tooLate`,
   * `choose`, `notFound`, `invalid`, or a rule of the form's own (`phoneForChannel`, …).
   */
  key: string;
  min?: number;
  max?: number;
  /** The backend's own words for a rule the widget does not know (shown as they are). */
  serverMessage?: string;
}

/** What the contract says about one field: its kind and its limits. */
export interface FieldRules {
  kind: 'string' | 'number' | 'array' | 'enum' | 'boolean' | 'object' | 'other';
  /** Shortest and longest text or list. */
  minLength?: number;
  maxLength?: number;
  /** Smallest and largest number. */
  minimum?: number;
  maximum?: number;
  /** A string format such as `date` or `email`. */
  format?: string;
}

// zod documents `_zod.def` as the way for libraries to read a schema; only the parts used here.
interface Def {
  type: string;
  format?: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  innerType?: Schema;
  in?: Schema;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; value?: number } } }[];
}
interface Schema {
  _zod: { def: Def };
}

/** The schema of the field at `path` (optional, nullable and pipes unwrapped). */
function schemaAt(schema: z.ZodMiniType, path: string): Schema | undefined {
  let current: Schema | undefined = unwrap(schema as unknown as Schema);
  for (const part of path.split('.').filter(Boolean)) {
    if (!current) return undefined;
    const def: Def = current._zod.def;
    if (def.type === 'object') current = def.shape?.[part];
    else if (def.type === 'array') current = def.element;
    else return undefined;
    current = current && unwrap(current);
  }
  return current;
}

function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = current._zod.def;
    const inner = def.type === 'pipe' ? def.in : def.innerType;
    if (!inner || !['optional', 'nullable', 'default', 'pipe', 'prefault', 'readonly'].includes(def.type)) return current;
    current = inner;
  }
}

/**
 * The contract's rules for one field, read from the schema itself, so a form never copies a
 * limit by hand: `rulesAt(PlanRequestSchema, 'note').maxLength` is the longest note the server
 * accepts.
 */
export function rulesAt(schema: z.ZodMiniType, path: string): FieldRules {
  const found = schemaAt(schema, path);
  if (!found) return { kind: 'other' };
  const def = found._zod.def;
  const kind: FieldRules['kind'] =
    def.type === 'string' || def.type === 'number' || def.type === 'array' || def.type === 'enum' || def.type === 'boolean' || def.type === 'object'
      ? def.type
      : def.type === 'int'
        ? 'number'
        : 'other';
  const rules: FieldRules = def.format ? { kind, format: def.format } : { kind };
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'min_length') rules.minLength = c.minimum;
    else if (c.check === 'max_length') rules.maxLength = c.maximum;
    else if (c.check === 'greater_than') rules.minimum = c.value;
    else if (c.check === 'less_than') rules.maximum = c.value;
  }
  return rules;
}

/**
 * The wording key of a zod issue code (the client's own check, or the server's 422, whose codes
 * are zod's too) for a field with these rules.
 */
export function issueFor(code: string, rules: FieldRules, format?: string): Omit<FieldIssue, 'path'> {
  switch (code) {
    case 'too_small':
      if (rules.kind === 'number') return { key: 'range', ...bounds(rules) };
      // A backend refuses a date before what it allows (the past, before tomorrow) this way.
      if (rules.format === 'date') return { key: 'tooEarly' };
      return { key: 'required' };
    case 'too_big':
      if (rules.kind === 'number') return { key: 'range', ...bounds(rules) };
      if (rules.format === 'date') return { key: 'tooLate' };
      if (rules.kind === 'array') return withMax('tooMany', rules.maxLength);
      return withMax('tooLong', rules.maxLength);
    case 'invalid_format':
      return { key: format === 'email' ? 'email' : 'format' };
    case 'invalid_type':
      return { key: 'required' };
    case 'invalid_value':
      return { key: 'choose' };
    default:
      return { key: 'invalid' };
  }
}

function bounds(rules: FieldRules): { min?: number; max?: number } {
  return {
    ...(rules.minimum === undefined ? {} : { min: rules.minimum }),
    ...(rules.maximum === undefined ? {} : { max: rules.maximum }),
  };
}

function withMax(key: string, max: number | undefined): Omit<FieldIssue, 'path'> {
  return max === undefined ? { key } : { key, max };
}

/** The issues of a request body against its contract schema; empty when it passes. */
export function issuesFromSchema(schema: z.ZodMiniType, body: unknown): FieldIssue[] {
  const result = z.safeParse(schema, body);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    // Whatever zod calls it (a missing choice is `invalid_value`), a field left out is required.
    if (issue.path.length > 0 && valueAt(body, issue.path) === undefined) return { path, key: 'required' };
    const format = 'format' in issue ? String(issue.format) : undefined;
    return { path, ...issueFor(issue.code, rulesAt(schema, path), format) };
  });
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

const ZOD_CODES = new Set(['too_small', 'too_big', 'invalid_format', 'invalid_type', 'invalid_value']);

/** Field codes of the contract beyond zod's, and their wording keys. */
const CONTRACT_CODES: Record<string, string> = { not_found: 'notFound', not_allowed: 'notAllowed', outside_hours: 'outsideHours' };

/**
 * The server's 422 `fields` in the same shape as the form's own check. A path the form does not
 * show lands on `fallbackPath`; a code the widget does not know keeps the backend's words.
 */
export function issuesFromServer(
  schema: z.ZodMiniType,
  fields: readonly FieldError[],
  shownPaths?: readonly string[],
  fallbackPath?: string,
): FieldIssue[] {
  return fields.map((field) => {
    const path = shownPaths && fallbackPath !== undefined ? nearestShown(field.path, shownPaths, fallbackPath) : field.path;
    if (!ZOD_CODES.has(field.code)) {
      // The contract's own codes beyond zod's have words in every language; a merchant backend's
      // own rule (a VAT id it checked) has only the backend's words.
      const known = CONTRACT_CODES[field.code];
      return known ? { path, key: known } : { path, key: 'invalid', serverMessage: field.message };
    }
    return { path, ...issueFor(field.code, rulesAt(schema, field.path)) };
  });
}

/** The shown field a server path belongs to: itself, its nearest shown ancestor, or the fallback. */
function nearestShown(path: string, shown: readonly string[], fallback: string): string {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.');
    if (shown.includes(candidate)) return candidate;
  }
  return fallback;
}

/**
 * Issues in the order the form shows its fields (unknown paths last), rows of a list by their
 * number, so a summary reads top to bottom.
 */
export function sortIssues(issues: readonly FieldIssue[], order: readonly string[]): FieldIssue[] {
  const rank = (path: string) => {
    const index = order.findIndex((p) => path === p || path.startsWith(`${p}.`));
    return index === -1 ? order.length : index;
  };
  const row = (path: string) => Number(/\.(\d+)(\.|$)/.exec(path)?.[1] ?? -1);
  return [...issues].sort((a, b) => rank(a.path) - rank(b.path) || row(a.path) - row(b.path));
}
