/**
 * Step 8 of the schema: an invoice's lines in the order they are shown, straight from an index.
 * A page of lines (`ORDER BY (line_group IS NOT NULL), position, id LIMIT …`) then reads the
 * page's rows instead of every line of the invoice and sorting them: on a 5,000-line invoice
 * that is 101 index entries instead of a 5,000-row sort per page. The index also serves every
 * lookup by invoice, so it replaces `invoice_lines_invoice`.
 *
 * `ANALYZE` gives the planner the lines' statistics now: PGlite runs no autovacuum, and without
 * them it guesses a few dozen lines per invoice and prefers sorting them.
 */
export const MIGRATION_8 = /* sql */ `
  CREATE INDEX invoice_lines_page ON invoice_lines (invoice_id, (line_group IS NOT NULL), position, id);
  DROP INDEX invoice_lines_invoice;
  ANALYZE invoice_lines;`;
