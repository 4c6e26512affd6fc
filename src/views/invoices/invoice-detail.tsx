import { useContext, useEffect } from 'preact/hooks';
import type { RefObject } from 'preact';
import { askRoute } from '../../state/questions.ts';
import type { InvoiceDetail, Money as MoneyValue } from '../../contract/index.ts';
import type { InvoicesModel } from '../../state/invoices.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format.ts';
import { Money } from '../../ui/money.tsx';
import { Section } from '../../ui/section.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { AskContext, InvoiceLinesTable } from './invoice-lines-table.tsx';
import { INVOICE_TONE, PAYMENT_TONE } from './invoice-format.ts';
import { InvoicePayPanel } from './pay-panel.tsx';
import type { InvoiceLines, InvoiceLinesModel } from '../../state/invoice-lines.ts';
import type { PayNavigation } from './pay-actions.ts';
import { Remote, Screen } from '../screen.tsx';

/**
 * "Ask about this charge": set by the invoice when the questions screen is available, read by
 * each line's disclosure (a context, so the hundreds of lines need no extra props).
 */

/** Props of {@link InvoiceDetailView}. */
export interface InvoiceDetailViewProps {
  model: InvoicesModel;
  /** The lines of each invoice shown (pages, groups, search). */
  lines: InvoiceLinesModel;
  invoiceId: string;
  headingRef: RefObject<HTMLHeadingElement>;
  nav: PayNavigation;
}

/** One invoice: what it charges and why, taxes, totals, payments, corrections, and paying it. */
export function InvoiceDetailView({ model, lines, invoiceId, headingRef, nav }: InvoiceDetailViewProps) {
  const { t } = useI18n();
  const query = model.detail(invoiceId);
  const state = query.state.value;
  useEffect(() => {
    void query.ensure();
  }, [query]);

  const invoice = state.status === 'ready' ? state.data : undefined;
  return (
    <Screen
      class="invoice-detail"
      title={invoice ? t('invoices.detail.title', { number: invoice.number }) : t('invoices.title')}
      headingRef={headingRef}
      header={{
        class: 'invoice-header',
        children: (
          <>
            {invoice ? <StatusBadge label={t(`invoices.status.${invoice.status}`)} tone={INVOICE_TONE[invoice.status]} /> : null}
            <button type="button" class="link-button" onClick={() => nav.navigate({ view: 'invoices' })}>
              {t('invoices.detail.allInvoices')}
            </button>
          </>
        ),
      }}
    >
      <Remote state={state} onRetry={() => void query.reload()} loading={t('invoices.detail.loading')}>
        {(loaded) => (
          <AskContext.Provider
            value={nav.canOpen('questions') ? (lineId) => nav.navigate(askRoute(loaded.id, lineId)) : undefined}
          >
            <Invoice invoice={loaded} model={model} lines={lines.of(loaded)} nav={nav} />
          </AskContext.Provider>
        )}
      </Remote>
    </Screen>
  );
}

