/**
 * Vitest global setup: one throw-away PostgreSQL server for the whole run (each test file makes
 * its own database on it). BILLFOLD_TEST_POSTGRES_URL names a server to use instead.
 */
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgres://…/postgres` of the run's PostgreSQL server. */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.BILLFOLD_TEST_POSTGRES_URL;
  if (given) {
    project.provide('postgresAdminUrl', given);
    return async () => undefined;
  }
  const server = await startTestPostgres();
  project.provide('postgresAdminUrl', server.adminUrl);
  return () => server.stop();
}
