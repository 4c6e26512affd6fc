/**
 * Which Chromium Billfold's tests and benchmark launch, found the same way everywhere: the one
 * `CHROMIUM_PATH` names, else the system's (`/usr/bin/chromium`, as Debian installs it in
 * containers and CI), else Playwright's own (`npx playwright install chromium`).
 * `scripts/ensure-chromium.ts` (run before `npm test`) installs one when none is found.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Launch flags that keep Chromium quiet and offline in containers and CI. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Where distributions install Chromium, in the order they are tried. */
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** A Chromium to launch, and why this one. */
export interface FoundChromium {
  executablePath: string;
  source: 'CHROMIUM_PATH' | 'system' | 'playwright';
}

/** What {@link findChromium} looks at; the defaults are this machine's. */
export interface ChromiumSearch {
  env?: Record<string, string | undefined>;
  exists?: (path: string) => boolean;
  /** Where Playwright keeps the Chromium `npx playwright install chromium` downloads. */
  playwrightPath?: string;
}

/**
 * The Chromium to use, or `undefined` when there is none. A `CHROMIUM_PATH` that names nothing is
 * an error, not a reason to quietly take another browser.
 */
export function findChromium(search: ChromiumSearch = {}): FoundChromium | undefined {
  const env = search.env ?? process.env;
  const exists = search.exists ?? existsSync;
  const named = env.CHROMIUM_PATH;
  if (named) {
    if (!exists(named)) throw new Error(`CHROMIUM_PATH is ${named}, but there is no file there.`);
    return { executablePath: named, source: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM_CHROMIUM_PATHS.find((path) => exists(path));
  if (system) return { executablePath: system, source: 'system' };
  const own = search.playwrightPath ?? chromium.executablePath();
  return exists(own) ? { executablePath: own, source: 'playwright' } : undefined;
}

/**
 * Playwright `launchOptions` for the Chromium {@link findChromium} finds. Without one, Playwright
 * reports the missing browser itself when a test starts.
 */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const found = findChromium();
  return { ...(found ? { executablePath: found.executablePath } : {}), args: CHROMIUM_ARGS };
}
