import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { findChromium, type FoundChromium } from '../e2e/chromium.ts';
import { ensureChromium, hostAnswers, type EnsureChromiumSteps } from './ensure-chromium.ts';

const OWN = '/home/ci/.cache/ms-playwright/chromium-1/chrome';

describe('findChromium', () => {
  const on = (...paths: string[]) => (path: string) => paths.includes(path);

  it('takes CHROMIUM_PATH first, then the system Chromium, then Playwright’s own', () => {
    const all = on('/opt/chrome', '/usr/bin/chromium', OWN);
    expect(findChromium({ env: { CHROMIUM_PATH: '/opt/chrome' }, exists: all, playwrightPath: OWN })).toEqual({
      executablePath: '/opt/chrome',
      source: 'CHROMIUM_PATH',
    });
    expect(findChromium({ env: {}, exists: all, playwrightPath: OWN })).toEqual({ executablePath: '/usr/bin/chromium', source: 'system' });
    expect(findChromium({ env: {}, exists: on('/usr/bin/chromium-browser', OWN), playwrightPath: OWN })?.source).toBe('system');
    expect(findChromium({ env: {}, exists: on(OWN), playwrightPath: OWN })).toEqual({ executablePath: OWN, source: 'playwright' });
    expect(findChromium({ env: {}, exists: on(), playwrightPath: OWN })).toBeUndefined();
  });

  it('refuses a CHROMIUM_PATH that names nothing instead of taking another browser', () => {
    expect(() => findChromium({ env: { CHROMIUM_PATH: '/nowhere/chrome' }, exists: () => false, playwrightPath: OWN })).toThrow(
      'CHROMIUM_PATH is /nowhere/chrome, but there is no file there.',
    );
  });
});

describe('ensureChromium', () => {
  function steps(overrides: Partial<EnsureChromiumSteps>): EnsureChromiumSteps & { lines: string[]; installs: number } {
    const lines: string[] = [];
    const result = {
      lines,
      installs: 0,
      find: () => undefined,
      reachable: async () => false,
      install: () => {
        result.installs++;
        return true;
      },
      downloadHost: 'https://cdn.example',
      playwrightPath: OWN,
      log: (line: string) => lines.push(line),
      ...overrides,
    };
    return result;
  }
  const own: FoundChromium = { executablePath: OWN, source: 'playwright' };

  it('uses a Chromium that is there without asking the network', async () => {
    const s = steps({ find: () => ({ executablePath: '/usr/bin/chromium', source: 'system' }), reachable: async () => expect.fail('no network') });
    await expect(ensureChromium(s)).resolves.toMatchObject({ source: 'system' });
    expect(s.lines).toEqual(['chromium: /usr/bin/chromium (system)']);
  });

  it('installs Playwright’s Chromium when none is there and the download host answers', async () => {
    let installed = false;
    const s = steps({ find: () => (installed ? own : undefined), reachable: async () => true, install: () => (installed = true) });
    await expect(ensureChromium(s)).resolves.toEqual(own);
  });

  it('says plainly what is missing and how to install it when nothing can be downloaded', async () => {
    const s = steps({});
    const failure = ensureChromium(s);
    await expect(failure).rejects.toThrow(/there is none here/);
    await expect(failure).rejects.toThrow(/https:\/\/cdn\.example cannot be reached/);
    await expect(failure).rejects.toThrow(/apt-get install chromium/);
    await expect(failure).rejects.toThrow(/npx playwright install chromium/);
    await expect(failure).rejects.toThrow(/CHROMIUM_PATH=/);
    expect(s.installs).toBe(0);
  });

  it('fails when the install leaves no Chromium behind', async () => {
    const s = steps({ reachable: async () => true, install: () => false });
    await expect(ensureChromium(s)).rejects.toThrow(/did not leave a Chromium behind/);
  });
});

describe('hostAnswers', () => {
  it('is true for any HTTP answer and false when nothing listens', async () => {
    const server = createServer((_, response) => response.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await hostAnswers(`http://127.0.0.1:${port}`)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await hostAnswers(`http://127.0.0.1:${port}`)).toBe(false);
  });
});
