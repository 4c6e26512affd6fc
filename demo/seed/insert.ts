import { ALL_FEATURES } from '../../src/contract/index.ts';
import type { SqlQueryable } from '../../src/server/index.ts';
import { MERCHANT, total, type SeedCustomer, type SeedTranslations } from './builders.ts';

/**
 * Insert `rows` (values in the order of `columns`) in one statement with one parameter: the rows
 * as JSON, typed by the table's own row type. A 5,000-line invoice is one round trip, not forty.
 */
async function insertMany(tx: SqlQueryable, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const records = rows.map((row) => Object.fromEntries(columns.map((column, c) => [column, row[c]])));
  const list = columns.join(', ');
  await tx.query(`INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, $1::json)`, [
    JSON.stringify(records),
  ]);
}

/**
 * Write one persona's records. Every id, and every reference to one, passes through `id`, so a
 * copy of the persona can live beside the others (see `freshId`); identity keeps the seeded ids.
 */
export async function insertCustomer(
  tx: SqlQueryable,
  c: SeedCustomer,
  now: Date,
  id: (seededId: string) => string = (seededId) => seededId,
): Promise<void> {
  const customerId = id(c.id);
  const lang = c.textLang;
  const json = (translations: SeedTranslations | undefined) => translations ?? {};
  // The contact's hours are stored as rows of their own; the rest of the contact as it is.
  const { availability, ...contact } = c.humanContact;
  // In other languages the note and the whole contact column, with the contact's words replaced.
  const translations = Object.fromEntries(
    Object.entries(c.translations).map(([other, t]) => [
      other,
      {
        ...(t.merchantNoteHtml !== undefined ? { merchant_note_html: t.merchantNoteHtml } : {}),
        human_contact: {
          ...contact,
          ...(t.role !== undefined ? { role: t.role } : {}),
          ...(t.hours !== undefined ? { hours: t.hours } : {}),
          channels: contact.channels.map((channel, i) => {
            const label = t.channelLabels?.[i];
            return label ? { ...channel, label } : channel;
          }),
        },
      },
    ]),
  );
  await tx.query(
    `INSERT INTO customers (id, name, greeting_name, kind, customer_since, segment, locale, currency, merchant_name,
       merchant_note_html, human_contact, contact_time_zone, features, plan_policy, text_lang, translations)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [customerId, c.name, c.greetingName, c.kind, c.customerSince, c.segment, c.locale, c.currency, MERCHANT, c.merchantNoteHtml,
      JSON.stringify(contact), availability?.timeZone ?? null, JSON.stringify(ALL_FEATURES), JSON.stringify(c.planPolicy), lang,
      JSON.stringify(translations)],
  );
  await insertMany(tx, 'contact_hours', ['customer_id', 'weekday', 'starts', 'ends'],
    (availability?.weekly ?? []).map((w) => [customerId, w.weekday, w.start, w.end]));
  await tx.query(
    `INSERT INTO contact_details (customer_id, name, email, phone, billing_address, tax_id, preferred_channel,
       reminder_days_before, language, version, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10)`,
    [customerId, c.contact.name, c.contact.email, c.contact.phone, JSON.stringify(c.contact.address), c.contact.taxId,
      c.contact.channel, c.contact.reminderDaysBefore, c.contact.language, now],
  );
  await insertMany(tx, 'invoice_recipients', ['id', 'customer_id', 'position', 'name', 'email'],
    c.recipients.map((r, i) => [id(r.id), customerId, i, r.name, r.email]));
  await insertMany(tx, 'payment_methods',
    ['id', 'customer_id', 'type', 'brand', 'last4', 'exp_month', 'exp_year', 'bank_name', 'is_default', 'outcome', 'created_at'],
    c.methods.map((m, i) => [id(m.id), customerId, m.type, m.brand ?? null, m.last4, m.expMonth ?? null, m.expYear ?? null, m.bankName ?? null,
      m.isDefault, m.outcome, new Date(Date.parse(`${c.customerSince}T12:00:00Z`) + i * 1000)]));
  await tx.query(
    `INSERT INTO billing_cycles (customer_id, interval, billing_day, allowed_days, price_month, price_quarter, price_year, next_invoice_date)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [customerId, c.cycle.interval, c.cycle.billingDay, JSON.stringify(Array.from({ length: 28 }, (_, i) => i + 1)),
      c.cycle.priceMonth, c.cycle.priceQuarter, c.cycle.priceYear, c.cycle.nextInvoiceDate],
  );
  for (const invoice of c.invoices) {
    const invoiceId = id(invoice.id);
    const gross = total(invoice.lines) + (invoice.corrections ?? []).reduce((s, x) => s + x.amount, 0);
    const success = invoice.payments.find((p) => p.status === 'succeeded');
    await tx.query(
      `INSERT INTO invoices (id, customer_id, number, issue_date, due_date, period_start, period_end, currency, paid_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [invoiceId, customerId, invoice.number, invoice.issueDate, invoice.dueDate, invoice.period.start, invoice.period.end, c.currency, success?.at ?? null],
    );
    await insertMany(tx, 'invoice_lines',
      ['id', 'invoice_id', 'position', 'kind', 'description', 'period_start', 'period_end', 'quantity', 'unit', 'unit_amount_decimal',
        'amount', 'line_group', 'explanation', 'tax_name', 'tax_percent', 'taxable_amount', 'text_lang', 'translations'],
      invoice.lines.map((l, i) => [id(`ln_${invoice.id}_${i}`), invoiceId, i, l.kind, l.description, l.period?.start ?? null, l.period?.end ?? null,
        l.quantity ?? null, l.unit ?? null, l.unitAmountDecimal ?? null, l.amount, l.group ?? null, l.explanation, l.tax?.name ?? null,
        l.tax?.percent ?? null, l.tax?.taxableAmount ?? null, lang, json(l.translations)]));
    await insertMany(tx, 'corrections', ['id', 'invoice_id', 'number', 'issue_date', 'amount', 'note', 'text_lang', 'translations'],
      (invoice.corrections ?? []).map((x) => [id(x.id), invoiceId, x.number, x.issueDate, x.amount, x.note, lang, json(x.translations)]));
    await insertMany(tx, 'payments',
      ['id', 'customer_id', 'invoice_id', 'amount', 'currency', 'status', 'created_at', 'settle_after', 'settled_at', 'payment_method_id',
        'payment_method_label', 'failure_reason', 'failure_message', 'suggested_action'],
      invoice.payments.map((p) => [id(p.id), customerId, invoiceId, gross, c.currency, p.status, p.at, p.at, new Date(p.at.getTime() + 2000), id(p.methodId),
        p.label, p.failure?.reason ?? null, p.failure?.message ?? null, p.failure?.suggestedAction ?? null]));
  }
  await insertMany(tx, 'history',
    ['id', 'customer_id', 'occurred_at', 'channel', 'direction', 'kind', 'subject', 'sent_to', 'invoice_id', 'text_lang', 'translations'],
    c.history.map((h, i) => [id(`evt_${c.id}_${i}`), customerId, h.at, h.channel, h.direction, h.kind, h.subject, h.sentTo ?? null,
      h.invoiceId ? id(h.invoiceId) : null, lang, json(h.translations)]));
  for (const q of c.questions) {
    await tx.query(
      `INSERT INTO questions (id, customer_id, invoice_id, line_id, subject, topic, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id(q.id), customerId, id(q.invoiceId), q.lineId ? id(q.lineId) : null, q.subject, q.topic, q.status, q.createdAt],
    );
    // People's own words, in the language they wrote them in.
    await insertMany(tx, 'question_messages', ['id', 'question_id', 'author', 'author_name', 'body', 'sent_at', 'text_lang'],
      q.messages.map((m) => [id(m.id), id(q.id), m.author, m.authorName, m.body, m.sentAt, lang]));
  }
}
