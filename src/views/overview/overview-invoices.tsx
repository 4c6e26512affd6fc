import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountSummary, OutstandingInvoice, Payment } from '../../contract/index.ts';
import { createInvoicesModel, isPayable } from '../../state/invoices.ts';
import type { PortalStore } from '../../state/portal-store.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Money } from '../../ui/money.tsx';
import { StatusBadge, type BadgeTone } from '../../ui/status-badge.tsx';
import { methodLabel } from '../invoices/invoice-format.ts';
import { failureActions, paymentProgressText, usableMethods } from '../invoices/pay-actions.ts';
import { lazyChunk } from '../../lib/lazy-chunk.ts';
import { payNavigation } from '../invoices/pay-navigation.ts';
import { PaymentFailureExplanation } from '../invoices/payment-failure.tsx';

/** Props of {@link OverviewInvoices}. */
export interface OverviewInvoicesProps {
  store: PortalStore;
  account: AccountSummary;
  tone: Record<OutstandingInvoice['status'], BadgeTone>;
}

/**
 * The overview's open invoices with what can be done about each right there: pay it (the same
 * confirm step as on the invoice), see it, and — after a failed payment — why it failed and
 * how to fix it. Payments started here report their progress in one live region that stays
 * put when a paid invoice leaves the list.
 */
