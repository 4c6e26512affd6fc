/**
 * `npm test`'s first step: make sure the end-to-end tests have a Chromium. It takes the one the
 * tests would find (e2e/chromium.ts); without one, it runs `npx playwright install chromium` when
 * Playwright's download host answers, and otherwise stops with what is missing and how to get it.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { findChromium, SYSTEM_CHROMIUM_PATHS, type FoundChromium } from '../e2e/chromium.ts';

/** Where Playwright downloads browsers from, unless `PLAYWRIGHT_DOWNLOAD_HOST` says otherwise. */
export const DEFAULT_DOWNLOAD_HOST = 'https://cdn.playwright.dev';

/** The ways {@link ensureChromium} looks, asks and installs; the defaults act on this machine. */
export interface EnsureChromiumSteps {
  find(): FoundChromium | undefined;
  /** Whether `host` answers at all (any HTTP status will do). */
  reachable(host: string): Promise<boolean>;
  /** Runs `npx playwright install chromium`; resolves whether it succeeded. */
  install(): boolean;
  downloadHost: string;
  /** Where Playwright's own Chromium would be, for the message. */
  playwrightPath: string;
  log(line: string): void;
}

/** Whether `host` answers HTTP within five seconds, whatever the status. */
export async function hostAnswers(host: string): Promise<boolean> {
  try {
    await fetch(host, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

function playwrightInstall(): boolean {
  const result = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}

/** The steps on this machine. */
export function defaultSteps(): EnsureChromiumSteps {
  return {
    find: () => findChromium(),
    reachable: hostAnswers,
    install: playwrightInstall,
    downloadHost: process.env.PLAYWRIGHT_DOWNLOAD_HOST || DEFAULT_DOWNLOAD_HOST,
    playwrightPath: chromium.executablePath(),
    log: (line) => console.log(line),
  };
}

/** What to say when there is no Chromium and none can be downloaded. */
export function missingChromiumMessage(steps: Pick<EnsureChromiumSteps, 'downloadHost' | 'playwrightPath'>): string {
  return [
    'The end-to-end tests need Chromium, and there is none here:',
    '  - CHROMIUM_PATH is not set,',
    `  - there is no ${SYSTEM_CHROMIUM_PATHS.join(' or ')},`,
    `  - Playwright has not installed its own (${steps.playwrightPath}),`,
    `and ${steps.downloadHost} cannot be reached to download one. Install one, then run npm test again:`,
    '  - Debian or Ubuntu: apt-get install chromium',
    '  - with internet access: npx playwright install chromium',
    '  - any Chromium or Chrome already installed: CHROMIUM_PATH=/path/to/chrome npm test',
  ].join('\n');
}

/** Resolves with the Chromium the tests will use, installing Playwright's when it can; throws a plain message when it cannot. */
export async function ensureChromium(steps: EnsureChromiumSteps = defaultSteps()): Promise<FoundChromium> {
  const found = steps.find();
  if (found) {
    steps.log(`chromium: ${found.executablePath} (${found.source})`);
    return found;
  }
  if (!(await steps.reachable(steps.downloadHost))) throw new Error(missingChromiumMessage(steps));
  steps.log(`chromium: none found; installing Playwright's from ${steps.downloadHost}`);
  const installed = steps.install() ? steps.find() : undefined;
  if (!installed) {
    throw new Error(`npx playwright install chromium did not leave a Chromium behind.\n${missingChromiumMessage(steps)}`);
  }
  steps.log(`chromium: ${installed.executablePath} (${installed.source})`);
  return installed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await ensureChromium();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
