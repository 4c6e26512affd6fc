import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCustomElementsManifest } from './custom-elements.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('custom-elements.json', () => {
  it('describes <billfold-portal> from the JSDoc tags on the element class', async () => {
    const manifest = (await buildCustomElementsManifest(root)) as any;
    const declarations = manifest.modules.flatMap((module: any) => module.declarations ?? []);
    const portal = declarations.find((declaration: any) => declaration.tagName === 'billfold-portal');
    expect(portal, 'no declaration with tagName billfold-portal').toBeDefined();
    expect(portal.customElement).toBe(true);
    expect(portal.attributes.map((attribute: any) => attribute.name)).toEqual(
      expect.arrayContaining(['api-base', 'locale', 'theme']),
    );
    const events = portal.events.map((event: any) => event.name);
    expect(events).toEqual(expect.arrayContaining(['billfold-ready', 'billfold-error', 'billfold-session-expired']));
    // Static analysis of dispatchEvent() yields nameless events; the generator drops them.
    expect(events.every((name: unknown) => typeof name === 'string' && name.length > 0)).toBe(true);
    expect(portal.cssParts.length).toBeGreaterThan(0);
    expect(portal.cssProperties.every((property: any) => property.name.startsWith('--billfold-'))).toBe(true);
  });

  it('exports exactly one definition of the tag, pointing at the class', async () => {
    const manifest = (await buildCustomElementsManifest(root)) as any;
    const definitions = manifest.modules.flatMap((module: any) =>
      (module.exports ?? []).filter((entry: any) => entry.kind === 'custom-element-definition'),
    );
    expect(definitions).toEqual([
      expect.objectContaining({ name: 'billfold-portal', declaration: expect.objectContaining({ name: 'BillfoldPortal' }) }),
    ]);
  });
});
