import { describe, expect, it } from 'vitest';
import { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient } from '../api/types.ts';
import type { Channel, HistoryEntry, HistoryQuery } from '../contract/index.ts';
import { createHistoryModel, HISTORY_PAGE_SIZE } from './history.ts';
import type { StoreContext } from './remote.ts';

const CHANNELS: Channel[] = ['email', 'email', 'post', 'sms'];

function entry(n: number): HistoryEntry {
  return {
    id: `evt_${n}`,
    occurredAt: new Date(Date.UTC(2026, 10, 30) - n * 86_400_000).toISOString(),
    channel: CHANNELS[n % CHANNELS.length]!,
    direction: 'outbound',
    kind: 'invoice',
    subject: `Message ${n}`,
    sentTo: 'margaret@example.co.uk',
    invoiceId: null,
  };
}

/** A backend with `total` entries, paged by offset cursors like the reference server. */
function backend(total: number) {
  const all = Array.from({ length: total }, (_, i) => entry(i));
  const queries: HistoryQuery[] = [];
  let failNext = false;
  const client: Partial<BillfoldClient> = {
    listHistory: async (query = {}) => {
      queries.push(query);
      if (failNext) {
        failNext = false;
        throw new BillfoldError('network', 'offline');
      }
      const offset = query.cursor ? Number(query.cursor.slice(1)) : 0;
      const limit = query.limit ?? 20;
      const next = offset + limit < all.length ? `o${offset + limit}` : null;
      return { items: all.slice(offset, offset + limit), nextCursor: next };
    },
  };
  return { client, queries, failNextCall: () => void (failNext = true) };
}

function harness(client: Partial<BillfoldClient>) {
  const errors: BillfoldError[] = [];
  const context: StoreContext = {
    client: () => client as BillfoldClient,
    track: () => {
      const controller = new AbortController();
      return { signal: controller.signal, done: () => {}, abort: () => controller.abort() };
    },
    reportError: (error) => void errors.push(error),
    reportChange: () => {},
    refreshAccount: async () => {},
  };
  return { model: createHistoryModel(context), errors };
}

describe('the history timeline', () => {
  it('loads a page, follows the cursor with "Show more" and stops at the end', async () => {
    const server = backend(HISTORY_PAGE_SIZE * 2 + 3);
    const { model } = harness(server.client);
    await model.load();
    expect(model.entries.value).toHaveLength(HISTORY_PAGE_SIZE);
    expect(model.hasMore.value).toBe(true);
    await model.loadMore();
    await model.loadMore();
    expect(model.entries.value.map((e) => e.id)).toEqual(Array.from({ length: HISTORY_PAGE_SIZE * 2 + 3 }, (_, i) => `evt_${i}`));
    expect(model.hasMore.value).toBe(false);
    expect(server.queries.map((q) => q.cursor)).toEqual([undefined, `o${HISTORY_PAGE_SIZE}`, `o${HISTORY_PAGE_SIZE * 2}`]);
    // Nothing more to ask for.
    await model.loadMore();
    expect(server.queries).toHaveLength(3);
  });

  it('filters what is loaded by channel and offers only the channels present', async () => {
    const { model } = harness(backend(8).client);
    await model.load();
    expect(model.channels.value).toEqual(['email', 'sms', 'post']);
    model.setFilter('post');
    expect(model.visible.value.map((e) => e.id)).toEqual(['evt_2', 'evt_6']);
    model.setFilter('all');
    expect(model.visible.value).toHaveLength(8);
  });

  it('keeps the entries on screen when "Show more" fails, and tries the same page again', async () => {
    const server = backend(HISTORY_PAGE_SIZE + 5);
    const { model, errors } = harness(server.client);
    await model.load();
    server.failNextCall();
    await model.loadMore();
    expect(model.entries.value).toHaveLength(HISTORY_PAGE_SIZE);
    expect(model.moreError.value?.kind).toBe('network');
    expect(errors.map((e) => e.kind)).toEqual(['network']);
    await model.loadMore();
    expect(model.entries.value).toHaveLength(HISTORY_PAGE_SIZE + 5);
    expect(model.moreError.value).toBeUndefined();
  });

  it('shows each entry once when a new message shifted the pages meanwhile', async () => {
    const { model } = harness({
      listHistory: async (query = {}) =>
        query.cursor
          ? { items: [entry(HISTORY_PAGE_SIZE - 1), entry(HISTORY_PAGE_SIZE)], nextCursor: null }
          : { items: Array.from({ length: HISTORY_PAGE_SIZE }, (_, i) => entry(i)), nextCursor: 'o10' },
    });
    await model.load();
    await model.loadMore();
    expect(model.entries.value).toHaveLength(HISTORY_PAGE_SIZE + 1);
  });
});
