/** The tables whose rows hold texts the customer reads. */
export const TRANSLATED_TABLES = ['customers', 'invoice_lines', 'corrections', 'payment_plans', 'history', 'question_messages'] as const;

/**
 * Step 7 of the schema: texts in more than one language. Every row with texts the customer reads
 * says which language its own columns are in (`text_lang`, null where nobody recorded it, as for
 * every row written before this step) and may carry the same texts in other languages
 * (`translations`: `{"de": {"description": "…", "explanation": "…"}}`, a column name to its
 * translated value for each language). The adapter answers each request in the best of these for
 * the customer's `Accept-Language`.
 */
export const MIGRATION_7 = TRANSLATED_TABLES.map(
  (table) => /* sql */ `
  ALTER TABLE ${table}
    ADD COLUMN text_lang text CHECK (text_lang ~ '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$'),
    ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(translations) = 'object');`,
).join('\n');