function Invoice({ invoice, model, lines, nav }: { invoice: InvoiceDetail; model: InvoicesModel; lines: InvoiceLines; nav: PayNavigation }) {
  const { t, locale } = useI18n();
  return (
    <>
      <dl class="figures invoice-facts">
        <div>
          <dt>{t('invoices.detail.issued')}</dt>
          <dd>{formatDate(invoice.issueDate, locale)}</dd>
        </div>
        <div>
          <dt>{t('invoices.detail.due')}</dt>
          <dd>{formatDate(invoice.dueDate, locale)}</dd>
        </div>
        {invoice.period ? (
          <div>
            <dt>{t('invoices.detail.period')}</dt>
            <dd>
              {t('invoices.detail.periodValue', {
                start: formatDate(invoice.period.start, locale, 'medium'),
                end: formatDate(invoice.period.end, locale, 'medium'),
              })}
            </dd>
          </div>
        ) : null}
        <MoneyFigure label={t('invoices.detail.total')} value={invoice.total} />
        <MoneyFigure label={t('invoices.detail.amountDue')} value={invoice.amountDue} />
      </dl>
      <InvoicePayPanel model={model} invoice={invoice} lastPayment={invoice.payments[0]} nav={nav} />
      <AskAboutInvoice />
      {invoice.pdfUrl ? (
        <p>
          <a href={invoice.pdfUrl} target="_blank" rel="noopener noreferrer">
            {t('invoices.detail.pdf')} <span class="visually-hidden">{t('invoices.detail.newTab')}</span>
          </a>
        </p>
      ) : null}
      {invoice.corrections.length > 0 ? (
        <Section title={t('invoices.detail.corrections')} class="corrections">
          <ul class="plain-list">
            {invoice.corrections.map((correction) => (
              <li key={correction.id} class="correction">
                <p class="row">
                  <strong>
                    {t('invoices.detail.correction', {
                      number: correction.number,
                      date: formatDate(correction.issueDate, locale),
                    })}
                  </strong>
                  <Money value={correction.amount} locale={locale} />
                </p>
                {correction.note ? (
                  <blockquote class="merchant-note">
                    <p class="note-label">{t('invoices.detail.correctionNote')}</p>
                    <p lang={correction.lang ?? undefined}>{correction.note}</p>
                  </blockquote>
                ) : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <InvoiceLinesTable invoice={invoice} lines={lines} />
      <Section title={t('invoices.detail.totals')} class="totals">
        {/* In the order a customer checks them: each line adds to or takes from the one above. */}
        <dl class="totals-list">
          <MoneyFigure label={t('invoices.detail.subtotal')} value={invoice.subtotal} />
          {invoice.discountTotal.amount !== 0 ? <MoneyFigure label={t('invoices.detail.discountTotal')} value={invoice.discountTotal} /> : null}
          <MoneyFigure label={t('invoices.detail.taxTotal')} value={invoice.taxTotal} />
          {invoice.creditTotal.amount !== 0 ? <MoneyFigure label={t('invoices.detail.corrected')} value={invoice.creditTotal} /> : null}
          <div class="grand-total">
            <dt>{t('invoices.detail.total')}</dt>
            <dd>
              <Money value={invoice.total} locale={locale} />
            </dd>
          </div>
          <MoneyFigure label={t('invoices.detail.amountPaid')} value={{ ...invoice.amountPaid, amount: -invoice.amountPaid.amount }} />
          <div class="grand-total">
            <dt>{t('invoices.detail.amountDue')}</dt>
            <dd>
              <Money value={invoice.amountDue} locale={locale} />
            </dd>
          </div>
        </dl>
      </Section>
      <Section title={t('invoices.detail.payments')} class="payments">
        {invoice.payments.length === 0 ? (
          <p>{t('invoices.detail.noPayments')}</p>
        ) : (
          <ul class="plain-list">
            {invoice.payments.map((payment) => (
              <li key={payment.id} class="row payment-row">
                <span>
                  {payment.paymentMethodLabel
                    ? t('invoices.detail.paymentWith', {
                        amount: formatMoney(payment.amount, locale),
                        method: payment.paymentMethodLabel,
                      })
                    : formatMoney(payment.amount, locale)}
                </span>
                <span class="muted">
                  {t('invoices.detail.paymentAt', { date: formatDateTime(payment.createdAt, locale) })}
                </span>
                <StatusBadge label={t(`invoices.paymentStatus.${payment.status}`)} tone={PAYMENT_TONE[payment.status]} />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

/** One labelled amount of a `<dl>`: the invoice's figures and totals. */
function MoneyFigure({ label, value }: { label: string; value: MoneyValue }) {
  const { locale } = useI18n();
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <Money value={value} locale={locale} />
      </dd>
    </div>
  );
}

/** "Ask about this invoice", when the questions screen is available. */
function AskAboutInvoice() {
  const { t } = useI18n();
  const ask = useContext(AskContext);
  if (!ask) return null;
  return (
    <p>
      <button type="button" class="link-button" onClick={() => ask()}>
        {t('invoices.detail.askInvoice')}
      </button>
    </p>
  );
}
