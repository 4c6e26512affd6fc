import { toIsoDate } from '../dates.ts';
import type { Sql, SqlQueryable } from '../sql.ts';

/** What every resource of the reference adapter works with. */
export interface ReferenceEnv {
  /** The database, for reads and for settling payments. */
  readonly sql: Sql;
  /** How long a payment stays `pending` before the sandbox processor settles it. */
  readonly settleDelayMs: number;
  /** The clock (tests move it). */
  now(): Date;
  /** Today's calendar date in UTC, the calendar every billing date is on. */
  today(): string;
  /**
   * Run one change of one customer's data in one transaction, given to `change` as `tx`. Every
   * mutation comes through here and does all its reads and writes on `tx`, so whatever must hold
   * for every change of a customer (such as running one at a time) has one place to go.
   */
  change<T>(customerId: string, change: (tx: SqlQueryable) => Promise<T>): Promise<T>;
}

/** The environment of the reference adapter's resources over `sql`. */
export function createReferenceEnv(options: { sql: Sql; settleDelayMs: number; now: () => Date }): ReferenceEnv {
  const { sql, settleDelayMs, now } = options;
  return {
    sql,
    settleDelayMs,
    now,
    today: () => toIsoDate(now()),
    change: (_customerId, change) => sql.transaction(change),
  };
}

/** A short random id with a type prefix (`pay_…`), like most billing systems use. */
export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
}
