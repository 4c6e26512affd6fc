import { MIGRATION_4 } from './migration-4.ts';
import { MIGRATION_7 } from './migration-7.ts';
import { MIGRATION_8 } from './migration-8.ts';
import type { Sql } from './sql.ts';

/** One step of the schema. Never edit a released step: add the next one. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The reference adapter's schema, in order. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: /* sql */ `
      CREATE TABLE customers (
        id text PRIMARY KEY,
        name text NOT NULL,
        greeting_name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('individual', 'business')),
        customer_since date NOT NULL,
        segment text NOT NULL CHECK (segment IN ('new', 'regular', 'loyal')),
        locale text NOT NULL,
        currency text NOT NULL,
        merchant_name text NOT NULL,
        merchant_note_html text,
        human_contact jsonb,
        features jsonb NOT NULL,
        plan_policy jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE contact_details (
        customer_id text PRIMARY KEY REFERENCES customers (id),
        name text NOT NULL,
        email text NOT NULL,
        phone text,
        billing_address jsonb NOT NULL,
        tax_id text,
        preferred_channel text NOT NULL,
        reminder_days_before integer NOT NULL,
        language text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE invoice_recipients (
        id text PRIMARY KEY,
        customer_id text NOT NULL REFERENCES customers (id),
        position integer NOT NULL,
        name text NOT NULL,
        email text NOT NULL
      );
      CREATE INDEX invoice_recipients_customer ON invoice_recipients (customer_id, position);

      CREATE TABLE invoices (
        id text PRIMARY KEY,
        customer_id text NOT NULL REFERENCES customers (id),
        number text NOT NULL,
        issue_date date NOT NULL,
        due_date date NOT NULL,
        period_start date,
        period_end date,
        currency text NOT NULL,
        void boolean NOT NULL DEFAULT false,
        paid_at timestamptz,
        pdf_url text
      );
      CREATE INDEX invoices_customer ON invoices (customer_id, issue_date DESC);

      CREATE TABLE invoice_lines (
        id text PRIMARY KEY,
        invoice_id text NOT NULL REFERENCES invoices (id),
        position integer NOT NULL,
        kind text NOT NULL,
        description text NOT NULL,
        period_start date,
        period_end date,
        quantity double precision,
        unit text,
        unit_amount integer,
        amount integer NOT NULL,
        explanation text NOT NULL,
        tax_name text,
        tax_percent double precision,
        taxable_amount integer
      );
      CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id, position);

      CREATE TABLE corrections (
        id text PRIMARY KEY,
        invoice_id text NOT NULL REFERENCES invoices (id),
        number text NOT NULL,
        issue_date date NOT NULL,
        amount integer NOT NULL,
        note text NOT NULL
      );

      CREATE TABLE payment_methods (
        id text PRIMARY KEY,
        customer_id text NOT NULL REFERENCES customers (id),
        type text NOT NULL CHECK (type IN ('card', 'bank_account', 'wallet')),
        brand text,
        last4 text,
        exp_month integer,
        exp_year integer,
        bank_name text,
        provider text,
        label text,
        is_default boolean NOT NULL DEFAULT false,
        -- What the sandbox processor does when this method is charged.
        outcome text NOT NULL DEFAULT 'succeed',
        token text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz
      );
      CREATE INDEX payment_methods_customer ON payment_methods (customer_id);

      CREATE TABLE payments (
        id text PRIMARY KEY,
        customer_id text NOT NULL REFERENCES customers (id),
        invoice_id text NOT NULL REFERENCES invoices (id),
        amount integer NOT NULL,
        currency text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        created_at timestamptz NOT NULL,
        settle_after timestamptz,
        settled_at timestamptz,
        payment_method_id text,
        payment_method_label text,
        failure_reason text,
        failure_message text,
        next_retry_at timestamptz,
        suggested_action text
      );
      CREATE INDEX payments_invoice ON payments (invoice_id, created_at);
      CREATE INDEX payments_pending ON payments (settle_after) WHERE status = 'pending';

      CREATE TABLE billing_cycles (
        customer_id text PRIMARY KEY REFERENCES customers (id),
        interval text NOT NULL CHECK (interval IN ('month', 'quarter', 'year')),
        billing_day integer NOT NULL,
        allowed_days jsonb NOT NULL,
        price_month integer NOT NULL,
        price_quarter integer NOT NULL,
        price_year integer NOT NULL,
        next_invoice_date date NOT NULL,
        version integer NOT NULL DEFAULT 1
      );

      CREATE TABLE payment_plans (
        id text PRIMARY KEY,
        customer_id text NOT NULL REFERENCES customers (id),
        kind text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        invoice_ids jsonb NOT NULL,
        total integer NOT NULL,
        currency text NOT NULL,
        schedule jsonb NOT NULL,
        reason text,
        note text,
        decision_note text,
        decided_at timestamptz
      );

      CREATE TABLE questions (
        id text PRIMARY KEY,
        customer_id text NOT NULL REFERENCES customers (id),
        invoice_id text NOT NULL REFERENCES invoices (id),
        line_id text,
        subject text NOT NULL,
        topic text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL
      );

      CREATE TABLE question_messages (
        id text PRIMARY KEY,
        -- Insertion order, to keep messages written in the same instant in order.
        seq bigserial NOT NULL,
        question_id text NOT NULL REFERENCES questions (id),
        author text NOT NULL CHECK (author IN ('customer', 'merchant')),
        author_name text,
        body text NOT NULL,
        sent_at timestamptz NOT NULL
      );

      CREATE TABLE history (
        id text PRIMARY KEY,
        seq bigserial NOT NULL,
        customer_id text NOT NULL REFERENCES customers (id),
        occurred_at timestamptz NOT NULL,
        channel text NOT NULL,
        direction text NOT NULL,
        kind text NOT NULL,
        subject text NOT NULL,
        sent_to text,
        invoice_id text
      );
      CREATE INDEX history_customer ON history (customer_id, occurred_at DESC, seq DESC);

      CREATE TABLE feedback (
        id text PRIMARY KEY,
        customer_id text NOT NULL REFERENCES customers (id),
        rating integer NOT NULL,
        comment text,
        journey text NOT NULL,
        created_at timestamptz NOT NULL
      );

      CREATE TABLE callbacks (
        id text PRIMARY KEY,
        customer_id text NOT NULL REFERENCES customers (id),
        phone text NOT NULL,
        date date NOT NULL,
        time_window text NOT NULL,
        topic text,
        status text NOT NULL,
        created_at timestamptz NOT NULL
      );

      CREATE TABLE idempotency_records (
        customer_id text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        state text NOT NULL CHECK (state IN ('running', 'completed')),
        status integer,
        headers jsonb,
        body text,
        created_at timestamptz NOT NULL,
        locked_at timestamptz NOT NULL,
        PRIMARY KEY (customer_id, key)
      );
      CREATE INDEX idempotency_records_created ON idempotency_records (created_at);
    `,
  },
  {
    version: 2,
    name: 'idempotency lock tokens',
    // A claim names its owner, so a request whose stale claim was taken over cannot overwrite or
    // delete the record of the request that took it over.
    sql: /* sql */ `
      ALTER TABLE idempotency_records ADD COLUMN lock_token text;
    `,
  },
  {
    version: 3,
    name: 'contact screen feature',
    // The contact screen used to be always on; now it has its own switch. Customers stored before
    // that keep the screen wherever they have someone to contact.
    sql: /* sql */ `
      UPDATE customers SET features = features || '["contact"]'::jsonb
        WHERE human_contact IS NOT NULL AND jsonb_typeof(human_contact) <> 'null'
          AND NOT features @> '["contact"]'::jsonb;
    `,
  },
  {
    version: 4,
    name: 'rules as constraints, compact idempotency answers, rate limits',
    sql: MIGRATION_4,
  },
  {
    version: 5,
    name: 'exact unit prices, line groups, contact hours',
    // Unit prices become exact decimals of the minor unit (24.5p), so quantity × price gives the
    // amount. A whole-unit price carries over only where it gives the stored amount: elsewhere
    // the amount came from a finer price that was never stored, and a line without a unit price
    // is better than one whose multiplication is wrong. `unit_amount` stays for instances still
    // running the previous version during an upgrade; nothing reads it any more.
    sql: /* sql */ `
      ALTER TABLE invoice_lines
        ADD COLUMN unit_amount_decimal numeric
          CHECK (scale(unit_amount_decimal) <= 12 AND abs(unit_amount_decimal) < 1e15),
        ADD COLUMN line_group text CHECK (length(line_group) BETWEEN 1 AND 200);
      UPDATE invoice_lines SET unit_amount_decimal = unit_amount
        WHERE unit_amount IS NOT NULL AND quantity IS NOT NULL
          AND abs(quantity::numeric * unit_amount - amount) < 0.5;
      ALTER TABLE invoice_lines
        ADD CONSTRAINT invoice_lines_price_needs_quantity CHECK (unit_amount_decimal IS NULL OR quantity IS NOT NULL);

      -- When the account's human contact works: weekly windows in their IANA time zone.
      ALTER TABLE customers ADD COLUMN contact_time_zone text CHECK (length(contact_time_zone) BETWEEN 1 AND 64);
      CREATE TABLE contact_hours (
        customer_id text NOT NULL REFERENCES customers (id),
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        starts time NOT NULL,
        ends time NOT NULL,
        -- Within one day, as the contract's HH:MM times are.
        CHECK (starts < ends AND ends < '24:00'),
        PRIMARY KEY (customer_id, weekday, starts)
      );
    `,
  },
  {
    version: 6,
    name: 'webhook outbox',
    // Events for the merchant's systems, written in the transaction of the change they tell of
    // and delivered from here (src/server/webhooks/). `payload` is text, not jsonb, so every
    // attempt sends and signs the same bytes; `seq` keeps the order events were recorded in.
    // No foreign key to `customers`: adapters over another system's customers use it too.
    sql: /* sql */ `
      CREATE TABLE webhook_outbox (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        customer_id text NOT NULL,
        type text NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
        payload text NOT NULL,
        created_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lock_token text,
        locked_until timestamptz,
        delivered_at timestamptz,
        failed_at timestamptz,
        last_status integer,
        last_error text
      );
      CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at, seq) WHERE delivered_at IS NULL AND failed_at IS NULL;
      CREATE INDEX webhook_outbox_created ON webhook_outbox (created_at);
    `,
  },
  {
    version: 7,
    name: 'texts in several languages',
    sql: MIGRATION_7,
  },
  {
    version: 8,
    name: 'invoice lines in page order',
    sql: MIGRATION_8,
  },
];

/** The advisory lock every migrating instance takes first; the digits spell "billfold", roughly. */
const MIGRATION_LOCK = 8110410;

/**
 * Bring the schema up to date: each pending step in its own transaction, recorded in
 * `schema_migrations`. Safe to run at every start and from any number of instances at once: each
 * transaction takes a transaction-scoped advisory lock before anything else (even before creating
 * `schema_migrations`), so the others wait and then find the step done. Transaction-scoped locks
 * also work through a pooler in transaction mode (PgBouncer), where session locks do not.
 */
export async function migrate(sql: Sql, steps: readonly Migration[] = migrations): Promise<number[]> {
  const applied: number[] = [];
  for (const step of steps) {
    const ran = await sql.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [step.version]);
      if (done.length > 0) return false;
      await tx.exec(step.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
      return true;
    });
    if (ran) applied.push(step.version);
  }
  return applied;
}
