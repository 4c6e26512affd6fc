import type { HistoryEntry, HistoryKind } from '../../../contract/index.ts';
import type { BillingAdapter } from '../../adapter.ts';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageFrom } from '../paging.ts';
import { translatedColumns, type Texts } from '../localized.ts';
import type { HistoryRow } from '../rows.ts';
import type { SqlQueryable } from '../sql.ts';
import { toHistoryEntry } from '../to-contract.ts';
import { loadCustomer } from './customers.ts';
import { newId, type ReferenceEnv } from './env.ts';

/** A message sent to the customer, or received from them, as the history records it. */
export interface HistoryNote {
  channel: HistoryEntry['channel'];
  direction: HistoryEntry['direction'];
  kind: HistoryKind;
  /** In each language the customer may read it in (see `messages.ts`). */
  subject: Texts;
  sentTo?: string | null;
  invoiceId?: string | null;
}

/** The column `subject` holds at most this many characters. */
const SUBJECT_MAX = 500;

/**
 * Record a message in the customer's history, in the transaction of the change it tells of, its
 * subject in every language it is given in.
 */
export async function addHistory(env: ReferenceEnv, tx: SqlQueryable, customerId: string, note: HistoryNote): Promise<void> {
  const subject = Object.fromEntries(Object.entries(note.subject).map(([lang, text]) => [lang, text.slice(0, SUBJECT_MAX)]));
  const { own, text_lang, translations } = translatedColumns({ subject });
  await tx.query(
    `INSERT INTO history (id, customer_id, occurred_at, channel, direction, kind, subject, sent_to, invoice_id, text_lang, translations)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      newId('evt'),
      customerId,
      env.now(),
      note.channel,
      note.direction,
      note.kind,
      own.subject,
      note.sentTo ?? null,
      note.invoiceId ?? null,
      text_lang,
      JSON.stringify(translations),
    ],
  );
}

/** The history: what was sent to the customer and what they sent, newest first. */
export function historyAdapter(env: ReferenceEnv): Pick<BillingAdapter, 'listHistory'> {
  const { sql } = env;
  return {
    async listHistory({ customerId, languages = [] }, query) {
      await loadCustomer(sql, customerId);
      const offset = decodeCursor(query.cursor);
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await sql.query<HistoryRow>(
        `SELECT id, occurred_at, channel, direction, kind, subject, sent_to, invoice_id, text_lang, translations FROM history
         WHERE customer_id = $1 ORDER BY occurred_at DESC, seq DESC LIMIT $2 OFFSET $3`,
        [customerId, limit + 1, offset],
      );
      const { items, nextCursor } = pageFrom(rows, offset, limit);
      return { items: items.map((row) => toHistoryEntry(row, languages)), nextCursor };
    },
  };
}
