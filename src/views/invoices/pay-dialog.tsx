import { useEffect, useState } from 'preact/hooks';
import type { PaymentMethod } from '../../contract/index.ts';
import type { InvoicesModel } from '../../state/invoices.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatMoney } from '../../i18n/format.ts';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { FormShell } from '../form-shell.tsx';
import { Remote } from '../screen.tsx';
import { methodLabel, payErrorMessage } from './invoice-format.ts';
import { usableMethods, type PayableInvoice, type PayNavigation } from './pay-actions.ts';

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
 * The method chosen at first: the preferred one (a card just added), else the default, else the
 * first — never the one that just failed while another can be used. The failed one stays in the
 * list: after a top-up the customer may want it again, by choice.
 */
function preselect(usable: readonly PaymentMethod[], prefer: string | null | undefined, avoid: string | null | undefined): string | undefined {
  const others = usable.filter((m) => m.id !== avoid);
  return (others.find((m) => m.id === prefer) ?? others.find((m) => m.isDefault) ?? others[0] ?? usable[0])?.id;
}
