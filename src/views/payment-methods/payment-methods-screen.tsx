import { useEffect, useRef, useState } from 'preact/hooks';
import type { BillfoldError } from '../../api/errors.ts';
import type { PaymentMethod } from '../../contract/index.ts';
import { formatDate, todayIsoDate } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import {
  createPaymentMethodsModel,
  expiresBefore,
  isCardExpired,
  type PaymentMethodsModel,
} from '../../state/payment-methods.ts';
import { Button } from '../../ui/button.tsx';
import type { ScreenProps } from '../screens.ts';
import { AddPaymentMethod } from './add-payment-method.tsx';
import { changeErrorMessage, K, methodName } from './labels.ts';
import { Remote, Screen } from '../screen.tsx';

/**
 * Payment methods: the saved cards, bank accounts and wallets; make one the default, remove one
 * (with a confirm step), add one through the merchant's payment provider (the element's
 * `paymentMethodCollector`). Deep link: `view="payment-methods"`.
 */
export default function PaymentMethodsScreen({ store, account, headingRef }: ScreenProps) {
  const { t } = useI18n();
  const model = store.model(createPaymentMethodsModel);
  useEffect(() => {
    void model.load();
  }, [model]);
  const state = model.list.value;
  const outcome = model.outcome.value;
  const status = useRef<HTMLParagraphElement>(null);
  const lastFocused = useRef(outcome?.seq ?? 0);
  const [adding, setAdding] = useState(false);
  const addButton = useRef<HTMLDivElement>(null);

  // After a change, take the customer to its confirmation (the item they acted on may be gone).
  useEffect(() => {
    if (!outcome || outcome.seq === lastFocused.current) return;
    lastFocused.current = outcome.seq;
    status.current?.focus();
  }, [outcome]);

  const content = (
    <Remote state={state} onRetry={() => void model.reload()} loading={t(`${K}.loading`)}>
      {({ items }) =>
        items.length ? (
          <ul class="pm-list" aria-label={t(`${K}.listLabel`)}>
            {items.map((method) => (
              <MethodItem key={method.id} model={model} method={method} only={items.length === 1} nextCharge={account.nextCharge?.date} />
            ))}
          </ul>
        ) : (
          <p>{t(`${K}.empty`)}</p>
        )
      }
    </Remote>
  );

  const outcomeText = outcome
    ? t(`${K}.outcome_${outcome.kind}${outcome.kind === 'added' && outcome.method.isDefault ? '_default' : ''}`, {
        method: methodName(t, outcome.method),
      })
    : '';

  return (
    <Screen class="payment-methods" title={t(`${K}.title`)} intro={t(`${K}.intro`)} headingRef={headingRef}>
      {/* Always in the DOM so screen readers announce what changes in it. */}
      <p ref={status} role="status" tabIndex={-1} class={outcome ? 'pm-outcome' : 'pm-outcome visually-hidden'}>
        {outcomeText}
      </p>
      {content}
      {state.status === 'ready' &&
        (adding ? (
          <AddPaymentMethod
            model={model}
            onClose={(added) => {
              setAdding(false);
              if (!added) queueMicrotask(() => addButton.current?.querySelector('button')?.focus());
            }}
          />
        ) : (
          <div class="pm-add" ref={addButton}>
            <Button variant="primary" onClick={() => setAdding(true)}>
              {t(`${K}.add`)}
            </Button>
          </div>
        ))}
    </Screen>
  );
}

interface MethodItemProps {
  model: PaymentMethodsModel;
  method: PaymentMethod;
  /** The only saved method (the server refuses to remove it while a charge is scheduled). */
  only: boolean;
  nextCharge: string | undefined;
}

