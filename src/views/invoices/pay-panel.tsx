import { useEffect, useRef, useState } from 'preact/hooks';
import type { TFunction } from 'i18next';
import type { Money, Payment, PaymentMethod } from '../../contract/index.ts';
import type { InvoicesModel } from '../../state/invoices.ts';
import { isPayable } from '../../state/invoices.ts';
import type { Route, ViewName } from '../../state/routes.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatMoney } from '../../i18n/format.ts';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { localToday } from '../../lib/calendar.ts';
import { isCardExpired } from '../../lib/card.ts';
import { FormShell } from '../form-shell.tsx';
import { Remote } from '../screen.tsx';
import { methodLabel, payErrorMessage } from './invoice-format.ts';
import { PaymentFailureExplanation, type FailureAction } from './payment-failure.tsx';

/** How pay controls move the customer elsewhere, and which screens exist for them. */
export interface PayNavigation {
  navigate: (route: Route) => void;
  /** Whether a screen exists and is enabled for this customer. */
  canOpen: (view: ViewName) => boolean;
}

/** What the pay controls need to know of an invoice (a summary, a detail or an overview row). */
export interface PayableInvoice {
  id: string;
  number: string;
  status: 'open' | 'past_due' | 'processing' | 'paid' | 'on_plan' | 'void';
  amountDue: Money;
}

/** Props of {@link PayDialog}. */
export interface PayDialogProps {
  model: InvoicesModel;
  invoice: PayableInvoice;
  open: boolean;
  onClose: () => void;
  /** A method not to preselect (the one that just failed). */
  avoidMethodId?: string | null;
  /** The method to preselect when it can be used (a card just added to fix a failure). */
  preferMethodId?: string | null;
  nav: PayNavigation;
  /** Where focus goes when the dialog closes and its opener is gone. */
  returnFocus: () => HTMLElement | null | undefined;
}

/**
 * The confirm step: the amount, the invoice and the method (the default preselected; any saved
 * method can be picked), then one "Pay" that submits once however often it is pressed.
 */
export function PayDialog({ model, invoice, open, onClose, avoidMethodId, preferMethodId, nav, returnFocus }: PayDialogProps) {
  const { t, locale } = useI18n();
  const methods = model.methods.value;
  const form = model.payForm(invoice.id);
  const busy = form.busy.value;
  const amount = formatMoney(invoice.amountDue, locale);
  const [paid, setPaid] = useState(false);

  useEffect(() => {
    if (!open) return;
    setPaid(false);
    form.reset();
    // Fresh methods every time: one may have been added or removed on another screen.
    void model.reloadMethods();
  }, [open]);

  const list = methods.status === 'ready' ? methods.data : [];
  const usable = usableMethods(list);
  const chosen = form.draft.value.paymentMethodId;
  const selected = chosen && usable.some((m) => m.id === chosen) ? chosen : preselect(usable, preferMethodId, avoidMethodId);

  async function confirm() {
    if (!selected || busy) return;
    const payment = await model.pay(invoice, selected);
    if (payment) {
      setPaid(true);
      onClose();
    }
  }

  function close() {
    if (busy) return;
    form.dismiss();
    onClose();
  }

  return (
    <Dialog
      open={open}
      title={t('invoices.pay.confirmTitle')}
      onClose={close}
      busy={busy}
      returnFocus={returnFocus}
      // Paid: focus goes to the payment's progress, not back to "Pay now".
      preferReturnFocus={paid}
      summary={t('invoices.pay.summary', { amount, number: invoice.number })}
    >
      <FormShell
        form={form.status}
        class="pay-form"
        onSubmit={() => void confirm()}
        describe={() => ({ target: '', message: '' })}
        failureText={(error) => `${payErrorMessage(t, error)} ${t('invoices.pay.onceOnly')}`}
        canRetry={() => false}
        submitLabel={t('invoices.pay.confirm', { amount })}
        busyLabel={t('invoices.pay.paying')}
        submitDisabled={!selected}
        actions={
          <Button onClick={close} disabled={busy}>
            {t('invoices.pay.cancel')}
          </Button>
        }
      >
        {methods.status === 'ready' && usable.length > 0 ? (
          <fieldset class="methods">
            <legend>{t('invoices.pay.method')}</legend>
            {usable.map((method) => (
              <label key={method.id} class="method-option">
                <input
                  type="radio"
                  name="payment-method"
                  value={method.id}
                  checked={method.id === selected}
                  disabled={busy}
                  onChange={() => form.set('paymentMethodId', method.id)}
                />
                <span>
                  {methodLabel(t, method)}
                  {method.isDefault ? <span class="method-default"> {t('invoices.pay.default')}</span> : null}
                </span>
              </label>
            ))}
          </fieldset>
        ) : methods.status === 'ready' ? (
          <div class="no-methods">
            <p>{list.length > 0 ? t('invoices.pay.noUsableMethods') : t('invoices.pay.noMethods')}</p>
            {nav.canOpen('payment-methods') ? (
              <Button onClick={() => nav.navigate({ view: 'payment-methods' })}>{t('invoices.pay.addMethod')}</Button>
            ) : null}
          </div>
        ) : (
          <Remote state={methods} onRetry={() => void model.reloadMethods()} loading={t('invoices.pay.loadingMethods')}>
            {() => null}
          </Remote>
        )}
      </FormShell>
    </Dialog>
  );
}

