import { useContext, useEffect, useId, useRef, useState } from 'preact/hooks';
import { createContext } from 'preact';
import type { InvoiceDetail, InvoiceLine } from '../../contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDate, formatMoney, formatQuantity, formatUnitPrice } from '../../i18n/format.ts';
import type { InvoiceLines, LinePages } from '../../state/invoice-lines.ts';
import { Button } from '../../ui/button.tsx';
import { Money } from '../../ui/money.tsx';
import { LoadFailed, Loading } from '../screen.tsx';
import { LINE_GROUP_ORDER } from './invoice-lines.ts';
import { linesToCsv } from './lines-csv.ts';

/** "Ask about this charge" for a line, when the questions screen is available. */
export const AskContext = createContext<((lineId?: string) => void) | undefined>(undefined);

/** One body of the table: a project (the contract's `group`), or a kind of charge. */
interface Section {
  key: string;
  title: string;
  /** The section's total when it is known for all its lines (not just the loaded ones). */
  subtotal?: InvoiceDetail['total'];
  count: number;
  pages: LinePages;
  /** Loads (more of) the section's lines. */
  more?: () => void;
}

/**
 * An invoice's lines as a table a screen reader can walk: description (with its period and the
 * answer to "why am I charged this?"), quantity with unit, unit price at full precision, amount.
 * Big invoices come in groups with subtotals (the first open, the rest a click away, each loaded
 * on demand), can be searched by description, and downloaded as CSV.
 */
