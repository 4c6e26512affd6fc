/**
 * Reads the doc comments of `src/contract/` with the TypeScript compiler, so the OpenAPI document
 * carries the same words as the source without the widget shipping them: `.meta()` on the schemas
 * themselves would put every description into the browser bundle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The doc comments of one exported schema: its own, and its properties' by dotted path. */
export interface SchemaDocs {
  description?: string;
  /** `plan.nextDueDate` for a property of an object nested in property `plan`. */
  properties: Map<string, string>;
}

/** Wrappers that leave a property's schema what it is (`maybe(IdSchema)` is still an id). */
const WRAPPERS = new Set(['maybe', 'optional', 'nullable', 'array']);

function jsDocOf(node: ts.Node): string | undefined {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  const last = docs?.at(-1);
  if (!last) return undefined;
  const text = typeof last.comment === 'string' ? last.comment : ts.getTextOfJSDocComment(last.comment);
  return text?.replace(/\s*\n\s*/g, ' ').trim() || undefined;
}

function calleeName(call: ts.CallExpression): string {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}

/** One module's top-level constants, with what their comments say. */
interface ModuleScope {
  consts: Map<string, { doc?: string; init?: ts.Expression }>;
}

function readScope(file: string): ModuleScope {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const consts = new Map<string, { doc?: string; init?: ts.Expression }>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name)) continue;
      consts.set(declaration.name.text, { doc: jsDocOf(statement), init: declaration.initializer });
    }
  }
  return { consts };
}

/**
 * Collects the documentation of the contract's exported `FooSchema` constants, keyed `Foo`. A
 * property without a comment of its own takes the comment of the constant it is built from
 * (`email`, `IdSchema`), so a shared field is described once, where it is defined.
 */
export function readContractDocs(contractDir: string): Map<string, SchemaDocs> {
  const files = readdirSync(contractDir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
  const scopes = files.map((name) => readScope(join(contractDir, name)));
  const global = new Map<string, { doc?: string; init?: ts.Expression }>();
  for (const scope of scopes) for (const [name, entry] of scope.consts) if (name.endsWith('Schema')) global.set(name, entry);

  const result = new Map<string, SchemaDocs>();
  for (const scope of scopes) {
    const lookup = (name: string) => scope.consts.get(name) ?? global.get(name);
    /** The comment of the constant a value is built from, through `maybe(...)`, `z.array(...)` and the like. */
    const inheritedDoc = (expression: ts.Expression): string | undefined => {
      if (ts.isIdentifier(expression)) return lookup(expression.text)?.doc;
      if (ts.isCallExpression(expression) && WRAPPERS.has(calleeName(expression)) && expression.arguments[0]) {
        return inheritedDoc(expression.arguments[0]);
      }
      // `z.array(InvoiceLineSchema).check(z.maxLength(500))` is still a list of lines.
      if (ts.isCallExpression(expression) && calleeName(expression) === 'check' && ts.isPropertyAccessExpression(expression.expression)) {
        return inheritedDoc(expression.expression.expression);
      }
      return undefined;
    };
    const collect = (expression: ts.Expression | undefined, prefix: string, into: Map<string, string>, depth = 0) => {
      if (!expression || depth > 8) return;
      // A shape kept in a constant of its own (`invoiceSummaryShape`), not a schema.
      if (ts.isIdentifier(expression)) {
        const init = lookup(expression.text)?.init;
        if (init && ts.isObjectLiteralExpression(init)) collect(init, prefix, into, depth + 1);
        return;
      }
      if (ts.isObjectLiteralExpression(expression)) {
        for (const property of expression.properties) {
          if (ts.isSpreadAssignment(property) && ts.isIdentifier(property.expression)) {
            collect(lookup(property.expression.text)?.init, prefix, into, depth + 1);
          } else if (ts.isShorthandPropertyAssignment(property)) {
            // `{ name, email }`: the constant's comment describes the field.
            const doc = jsDocOf(property) ?? lookup(property.name.text)?.doc;
            if (doc) into.set(prefix + property.name.text, doc);
          } else if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
            const path = prefix + property.name.text;
            const doc = jsDocOf(property) ?? inheritedDoc(property.initializer);
            if (doc) into.set(path, doc);
            collect(property.initializer, `${path}.`, into, depth + 1);
          }
        }
        return;
      }
      if (ts.isCallExpression(expression)) {
        const name = calleeName(expression);
        // Objects nested in a property are walked; schemas referred to by name are documented on their own.
        if (name === 'object' || WRAPPERS.has(name)) for (const argument of expression.arguments) collect(argument, prefix, into, depth + 1);
        else if (name === 'check' && ts.isPropertyAccessExpression(expression.expression)) collect(expression.expression.expression, prefix, into, depth + 1);
      }
    };
    for (const [name, entry] of scope.consts) {
      if (!name.endsWith('Schema') || !global.has(name)) continue;
      const properties = new Map<string, string>();
      collect(entry.init, '', properties);
      result.set(name.slice(0, -'Schema'.length), { description: entry.doc, properties });
    }
  }
  return result;
}

/**
 * The one-line summary of each operation: the doc comment of its entry in the `endpoints` table
 * (`src/contract/endpoints.ts`), which editors also show on the `BillfoldClient` method.
 */
export function readEndpointSummaries(contractDir: string): Map<string, string> {
  let table = readScope(join(contractDir, 'endpoints.ts')).consts.get('endpoints')?.init;
  while (table && (ts.isSatisfiesExpression(table) || ts.isAsExpression(table) || ts.isParenthesizedExpression(table))) {
    table = table.expression;
  }
  if (!table || !ts.isObjectLiteralExpression(table)) throw new Error('endpoints.ts: the `endpoints` table is not an object literal');
  const summaries = new Map<string, string>();
  for (const property of table.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue;
    const summary = jsDocOf(property);
    if (!summary) throw new Error(`endpoints.ts: ${property.name.text} has no doc comment (its summary)`);
    summaries.set(property.name.text, summary);
  }
  return summaries;
}
