/**
 * Step 4 of the schema: the rules that span rows become constraints, so no interleaving of
 * requests can break them, and the tables that grow with use stay small.
 */
export const MIGRATION_4 = /* sql */ `
  -- One default method per customer. Data written before this step may have several (requests
  -- that raced): the oldest default stays.
  UPDATE payment_methods SET is_default = false
    WHERE is_default AND removed_at IS NULL
      AND id NOT IN (
        SELECT DISTINCT ON (customer_id) id FROM payment_methods
        WHERE is_default AND removed_at IS NULL ORDER BY customer_id, created_at, id);
  CREATE UNIQUE INDEX payment_methods_one_default ON payment_methods (customer_id)
    WHERE is_default AND removed_at IS NULL;

  -- A card token is unique per customer, not across customers: one customer must neither learn
  -- that another saved a token nor be able to block them with it.
  ALTER TABLE payment_methods DROP CONSTRAINT payment_methods_token_key;
  CREATE UNIQUE INDEX payment_methods_customer_token ON payment_methods (customer_id, token);

  -- One open plan (pending, approved or active) per invoice: each open plan claims its invoices
  -- here, and the primary key refuses a second claim. A trigger keeps the claims in step with
  -- the plans, whoever writes them; plans that raced before this step keep their oldest claim.
  CREATE TABLE open_plan_invoices (
    invoice_id text PRIMARY KEY REFERENCES invoices (id),
    plan_id text NOT NULL REFERENCES payment_plans (id) ON DELETE CASCADE
  );
  CREATE INDEX open_plan_invoices_plan ON open_plan_invoices (plan_id);
  INSERT INTO open_plan_invoices (invoice_id, plan_id)
    SELECT invoice_id, plan_id FROM (
      SELECT DISTINCT ON (ids.invoice_id) ids.invoice_id, p.id AS plan_id
      FROM payment_plans p, jsonb_array_elements_text(p.invoice_ids) AS ids (invoice_id)
      WHERE p.status IN ('pending', 'approved', 'active')
      ORDER BY ids.invoice_id, p.created_at, p.id) AS oldest
    WHERE EXISTS (SELECT 1 FROM invoices i WHERE i.id = oldest.invoice_id);
  CREATE FUNCTION claim_plan_invoices() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM open_plan_invoices WHERE plan_id = NEW.id;
    IF NEW.status IN ('pending', 'approved', 'active') THEN
      INSERT INTO open_plan_invoices (invoice_id, plan_id)
        SELECT DISTINCT ids.invoice_id, NEW.id FROM jsonb_array_elements_text(NEW.invoice_ids) AS ids (invoice_id);
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER payment_plans_claim_invoices AFTER INSERT OR UPDATE OF status, invoice_ids ON payment_plans
    FOR EACH ROW EXECUTE FUNCTION claim_plan_invoices();

  -- Idempotency answers too large to keep verbatim are kept as a note to read the record again.
  ALTER TABLE idempotency_records ADD COLUMN replay text NOT NULL DEFAULT 'stored'
    CHECK (replay IN ('stored', 'read'));

  -- Changes per customer in the current window, shared by every instance.
  CREATE TABLE rate_limits (
    customer_id text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    hits integer NOT NULL
  );
`;
