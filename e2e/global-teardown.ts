import { rm } from 'node:fs/promises';

/** Removes the run's temporary demo databases (see playwright.config.ts). */
export default async function globalTeardown(): Promise<void> {
  for (const dir of [process.env.BILLFOLD_E2E_DATA_DIR, process.env.BILLFOLD_E2E_FAULTS_DATA_DIR]) {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