function MethodItem({ model, method, only, nextCharge }: MethodItemProps) {
  const { t, locale } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<BillfoldError | undefined>(undefined);
  const [failure, setFailure] = useState<BillfoldError | undefined>(undefined);
  const [busy, setBusy] = useState<'default' | 'remove' | undefined>(undefined);
  const confirmRef = useRef<HTMLDivElement>(null);
  const removeRef = useRef<HTMLDivElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const name = methodName(t, method);
  const today = todayIsoDate();

  useEffect(() => {
    if (confirming) confirmRef.current?.querySelector<HTMLElement>('.pm-confirm-title')?.focus();
  }, [confirming]);
  useEffect(() => {
    if (refusal || failure) messageRef.current?.querySelector<HTMLElement>('[tabindex="-1"]')?.focus();
  }, [refusal, failure]);

  let expiry;
  let warning;
  if (method.type === 'card') {
    const date = `${String(method.expMonth).padStart(2, '0')}/${method.expYear}`;
    const expired = isCardExpired(method, today);
    expiry = <span class={expired ? 'pm-expired' : 'muted'}>{t(`${K}.${expired ? 'expired' : 'expires'}`, { date })}</span>;
    if (expired) warning = t(`${K}.warnExpired`);
    else if (nextCharge && expiresBefore(method, nextCharge)) {
      warning = t(`${K}.warnBeforeCharge`, { date: formatDate(nextCharge, locale) });
    }
  }

  async function makeDefault() {
    setFailure(undefined);
    setRefusal(undefined);
    setBusy('default');
    const ok = await model.makeDefault(method.id);
    setBusy(undefined);
    if (!ok) setFailure(model.defaulting.error.peek());
  }

  async function remove() {
    setBusy('remove');
    const ok = await model.remove(method.id);
    setBusy(undefined);
    setConfirming(false);
    if (ok) return;
    const error = model.removal.error.peek();
    if (error?.code === 'payment_method_required') setRefusal(error);
    else {
      setFailure(error);
      if (error?.kind === 'not_found') void model.reload();
    }
  }

  function cancel() {
    setConfirming(false);
    queueMicrotask(() => removeRef.current?.querySelector('button')?.focus());
  }

  return (
    <li class="card pm-item" part="card">
      <div class="pm-head">
        <h3 class="pm-name">{name}</h3>
        {method.isDefault && <span class="badge badge-ok">{t(`${K}.default`)}</span>}
      </div>
      {expiry && <p class="pm-detail">{expiry}</p>}
      {method.type === 'bank_account' && <p class="pm-detail muted">•••• {method.last4}</p>}
      {method.type === 'wallet' && method.label && <p class="pm-detail muted">{t(`${K}.walletLabel`, { label: method.label })}</p>}
      {method.isDefault && <p class="pm-detail muted">{t(`${K}.defaultHint`)}</p>}
      {warning && (
        <p class="pm-warning">
          <span class="badge badge-warning" aria-hidden="true">
            !
          </span>{' '}
          {warning}
        </p>
      )}
      {confirming ? (
        <div class="pm-confirm" ref={confirmRef} role="group" aria-labelledby={`${method.id}-confirm`}>
          <p class="pm-confirm-title" id={`${method.id}-confirm`} tabIndex={-1}>
            {t(`${K}.confirmRemove`, { method: name })}
          </p>
          <p>
            {t(`${K}.confirmRemoveText`)} {method.isDefault && !only ? t(`${K}.confirmRemoveDefault`) : ''}
          </p>
          <div class="pm-actions">
            <Button variant="primary" onClick={() => void remove()} busy={busy === 'remove'} disabled={busy === 'remove'}>
              {busy === 'remove' ? t(`${K}.removing`) : t(`${K}.confirmYes`)}
            </Button>
            <Button onClick={cancel} disabled={busy === 'remove'}>
              {t(`${K}.confirmNo`)}
            </Button>
          </div>
        </div>
      ) : (
        <div class="pm-actions" ref={removeRef}>
          {/* An expired card cannot become the default: every charge on it would fail. */}
          {!method.isDefault && !(method.type === 'card' && isCardExpired(method, today)) && (
            <button
              type="button"
              part="button"
              class="button button-secondary"
              aria-label={t(`${K}.makeDefaultLabel`, { method: name })}
              aria-busy={busy === 'default' ? 'true' : undefined}
              disabled={busy === 'default'}
              onClick={() => void makeDefault()}
            >
              {busy === 'default' ? t(`${K}.makingDefault`) : t(`${K}.makeDefault`)}
            </button>
          )}
          <button
            type="button"
            part="button"
            class="button button-secondary"
            aria-label={t(`${K}.removeLabel`, { method: name })}
            onClick={() => {
              setRefusal(undefined);
              setFailure(undefined);
              setConfirming(true);
            }}
          >
            {t(`${K}.remove`)}
          </button>
        </div>
      )}
      <div ref={messageRef}>
        {refusal && (
          <div role="alert" class="alert pm-refusal" part="alert">
            <p tabIndex={-1}>
              {nextCharge
                ? t(`${K}.refusedLastDate`, { method: name, date: formatDate(nextCharge, locale) })
                : t(`${K}.refusedLast`, { method: name })}
            </p>
          </div>
        )}
        {failure && (
          <div role="alert" class="alert" part="alert">
            <p tabIndex={-1}>{changeErrorMessage(t, failure)}</p>
          </div>
        )}
      </div>
    </li>
  );
}