export function InvoiceLinesTable({ invoice, lines }: { invoice: InvoiceDetail; lines: InvoiceLines }) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const searchId = useId();
  const all = lines.all.value;
  const search = lines.search.value;
  const found = lines.found.value;
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(invoice.groups.slice(0, 1).map((g) => `group:${g.name}`)));
  const [download, setDownload] = useState<'idle' | 'busy' | 'failed'>('idle');
  const tableRef = useRef<HTMLTableElement>(null);
  // "Show more" goes away once everything is shown: focus moves to the first line it added.
  const pendingFocus = useRef<{ key: string; index: number } | undefined>(undefined);
  useEffect(() => {
    const pending = pendingFocus.current;
    if (!pending) return;
    const body = [...(tableRef.current?.querySelectorAll<HTMLElement>('tbody') ?? [])].find((b) => b.dataset.key === pending.key);
    const row = body?.querySelectorAll<HTMLElement>('tr.line > th')[pending.index];
    if (row) {
      pendingFocus.current = undefined;
      row.focus();
    }
  });
  const more = (key: string, shown: number, load: () => void) => () => {
    pendingFocus.current = { key, index: shown };
    load();
  };

  useEffect(() => {
    // The first group is open from the start: its lines load with the screen.
    const first = invoice.groups[0];
    if (first) void lines.loadGroup(first.name);
  }, [lines]);

  /**
   * One body of the loaded lines of one kind, with its subtotal when every line is loaded: a kind
   * of charge on a small invoice, or the taxes (each with its rate and what it is charged on).
   */
  function kindSection(kind: InvoiceLine['kind'], title: string, known: boolean): Section[] {
    const items = all.items.filter((line) => line.kind === kind);
    if (items.length === 0) return [];
    return [{
      key: `kind:${kind}`,
      title,
      ...(known ? { subtotal: { amount: items.reduce((sum, line) => sum + line.amount.amount, 0), currency: invoice.total.currency } } : {}),
      count: items.length,
      pages: { items, nextCursor: null, matching: items.length, status: 'ready' as const },
    }];
  }

  // Worked out at each render: the groups' pages are signals, read here.
  const sections = ((): Section[] => {
    if (invoice.groups.length > 0) {
      const grouped: Section[] = invoice.groups.map((group) => ({
        key: `group:${group.name}`,
        title: group.name,
        subtotal: group.subtotal,
        count: group.lineCount,
        pages: lines.group(group.name),
        more: () => void lines.loadGroup(group.name),
      }));
      // Lines outside every group (taxes, a subscription) come first in the invoice's order.
      const loose = all.items.filter((line) => !line.group && line.kind !== 'tax');
      const rest = loose.length > 0 ? [{ key: 'loose', title: t('invoices.lines.ungrouped'), count: loose.length, pages: { items: loose, nextCursor: null, matching: loose.length, status: 'ready' as const } }] : [];
      return [...rest, ...grouped, ...kindSection('tax', t('invoices.detail.taxes'), false)];
    }
    // Small invoices: one body per kind of charge, in the order a bill is read, then the taxes.
    const known = all.nextCursor === null;
    return [
      ...LINE_GROUP_ORDER.flatMap((kind) => kindSection(kind, t(`invoices.detail.group.${kind}`), known)),
      ...kindSection('tax', t('invoices.detail.taxes'), known),
    ];
  })();

  function toggle(section: Section) {
    const next = new Set(open);
    if (next.has(section.key)) next.delete(section.key);
    else {
      next.add(section.key);
      // Not loaded yet (or only the lines the invoice's first page brought): ask for its page.
      if (section.pages.items.length === 0 || section.pages.status === 'loading') section.more?.();
    }
    setOpen(next);
  }

  async function downloadCsv() {
    setDownload('busy');
    try {
      const every = await lines.everyLine();
      const csv = linesToCsv(every, ['description', 'group', 'period', 'quantity', 'unit', 'unitPrice', 'amount', 'currency'].map((c) => t(`invoices.lines.csv.${c}`)));
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${invoice.number}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDownload('idle');
    } catch {
      setDownload('failed');
    }
  }

  const grouped = invoice.groups.length > 0;
  return (
    <section class="charges" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('invoices.detail.charges')}</h3>
      <div class="lines-tools">
        <div part="field" class="field">
          <label class="field-label" for={searchId}>
            {t('invoices.lines.search')}
          </label>
          <input
            part="input"
            class="input"
            id={searchId}
            type="search"
            value={search}
            onInput={(event) => void lines.setSearch(event.currentTarget.value)}
          />
        </div>
        <Button onClick={() => void downloadCsv()} busy={download === 'busy'}>
          {download === 'busy' ? t('invoices.lines.downloading') : t('invoices.lines.download')}
        </Button>
      </div>
      <p role="status" class="muted">
        {download === 'failed'
          ? t('invoices.lines.downloadFailed')
          : search.trim()
            ? found.status === 'loading' && found.items.length === 0
              ? t('invoices.lines.searching')
              : found.matching === 0
                ? t('invoices.lines.foundNone', { text: search.trim() })
                : t('invoices.lines.found', { count: found.matching })
            : ''}
      </p>
      <table class="lines-table" ref={tableRef}>
        <caption>{t('invoices.lines.caption', { number: invoice.number, count: invoice.lineCount })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('invoices.lines.description')}</th>
            <th scope="col">{t('invoices.lines.quantity')}</th>
            <th scope="col" class="num">{t('invoices.lines.unitPrice')}</th>
            <th scope="col" class="num">{t('invoices.lines.amount')}</th>
          </tr>
        </thead>
        {search.trim() ? (
          <tbody data-key="found">
            {found.items.map((line) => (
              <LineRow key={line.id} line={line} />
            ))}
            <MoreRow pages={found} onMore={more('found', found.items.length, () => void lines.searchMore())} />
          </tbody>
        ) : (
          sections.map((section) => {
            const expanded = !grouped || section.key === 'loose' || section.key === 'kind:tax' || open.has(section.key);
            return (
              <tbody key={section.key} data-key={section.key}>
                <tr class="group-row">
                  <th scope="rowgroup" colSpan={3}>
                    {grouped && section.key !== 'loose' && section.key !== 'kind:tax' ? (
                      <button type="button" class="group-toggle" aria-expanded={expanded} onClick={() => toggle(section)}>
                        {section.title}
                      </button>
                    ) : (
                      section.title
                    )}{' '}
                    <span class="muted">{t('invoices.lines.count', { count: section.count })}</span>
                  </th>
                  <td class="num">
                    {section.subtotal ? (
                      <>
                        <span class="visually-hidden">{t('invoices.lines.subtotalOf', { name: section.title })} </span>
                        <Money value={section.subtotal} locale={locale} />
                      </>
                    ) : null}
                  </td>
                </tr>
                {expanded ? section.pages.items.map((line) => <LineRow key={line.id} line={line} />) : null}
                {expanded ? (
                  <MoreRow pages={section.pages} total={section.count} onMore={more(section.key, section.pages.items.length, () => section.more?.())} />
                ) : null}
              </tbody>
            );
          })
        )}
        {!search.trim() && !grouped && all.nextCursor !== null ? (
          <tbody data-key="more">
            <MoreRow pages={all} total={invoice.lineCount} onMore={() => void lines.loadMore()} />
          </tbody>
        ) : null}
      </table>
    </section>
  );
}

