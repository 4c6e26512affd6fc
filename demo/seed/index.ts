/**
 * The demo's customers: five personas that cover the situations Billfold is for. The demo server
 * seeds one shared copy of each at its first start ({@link seedDemoData}); a test, or anyone who
 * wants a clean slate, gets a copy of its own ({@link seedPersona}).
 */
import { toIsoDate } from '../../src/server/reference/dates.ts';
import type { Sql, SqlQueryable } from '../../src/server/index.ts';
import type { SeedCustomer } from './builders.ts';
import { daniela } from './daniela.ts';
import { freshId, isFreshKey } from './fresh-ids.ts';
import { insertCustomer } from './insert.ts';
import { jamie } from './jamie.ts';
import { juergen } from './juergen.ts';
import { margaret } from './margaret.ts';
import { northwind } from './northwind.ts';

export { freshId, isFreshKey, FRESH_KEY_PATTERN } from './fresh-ids.ts';

/** A persona's id, as `POST /demo/session` and the demo page name it. */
export type DemoPersonaId = 'loyal' | 'new' | 'hardship' | 'business' | 'german';

/** A demo customer the demo page can switch to. */
export interface DemoPersona {
  /** Stable id used by `POST /demo/session` and the demo page. */
  id: DemoPersonaId;
  name: string;
  customerId: string;
}

/** The seeded personas; `loyal` is the default. */
export const DEMO_PERSONAS: readonly DemoPersona[] = [
  { id: 'loyal', name: 'Margaret Thompson', customerId: 'cus_margaret' },
  { id: 'new', name: 'Jamie Park', customerId: 'cus_jamie' },
  { id: 'hardship', name: 'Daniela Rossi', customerId: 'cus_daniela' },
  { id: 'business', name: 'Northwind Analytics GmbH', customerId: 'cus_northwind' },
  { id: 'german', name: 'Jürgen Becker', customerId: 'cus_juergen' },
];

/** Each persona's records as of `today` (`now` is the same instant). */
const BUILDERS: Record<DemoPersonaId, (today: string, now: Date) => SeedCustomer> = {
  loyal: margaret,
  new: jamie,
  hardship: daniela,
  business: northwind,
  german: juergen,
};

/** Serializes seeding, so two servers (or two requests) never seed the same records at once. */
async function lockSeeding(tx: SqlQueryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(8110411)');
}

/**
 * Fill an empty database with the demo personas (see {@link DEMO_PERSONAS}); dates are relative
 * to `now`, so what is overdue stays overdue whenever the demo runs. Does nothing when any
 * customer exists, so the demo's own changes survive restarts. Resolves whether it seeded.
 */
export async function seedDemoData(sql: Sql, options: { now?: Date } = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  const today = toIsoDate(now);
  const seeded = await sql.transaction(async (tx) => {
    await lockSeeding(tx);
    const [existing] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
    if ((existing?.n ?? 0) > 0) return false;
    for (const persona of DEMO_PERSONAS) {
      await insertCustomer(tx, BUILDERS[persona.id](today, now), now);
    }
    return true;
  });
  // Statistics after a bulk load, as after any: PGlite runs no autovacuum, and without them the
  // planner guesses a few dozen lines per invoice and sorts the 5,000-line one for every page.
  if (seeded) await sql.exec('ANALYZE');
  return seeded;
}

/** Options of {@link seedPersona}. */
export interface SeedPersonaOptions {
  /** Names the copy; every id of it ends in `-<key>` (see {@link freshId}). */
  key: string;
  /** The instant the copy's dates are relative to; now by default. */
  now?: Date;
}

/** What {@link seedPersona} made, or found already made. */
export interface SeededPersona {
  /** The copy's customer id, for a session token. */
  customerId: string;
  /** False when the copy for this key already existed (it is left as it is). */
  seeded: boolean;
}

/**
 * Give `personaId` a copy of its own for `key`: a new customer with the persona's records,
 * every id distinct from every other copy's. Seeding the same key again changes nothing, so a
 * page reloaded inside one test sees the same customer with whatever the test changed.
 */
export async function seedPersona(sql: Sql, personaId: string, options: SeedPersonaOptions): Promise<SeededPersona> {
  const persona = DEMO_PERSONAS.find((p) => p.id === personaId);
  if (!persona) throw new RangeError(`There is no persona "${personaId}".`);
  if (!isFreshKey(options.key)) throw new RangeError(`"${options.key}" cannot name a copy of a persona.`);
  const key = options.key;
  const customerId = freshId(persona.customerId, key);
  const now = options.now ?? new Date();
  return sql.transaction(async (tx) => {
    await lockSeeding(tx);
    const found = await tx.query('SELECT 1 FROM customers WHERE id = $1', [customerId]);
    if (found.length > 0) return { customerId, seeded: false };
    await insertCustomer(tx, BUILDERS[persona.id](toIsoDate(now), now), now, (seededId) => freshId(seededId, key));
    return { customerId, seeded: true };
  });
}
