import { useRef, useState } from 'preact/hooks';
import type { Payment } from '../../contract/index.ts';
import type { InvoicesModel } from '../../state/invoices.ts';
import { isPayable } from '../../state/invoices.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { Button } from '../../ui/button.tsx';
import { PayDialog } from './pay-dialog.tsx';
import { PaymentFailureExplanation } from './payment-failure.tsx';
import { failureActions, paymentProgressText, type PayableInvoice, type PayNavigation } from './pay-actions.ts';

/** Props of {@link InvoicePayPanel}. */
export interface InvoicePayPanelProps {
  model: InvoicesModel;
  invoice: PayableInvoice;
  /** The invoice's latest payment as the backend reported it (newest first in the detail). */
  lastPayment?: Payment | undefined;
  nav: PayNavigation;
}

/**
 * Everything about paying one invoice on its detail screen: "Pay now" with its confirm step, the
 * payment's progress in a live region (processing, then paid or failed, by itself), and a failed
 * payment's explanation with the next steps.
 */
export function InvoicePayPanel({ model, invoice, lastPayment, nav }: InvoicePayPanelProps) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [avoid, setAvoid] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const session = model.payments.value.get(invoice.id);
  // A payment followed in this portal is newer than what the detail last said.
  const payment = session ?? lastPayment;
  const processing = invoice.status === 'processing' || payment?.status === 'pending';
  const payable = isPayable(invoice) && !processing;
  const failed = payable && payment?.status === 'failed' ? payment : undefined;

  const openDialog = (avoidMethodId: string | null) => {
    setAvoid(avoidMethodId);
    setOpen(true);
  };

  return (
    <div class="pay-panel">
      <div role="status" class="pay-status" tabIndex={-1} ref={statusRef}>
        {session && (session.status !== 'failed' || failed) ? (
          <p class={`pay-progress pay-progress-${session.status}`}>
            {paymentProgressText(t, locale, session, invoice.number, model.slow.value.has(session.id))}
          </p>
        ) : processing && payment ? (
          <p class="pay-progress pay-progress-pending">{paymentProgressText(t, locale, payment, invoice.number)}</p>
        ) : null}
      </div>
      {failed ? (
        <PaymentFailureExplanation
          payment={failed}
          actions={failureActions(t, failed, nav, () => openDialog(failed.paymentMethodId ?? null))}
        />
      ) : null}
      {payable ? (
        <div class="actions">
          <Button variant="primary" onClick={() => openDialog(null)}>
            {t('invoices.pay.payNow')}{' '}
            <span class="visually-hidden">{t('invoices.pay.forInvoice', { number: invoice.number })}</span>
          </Button>
        </div>
      ) : null}
      <PayDialog
        model={model}
        invoice={invoice}
        open={open}
        onClose={() => setOpen(false)}
        avoidMethodId={avoid}
        nav={nav}
        returnFocus={() => statusRef.current}
      />
    </div>
  );
}
