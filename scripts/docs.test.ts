/**
 * The element's JSDoc (which becomes `custom-elements.json`) and the README's tables are written
 * by hand; these tests fail when they drift from the code they describe.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_FEATURES } from '../src/contract/index.ts';
import { BillfoldEvents } from '../src/element/events.ts';
import { TRUSTED_TYPES_POLICY_NAME } from '../src/security/sanitize.ts';
import { MAX_SESSION_TTL_SECONDS, SESSION_AUDIENCE } from '../src/server/session.ts';
import { SCREENS, VIEWS } from '../src/state/screens.ts';

const root = join(import.meta.dirname, '..');
const element = readFileSync(join(root, 'src/element/portal-element.ts'), 'utf8');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

/** The README table row that starts with `name` (in backticks). */
function readmeRow(name: string): string {
  const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\``));
  if (!row) throw new Error(`README has no table row for ${name}`);
  return row;
}

const links = VIEWS.flatMap((view) => [...SCREENS[view].links]);

describe('the element documentation', () => {
  it('documents every ::part the views render', () => {
    const parts = new Set(sources('src').flatMap((text) => [...text.matchAll(/\bpart="([a-z-]+)"/g)].map((m) => m[1]!)));
    const documented = new Set([...element.matchAll(/@csspart ([a-z-]+)/g)].map((m) => m[1]!));
    expect([...parts].filter((part) => !documented.has(part))).toEqual([]);
    expect([...documented].filter((part) => !parts.has(part))).toEqual([]);
  });

  it('documents every event it dispatches', () => {
    const documented = new Set([...element.matchAll(/@event \{\w+\} (billfold-[a-z-]+)/g)].map((m) => m[1]!));
    expect(new Set(Object.values(BillfoldEvents))).toEqual(documented);
  });

  it('lists every value of the view attribute', () => {
    const line = element.split('\n').find((l) => l.includes('@attr {string} view'))!;
    for (const link of links) expect(line).toContain(`\`${link}\``);
  });
});

describe('the README', () => {
  it('lists every value of the view attribute and every feature', () => {
    for (const link of links) expect(readmeRow('view')).toContain(`\`${link}\``);
    for (const feature of ALL_FEATURES) expect(readmeRow('features')).toContain(feature);
  });

  it('has a row for every event', () => {
    for (const name of Object.values(BillfoldEvents)) expect(readmeRow(name)).toBeTruthy();
  });
});

describe('the README recipes and guides', () => {
  /** Lines without their indentation and without blank lines, so an excerpt may be dedented. */
  const normalize = (text: string) =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join('\n');

  it('quotes the example apps verbatim in every framework recipe', () => {
    const excerpts = [...readme.matchAll(/<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)```/g)];
    expect(excerpts.length).toBeGreaterThanOrEqual(8);
    for (const [, path, code] of excerpts) {
      expect(normalize(readFileSync(join(root, path!), 'utf8')), path).toContain(normalize(code!));
    }
  });

  it('has a row in the adapter guide for every BillingAdapter method', () => {
    const adapter = readFileSync(join(root, 'src/server/adapter.ts'), 'utf8');
    const body = adapter.slice(adapter.indexOf('export interface BillingAdapter {'), adapter.indexOf('\n}\n', adapter.indexOf('export interface BillingAdapter {')));
    const methods = [...body.matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]!);
    expect(methods.length).toBeGreaterThanOrEqual(24);
    for (const method of methods) expect(readmeRow(method)).toContain('`');
  });

  it('names the Trusted Types policy the code creates', () => {
    const created = sources('src').flatMap((text) => [...text.matchAll(/\.createPolicy\(([^,]+),/g)].map((m) => m[1]!.trim()));
    expect(created).toEqual(['TRUSTED_TYPES_POLICY_NAME']);
    expect(readme).toContain(`trusted-types ${TRUSTED_TYPES_POLICY_NAME}`);
    expect(readme).toContain(`createPolicy('${TRUSTED_TYPES_POLICY_NAME}'`);
  });

  it('states the token rules the server kit checks', () => {
    expect(readmeRow('aud')).toContain(`\`${SESSION_AUDIENCE}\``);
    expect(readmeRow('exp')).toContain(`at most ${MAX_SESSION_TTL_SECONDS.toLocaleString('en')} s`);
    expect(readmeRow('iat')).toContain(`${MAX_SESSION_TTL_SECONDS.toLocaleString('en')} s`);
  });

  it('lists the headers the cors option allows and exposes', () => {
    const handler = readFileSync(join(root, 'src/server/handler.ts'), 'utf8');
    for (const name of ['ALLOWED_REQUEST_HEADERS', 'EXPOSED_HEADERS']) {
      const value = new RegExp(`const ${name} = '([^']+)'`).exec(handler)?.[1];
      expect(value, name).toBeTruthy();
      expect(normalize(readme).replace(/\n/g, ' ')).toContain(value!);
    }
  });
});
