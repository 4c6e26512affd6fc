/**
 * How Billfold's tests and benchmark launch Chromium: the Debian build when it is installed
 * (containers, CI), otherwise Playwright's own (`npx playwright install chromium`).
 */
import { existsSync } from 'node:fs';

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

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Playwright `launchOptions` for the local Chromium. */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  return { ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}), args: CHROMIUM_ARGS };
}
