import { useEffect, useId } from 'preact/hooks';
import type { RefObject } from 'preact';
import { INVOICE_FILTERS, type InvoiceFilter, type InvoicesModel } from '../../state/invoices.ts';
import type { Route } from '../../state/routes.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Money } from '../../ui/money.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { errorMessage } from '../error-message.ts';
import { INVOICE_TONE } from './invoice-format.ts';
import { Remote, Screen } from '../screen.tsx';

/** Props of {@link InvoiceListView}. */
export interface InvoiceListViewProps {
  model: InvoicesModel;
  headingRef: RefObject<HTMLHeadingElement>;
  navigate: (route: Route) => void;
}

/** Every invoice, newest first, filtered by status, a page at a time. */
export function InvoiceListView({ model, headingRef, navigate }: InvoiceListViewProps) {
  const { t, locale } = useI18n();
  const state = model.list.value;
  const filter = model.filter.value;
  const more = model.moreStatus.value;
  const filterId = useId();
  useEffect(() => {
    void model.ensureList();
  }, [model]);

  // Right after a filter change the previous filter's invoices are still loaded: show loading,
  // not a list that does not match the filter.
  const shown = state.status === 'ready' && state.data.filter !== filter ? ({ status: 'loading' } as const) : state;
  const body = (
    <Remote state={shown} onRetry={() => void model.reloadList()} loading={t('invoices.loading')}>
      {(data) => {
        const { items, nextCursor } = data;
        return (
          items.length === 0 ? (
            <p>{filter === 'all' ? t('invoices.list.empty') : t('invoices.list.emptyFiltered')}</p>
          ) : (
            <>
              <ul class="invoice-list invoices-all" aria-label={t('invoices.list.label')}>
                {items.map((invoice) => (
                  <li key={invoice.id} class="invoice-row">
                    <button
                      type="button"
                      class="link-button invoice-number"
                      onClick={() => navigate({ view: 'invoices', id: invoice.id })}
                    >
                      {t('invoices.list.open', { number: invoice.number })}
                    </button>
                    <span class="muted">{t('invoices.list.issued', { date: formatDate(invoice.issueDate, locale, 'medium') })}</span>
                    <span class="invoice-amount">
                      <Money value={invoice.total} locale={locale} />
                    </span>
                    {invoice.amountDue.amount > 0 && invoice.amountDue.amount !== invoice.total.amount ? (
                      <span class="muted">{t('invoices.list.amountDue', { amount: formatMoney(invoice.amountDue, locale) })}</span>
                    ) : null}
                    <StatusBadge label={t(`invoices.status.${invoice.status}`)} tone={INVOICE_TONE[invoice.status]} />
                  </li>
                ))}
              </ul>
              <p class="muted" role="status">
                {more === 'loading' ? t('invoices.list.loadingMore') : t('invoices.list.showing', { count: items.length })}
              </p>
              {more === 'error' && model.moreError.value ? (
                <Alert message={errorMessage(t, model.moreError.value)}>
                  <Button onClick={() => void model.loadMore()}>{t('error.retry')}</Button>
                </Alert>
              ) : nextCursor ? (
                <Button onClick={() => void model.loadMore()} busy={more === 'loading'}>
                  {t('invoices.list.showMore')}
                </Button>
              ) : null}
            </>
          ));
      }}
    </Remote>
  );

  return (
    <Screen class="invoices" title={t('invoices.title')} headingRef={headingRef}>
      <div class="filter">
        <label for={filterId}>{t('invoices.filter.label')}</label>
        <select
          id={filterId}
          value={filter}
          onChange={(event) => model.setFilter((event.currentTarget as HTMLSelectElement).value as InvoiceFilter)}
        >
          {INVOICE_FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`invoices.filter.${f}`)}
            </option>
          ))}
        </select>
      </div>
      {body}
    </Screen>
  );
}