/**
 * The methods a payment can be made with now: never a card that has expired (a charge on it
 * fails for certain), and, when `avoid` is given, not the method that just failed.
 */
export function usableMethods(methods: readonly PaymentMethod[], avoid?: string | null): PaymentMethod[] {
  const today = localToday();
  return methods.filter((m) => m.id !== avoid && !(m.type === 'card' && isCardExpired(m, today)));
}

/**
 * The method chosen at first: the preferred one (a card just added), else the default, else the
 * first — never the one that just failed while another can be used. The failed one stays in the
 * list: after a top-up the customer may want it again, by choice.
 */
function preselect(usable: readonly PaymentMethod[], prefer: string | null | undefined, avoid: string | null | undefined): string | undefined {
  const others = usable.filter((m) => m.id !== avoid);
  return (others.find((m) => m.id === prefer) ?? others.find((m) => m.isDefault) ?? others[0] ?? usable[0])?.id;
}

/** What the customer can do about a failed payment, the backend's suggestion first. */
export function failureActions(
  t: TFunction,
  payment: Payment,
  nav: PayNavigation,
  payOther: (() => void) | undefined,
): FailureAction[] {
  const actions: FailureAction[] = [];
  const suggested = payment.failure?.suggestedAction;
  if (nav.canOpen('payment-methods')) {
    actions.push({
      label: t(payment.failure?.reason === 'card_expired' ? 'invoices.failure.updateCard' : 'invoices.failure.updateMethod'),
      onClick: () => nav.navigate({ view: 'payment-methods' }),
      primary: suggested === 'update_payment_method',
    });
  }
  if (payOther) {
    actions.push({ label: t('invoices.failure.payOther'), onClick: payOther, primary: suggested === 'pay_with_other_method' });
  }
  if (nav.canOpen('payment-plan')) {
    actions.push({
      label: t('invoices.failure.askPlan'),
      onClick: () => nav.navigate({ view: 'payment-plan' }),
      primary: suggested === 'request_payment_plan',
    });
  } else if (nav.canOpen('contact')) {
    actions.push({ label: t('invoices.failure.contactPlan'), onClick: () => nav.navigate({ view: 'contact' }) });
  }
  // The suggested step first; at most one primary button.
  const primary = actions.findIndex((a) => a.primary);
  if (primary > 0) actions.unshift(...actions.splice(primary, 1));
  if (primary === -1 && actions[0]) actions[0].primary = true;
  return actions;
}

/**
 * The words for a payment this portal follows: processing, then paid or failed — or, when it
 * takes long, that it is still on its way and there is no need to pay again. Never silence.
 */
export function paymentProgressText(t: TFunction, locale: string, payment: Payment, invoiceNumber: string, slow = false): string {
  const amount = formatMoney(payment.amount, locale);
  if (payment.status === 'pending') return t(slow ? 'invoices.pay.slow' : 'invoices.pay.processing', { amount });
  if (payment.status === 'succeeded') return t('invoices.pay.succeeded', { amount, number: invoiceNumber });
  return t('invoices.pay.failed', { amount });
}

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
