import type { HistoryEntry, HistoryKind } from '../../../contract/index.ts';
import type { BillingAdapter } from '../../adapter.ts';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageFrom } from '../paging.ts';
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
  subject: string;
  sentTo?: string | null;
  invoiceId?: string | null;
}

/** Record a message in the customer's history, in the transaction of the change it tells of. */
export async function addHistory(env: ReferenceEnv, tx: SqlQueryable, customerId: string, note: HistoryNote): Promise<void> {
  await tx.query(
    `INSERT INTO history (id, customer_id, occurred_at, channel, direction, kind, subject, sent_to, invoice_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      newId('evt'),
      customerId,
      env.now(),
      note.channel,
      note.direction,
      note.kind,
      note.subject,
      note.sentTo ?? null,
      note.invoiceId ?? null,
    ],
  );
}

/** The history: what was sent to the customer and what they sent, newest first. */
export function historyAdapter(env: ReferenceEnv): Pick<BillingAdapter, 'listHistory'> {
  const { sql } = env;
  return {
    async listHistory({ customerId }, query) {
      await loadCustomer(sql, customerId);
      const offset = decodeCursor(query.cursor);
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await sql.query<HistoryRow>(
        `SELECT id, occurred_at, channel, direction, kind, subject, sent_to, invoice_id FROM history
         WHERE customer_id = $1 ORDER BY occurred_at DESC, seq DESC LIMIT $2 OFFSET $3`,
        [customerId, limit + 1, offset],
      );
      const { items, nextCursor } = pageFrom(rows, offset, limit);
      return { items: items.map(toHistoryEntry), nextCursor };
    },
  };
}