/** "Show more" at the end of a list of lines that has more, or its loading and failure. */
function MoreRow({ pages, total, onMore }: { pages: LinePages; total?: number; onMore: () => void }) {
  const { t } = useI18n();
  const remaining = (total ?? pages.matching) - pages.items.length;
  let content;
  if (pages.status === 'loading') content = <Loading text={t('invoices.lines.loading')} />;
  else if (pages.status === 'error' && pages.error) content = <LoadFailed error={pages.error} onRetry={onMore} />;
  else if (remaining > 0 && (pages.nextCursor !== null || pages.items.length === 0)) {
    const count = Math.min(100, remaining);
    content = <Button onClick={onMore}>{t('invoices.lines.showMore', { count })}</Button>;
  } else return null;
  return (
    <tr class="more-row">
      <td colSpan={4}>{content}</td>
    </tr>
  );
}

/** One line: what and when (and why), how many at what price, and the amount. */
function LineRow({ line }: { line: InvoiceLine }) {
  const { t, locale } = useI18n();
  const ask = useContext(AskContext);
  const whyRef = useRef<HTMLDetailsElement>(null);
  const context = line.kind === 'discount' || line.kind === 'credit' || line.kind === 'tax' ? line.kind : undefined;
  const period = line.period
    ? line.period.start === line.period.end
      ? formatDate(line.period.start, locale, 'medium')
      : t('invoices.detail.periodValue', { start: formatDate(line.period.start, locale, 'medium'), end: formatDate(line.period.end, locale, 'medium') })
    : undefined;
  const quantity =
    line.quantity === null || line.quantity === undefined
      ? ''
      : `${formatQuantity(line.quantity, locale)}${line.unit ? ` ${line.unit}` : ''}`;
  return (
    <tr class="line">
      <th scope="row" class="line-description" tabIndex={-1}>
        <span class="line-name" lang={line.lang ?? undefined}>
          {line.description}
        </span>
        {period ? <span class="muted line-period"> {period}</span> : null}
        {line.tax ? (
          <span class="muted line-period">
            {' '}
            {t('invoices.detail.taxRate', {
              name: line.tax.name,
              percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 3 }).format(line.tax.percent / 100),
              taxable: formatMoney(line.tax.taxableAmount, locale),
            })}
          </span>
        ) : null}
        {line.explanation ? (
          <details class="why" ref={whyRef}>
            <summary>
              {t('invoices.detail.why', { context })}
              <span class="visually-hidden">
                {' '}
                {line.description}
                {period ? `, ${period}` : ''}
              </span>
            </summary>
            <p lang={line.lang ?? undefined}>{line.explanation}</p>
            {ask ? (
              <button type="button" class="link-button" onClick={() => ask(line.id)}>
                {t('invoices.detail.askLine')}
                <span class="visually-hidden"> {line.description}</span>
              </button>
            ) : null}
          </details>
        ) : null}
      </th>
      <td>{quantity}</td>
      <td class="num">{line.unitAmountDecimal ? formatUnitPrice(line.unitAmountDecimal, line.amount.currency, locale) : ''}</td>
      <td class="num">
        <Money value={line.amount} locale={locale} />
      </td>
    </tr>
  );
}
