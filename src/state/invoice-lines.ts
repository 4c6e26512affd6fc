import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BillfoldError } from '../api/errors.ts';
import type { InvoiceDetail, InvoiceLine, InvoiceLinesQuery } from '../contract/index.ts';
import { toBillfoldError, type StoreContext } from './remote.ts';

/** How many lines one "Show more" or one group asks for. */
export const LINE_PAGE_SIZE = 100;

/** The most lines one request of the CSV download asks for (the contract's limit). */
const EXPORT_PAGE_SIZE = 500;

/** A list of lines loaded a page at a time: the first page, then more on request. */
export interface LinePages {
  items: readonly InvoiceLine[];
  nextCursor: string | null;
  /** How many lines match in all. */
  matching: number;
  status: 'ready' | 'loading' | 'error';
  error?: BillfoldError;
}

const EMPTY: LinePages = { items: [], nextCursor: null, matching: 0, status: 'ready' };

/**
 * The lines of one invoice beyond what its detail brought: more pages, the lines of a group
 * opened by the customer, the lines whose description matches a search, and every line for the
 * CSV download. A 5,000-line invoice is never one response: each is a page of the contract's
 * `GET /invoices/{invoiceId}/lines`.
 */
export function createInvoiceLines(context: StoreContext, invoice: InvoiceDetail) {
  /** The invoice's own order: the detail's first page, then whatever "Show more" added. */
  const all = signal<LinePages>({ items: invoice.lines, nextCursor: invoice.linesNextCursor, matching: invoice.lineCount, status: 'ready' });
  const groups = signal<ReadonlyMap<string, LinePages>>(new Map());
  const search = signal('');
  const found = signal<LinePages>(EMPTY);
  /** Every line is in `all` already: searching and grouping need no request. */
  const complete = computed(() => all.value.nextCursor === null);
  let searchSeq = 0;

  async function page(query: InvoiceLinesQuery): Promise<{ items: InvoiceLine[]; nextCursor: string | null; matching: number }> {
    const client = context.client();
    if (!client) throw new Error('No client');
    const tracked = context.track();
    try {
      return await client.listInvoiceLines(invoice.id, query, { signal: tracked.signal });
    } finally {
      tracked.done();
    }
  }

  /** Adds the next page to `pages`, keeping what is shown when it fails. */
  async function more(pages: LinePages, query: Omit<InvoiceLinesQuery, 'cursor'>, set: (next: LinePages) => void): Promise<void> {
    if (pages.status === 'loading' || (pages.nextCursor === null && pages.items.length > 0)) return;
    set({ ...pages, status: 'loading', error: undefined });
    try {
      const next = await page({ ...query, limit: LINE_PAGE_SIZE, ...(pages.nextCursor ? { cursor: pages.nextCursor } : {}) });
      const seen = new Set(pages.items.map((line) => line.id));
      set({ items: [...pages.items, ...next.items.filter((l) => !seen.has(l.id))], nextCursor: next.nextCursor, matching: next.matching, status: 'ready' });
    } catch (cause) {
      const error = toBillfoldError(cause, 'listInvoiceLines');
      if (error.kind === 'aborted') return;
      context.reportError(error, 'listInvoiceLines');
      set({ ...pages, status: 'error', error });
    }
  }

  function setGroup(name: string, next: LinePages): void {
    const map = new Map(groups.peek());
    map.set(name, next);
    groups.value = map;
  }

  return {
    all: all as ReadonlySignal<LinePages>,
    complete,
    /** The next page of the invoice's lines. */
    loadMore: () => more(all.peek(), {}, (next) => void (all.value = next)),
    /**
     * The lines of a group (loaded the first time it is opened, or from what is loaded). Until its
     * own page arrives, the group's lines among those already loaded are shown: both lists are in
     * invoice order, so they are the start of the group's page, and the first group is on screen
     * with the invoice instead of one round trip later.
     */
    group(name: string): LinePages {
      const loaded = groups.value.get(name);
      if (loaded && (loaded.items.length > 0 || loaded.status !== 'loading')) return loaded;
      if (!complete.value) {
        const known = all.value.items.filter((line) => line.group === name);
        return { ...EMPTY, items: known, status: 'loading' };
      }
      const items = all.value.items.filter((line) => line.group === name);
      return { items, nextCursor: null, matching: items.length, status: 'ready' };
    },
    /** Opens a group: its first page, or its next page. */
    loadGroup(name: string): Promise<void> {
      if (complete.peek()) return Promise.resolve();
      const current = groups.peek().get(name) ?? EMPTY;
      return more(current, { group: name }, (next) => setGroup(name, next));
    },
    search: search as ReadonlySignal<string>,
    /** The lines whose description contains the search, while there is one. */
    found: computed<LinePages>(() => {
      const words = search.value.trim().toLowerCase();
      if (!words) return EMPTY;
      if (!complete.value) return found.value;
      const items = all.value.items.filter((line) => line.description.toLowerCase().includes(words));
      return { items, nextCursor: null, matching: items.length, status: 'ready' };
    }),
    /** Searches the descriptions; a newer search wins over an older one still on its way. */
    async setSearch(text: string): Promise<void> {
      const mine = ++searchSeq;
      batch(() => {
        search.value = text;
        found.value = { ...EMPTY, status: text.trim() && !complete.peek() ? 'loading' : 'ready' };
      });
      if (!text.trim() || complete.peek()) return;
      await more(EMPTY, { q: text.trim() }, (next) => {
        if (mine === searchSeq) found.value = next;
      });
    },
    /** More lines of the search. */
    searchMore: () => more(found.peek(), { q: search.peek().trim() }, (next) => void (found.value = next)),
    /** Every line of the invoice, page after page (for the CSV download). */
    async everyLine(): Promise<InvoiceLine[]> {
      if (complete.peek()) return [...all.peek().items];
      const lines: InvoiceLine[] = [];
      let cursor: string | null | undefined;
      do {
        const next = await page({ limit: EXPORT_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
        lines.push(...next.items);
        cursor = next.nextCursor;
      } while (cursor);
      return lines;
    },
  };
}

/** The lines of one invoice, loaded a page at a time. */
export type InvoiceLines = ReturnType<typeof createInvoiceLines>;

/**
 * The lines of each invoice detail shown, one {@link createInvoiceLines} per detail as loaded
 * (fresh when the detail is). A model of its own, apart from the invoices model the overview uses
 * to pay, so that paging lines stays with the invoices screen's code.
 */
export function createInvoiceLinesModel(context: StoreContext) {
  const linesOf = new WeakMap<InvoiceDetail, InvoiceLines>();
  return {
    /** The lines of `invoice`. */
    of(invoice: InvoiceDetail): InvoiceLines {
      let found = linesOf.get(invoice);
      if (!found) {
        found = createInvoiceLines(context, invoice);
        linesOf.set(invoice, found);
      }
      return found;
    },
  };
}

/** The invoice lines model. */
export type InvoiceLinesModel = ReturnType<typeof createInvoiceLinesModel>;