export function OverviewInvoices({ store, account, tone }: OverviewInvoicesProps) {
  const { t, locale } = useI18n();
  const model = store.model(createInvoicesModel);
  const nav = payNavigation(store);
  // Kept after closing so the dialog stays mounted and can hand focus back.
  const [paying, setPaying] = useState<{ invoice: OutstandingInvoice; avoid: string | null; prefer?: string; open: boolean } | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const invoices = account.outstandingInvoices;
  const sessionPayments = [...model.payments.value.values()];

  const lastFailedId = account.lastFailedPaymentId ?? undefined;
  const lastFailedQuery = lastFailedId ? model.payment(lastFailedId) : undefined;
  useEffect(() => {
    void lastFailedQuery?.ensure();
  }, [lastFailedQuery]);
  const lastFailedState = lastFailedQuery?.state.value;

  // The failure worth explaining: a payment that failed here just now, else the account's last
  // failed payment — as long as its invoice still waits to be paid.
  const outstanding = (payment: Payment | undefined) => {
    const invoice = payment && invoices.find((i) => i.id === payment.invoiceId);
    return invoice && isPayable(invoice) ? invoice : undefined;
  };
  const sessionFailure = sessionPayments.find((p) => p.status === 'failed' && outstanding(p));
  const failed =
    sessionFailure ?? (lastFailedState?.status === 'ready' && outstanding(lastFailedState.data) ? lastFailedState.data : undefined);
  const failedInvoice = outstanding(failed);
  const canSeeInvoices = nav.canOpen('invoices');
  // After a failure, a method that can pay now (a card just added) is offered right here.
  useEffect(() => {
    if (failedInvoice) void model.ensureMethods();
  }, [failedInvoice?.id]);
  const methods = model.methods.value;
  const ready = failed && failedInvoice && methods.status === 'ready' ? usableMethods(methods.data, failed.paymentMethodId) : [];
  const payWith = ready.find((m) => m.isDefault) ?? ready[0];
  const { PayDialog, failed: payDialogFailed } = usePayDialog(paying?.open ? paying : null);

  return (
    <div class="overview-invoices">
      <div role="status" class="pay-status" tabIndex={-1} ref={statusRef}>
        {sessionPayments
          .filter((p) => p.status !== 'failed')
          .map((payment) => (
            <p key={payment.id} class={`pay-progress pay-progress-${payment.status}`}>
              {paymentProgressText(t, locale, payment, model.invoiceNumber(payment.invoiceId), model.slow.value.has(payment.id))}
            </p>
          ))}
        {sessionFailure ? (
          // Announced here; shown once, in the banner, when the banner states the failure.
          <p class={`pay-progress pay-progress-failed${account.status === 'payment_failed' ? ' visually-hidden' : ''}`}>{paymentProgressText(t, locale, sessionFailure, model.invoiceNumber(sessionFailure.invoiceId))}</p>
        ) : null}
      </div>
      {failed && failedInvoice && payWith ? (
        <div class="fix-ready">
          <Button variant="primary" onClick={() => setPaying({ invoice: failedInvoice, avoid: failed.paymentMethodId ?? null, prefer: payWith.id, open: true })}>
            {t('invoices.failure.payNowWith', { amount: formatMoney(failedInvoice.amountDue, locale), method: methodLabel(t, payWith) })}
          </Button>
        </div>
      ) : null}
      {failed && failedInvoice ? (
        <PaymentFailureExplanation
          payment={failed}
          statedAbove={account.status === 'payment_failed'}
          tone={{ segment: account.customer.segment, situation: account.situation }}
          actions={failureActions(t, failed, nav, () =>
            setPaying({ invoice: failedInvoice, avoid: failed.paymentMethodId ?? null, open: true }),
          )}
        />
      ) : null}
      {invoices.length === 0 ? (
        <p>{t('overview.noInvoices')}</p>
      ) : (
        <ul class="invoice-list">
          {invoices.map((invoice) => (
            <li key={invoice.id} class="invoice-row">
              <InvoiceFacts invoice={invoice} tone={tone[invoice.status]} />
              <span class="overview-actions">
                {isPayable(invoice) && model.payments.value.get(invoice.id)?.status !== 'pending' ? (
                  <Button variant="primary" onClick={() => setPaying({ invoice, avoid: null, open: true })}>
                    {t('invoices.pay.payNow')}{' '}
                    <span class="visually-hidden">{t('invoices.pay.forInvoice', { number: invoice.number })}</span>
                  </Button>
                ) : null}
                {canSeeInvoices ? (
                  <Button onClick={() => store.navigate({ view: 'invoices', id: invoice.id })}>
                    {t('invoices.overview.seeInvoice')}
                    <span class="visually-hidden"> {invoice.number}</span>
                  </Button>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      {paying?.open && payDialogFailed ? <Alert message={t('error.network')} /> : null}
      {paying && PayDialog ? (
        <PayDialog
          model={model}
          invoice={paying.invoice}
          open={paying.open}
          onClose={() => setPaying({ ...paying, open: false })}
          avoidMethodId={paying.avoid}
          preferMethodId={paying.prefer ?? null}
          nav={nav}
          returnFocus={() => statusRef.current}
        />
      ) : null}
    </div>
  );
}

/** The confirm step's code (with the form and dialog it is built from): a lazy chunk, fetched when idle or on "Pay now". */
export const payDialog = lazyChunk(() => import('../invoices/pay-dialog.tsx').then((module) => module.PayDialog));

/**
 * The pay dialog's component once `wanted` (the dialog asked for; a new object for each "Pay now")
 * has loaded it, at once when it already was; `failed` when it could not be loaded.
 */
function usePayDialog(wanted: object | null) {
  const [PayDialog, setPayDialog] = useState(() => payDialog.loaded());
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!wanted || PayDialog) return;
    let live = true;
    setFailed(false);
    void payDialog.load().then(
      (loaded) => live && setPayDialog(() => loaded),
      (error: unknown) => {
        console.error('Billfold: could not load the pay dialog', error);
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [wanted, PayDialog]);
  return { PayDialog, failed };
}

/** What the overview says of an outstanding invoice: its number, amount due, due date and status. */
export function InvoiceFacts({ invoice, tone }: { invoice: OutstandingInvoice; tone: BadgeTone }) {
  const { t, locale } = useI18n();
  return (
    <>
      <span class="invoice-number">{t('overview.invoiceNumber', { number: invoice.number })}</span>
      <Money value={invoice.amountDue} locale={locale} />
      <span class="invoice-due">{t('overview.due', { date: formatDate(invoice.dueDate, locale, 'medium') })}</span>
      <StatusBadge label={t(`status.${invoice.status}`)} tone={tone} />
    </>
  );
}
