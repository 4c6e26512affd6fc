import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BillfoldError } from '../api/errors.ts';
import type { Channel, HistoryEntry, HistoryPage } from '../contract/index.ts';
import { createQuery, toBillfoldError, type StoreContext } from './remote.ts';

/** How many entries one "Show more" asks for. */
export const HISTORY_PAGE_SIZE = 10;

/** The timeline's channel filter: one channel, or all of them. */
export type ChannelFilter = Channel | 'all';

/** The order the channel filter offers channels in. */
const CHANNEL_ORDER: readonly Channel[] = ['email', 'sms', 'post', 'phone', 'portal', 'chat'];

/**
 * The history screen's model: one timeline, newest first, of what was sent to the customer and
 * what they sent, loaded a page at a time ("Show more" follows the cursor), with a filter by
 * channel over what is loaded.
 */
export function createHistoryModel(context: StoreContext) {
  const first = createQuery<HistoryPage>(context, 'listHistory', (client, options) =>
    client.listHistory({ limit: HISTORY_PAGE_SIZE }, options),
  );
  /** Entries of the pages after the first, in order. */
  const more = signal<HistoryEntry[]>([]);
  /** The cursor of the next page once "Show more" was used; `undefined` means "the first page's". */
  const moreCursor = signal<string | null | undefined>(undefined);
  const loadingMore = signal(false);
  const moreError = signal<BillfoldError | undefined>(undefined);
  const filter = signal<ChannelFilter>('all');
  /** Bumped after each page added, so the view can move focus to the first new entry. */
  const pagesAdded = signal(0);

  const entries = computed<HistoryEntry[]>(() => {
    const state = first.state.value;
    if (state.status !== 'ready') return [];
    // A later page may repeat an entry when something new arrived meanwhile (offset paging).
    const seen = new Set<string>();
    return [...state.data.items, ...more.value].filter((entry) => !seen.has(entry.id) && !!seen.add(entry.id));
  });
  const nextCursor = computed<string | null>(() => {
    const state = first.state.value;
    if (state.status !== 'ready') return null;
    return moreCursor.value === undefined ? state.data.nextCursor : moreCursor.value;
  });

  context.onInvalidate?.('history', () => {
    if (first.state.peek().status === 'ready') void reload();
  });

  /** Loads the first page again and forgets the later ones ("Try again", or fresh on return). */
  async function reload(): Promise<void> {
    batch(() => {
      more.value = [];
      moreCursor.value = undefined;
      moreError.value = undefined;
    });
    await first.reload();
  }

  /** The next page, appended. A failure keeps what is shown and offers to try again. */
  async function loadMore(): Promise<void> {
    const client = context.client();
    const cursor = nextCursor.peek();
    if (!client || !cursor || loadingMore.peek()) return;
    const tracked = context.track();
    batch(() => {
      loadingMore.value = true;
      moreError.value = undefined;
    });
    try {
      const page = await client.listHistory({ cursor, limit: HISTORY_PAGE_SIZE }, { signal: tracked.signal });
      batch(() => {
        more.value = [...more.peek(), ...page.items];
        moreCursor.value = page.nextCursor;
        pagesAdded.value++;
      });
    } catch (cause) {
      const error = toBillfoldError(cause, 'listHistory');
      if (!(error.kind === 'aborted' && tracked.signal.aborted)) {
        moreError.value = error;
        context.reportError(error, 'listHistory');
      }
    } finally {
      loadingMore.value = false;
      tracked.done();
    }
  }

  return {
    /** The first page's load. */
    state: first.state,
    /** Every loaded entry, newest first. */
    entries,
    /** The loaded entries on the chosen channel. */
    visible: computed(() => (filter.value === 'all' ? entries.value : entries.value.filter((e) => e.channel === filter.value))),
    /** The channels among the loaded entries, for the filter. */
    channels: computed<Channel[]>(() => CHANNEL_ORDER.filter((channel) => entries.value.some((e) => e.channel === channel))),
    filter: filter as ReadonlySignal<ChannelFilter>,
    setFilter: (value: ChannelFilter) => void (filter.value = value),
    hasMore: computed(() => nextCursor.value !== null),
    loadingMore: loadingMore as ReadonlySignal<boolean>,
    moreError: moreError as ReadonlySignal<BillfoldError | undefined>,
    pagesAdded: pagesAdded as ReadonlySignal<number>,
    /** Loads the first page unless it is loaded. */
    load: () => first.ensure(),
    reload,
    loadMore,
  };
}

/** The history screen's model. */
export type HistoryModel = ReturnType<typeof createHistoryModel>;
