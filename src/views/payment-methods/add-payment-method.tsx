import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n-context.ts';
import type { PaymentMethodsModel } from '../../state/payment-methods.ts';
import { Button } from '../../ui/button.tsx';
import { FormShell } from '../form-shell.tsx';
import { Loading } from '../screen.tsx';
import { changeErrorMessage, K } from './labels.ts';

/** Props of {@link AddPaymentMethod}. */
export interface AddPaymentMethodProps {
  model: PaymentMethodsModel;
  /** Closes the panel; `added` when a method was saved. */
  onClose: (added: boolean) => void;
}

/**
 * Adding a method: the payment provider's hosted fields (through the element's
 * `paymentMethodCollector`, mounted by the model) in a container here, a "make default" choice,
 * and Save. Billfold renders no card input and only ever holds the provider's token.
 */
export function AddPaymentMethod({ model, onClose }: AddPaymentMethodProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const [attempt, setAttempt] = useState(0);
  const form = model.addition;
  const phase = model.collectorPhase.value;
  const issue = form.issues.value[0];

  useEffect(() => {
    heading.current?.focus();
  }, []);

  // The provider's fields, again on "Try again" or in another language.
  useEffect(() => (container.current ? model.mountCollector(container.current, locale) : undefined), [locale, attempt]);

  return (
    <section class="card pm-add-form" part="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t(`${K}.addTitle`)}
      </h3>
      {phase === 'unavailable' ? (
        <>
          <p>{t(`${K}.addUnavailable`)}</p>
          <div class="pm-actions">
            <Button onClick={() => onClose(false)}>{t(`${K}.cancel`)}</Button>
          </div>
        </>
      ) : null}
      <div hidden={phase === 'unavailable'}>
        <p id={`${id}-intro`}>{t(`${K}.addIntro`)}</p>
        <FormShell
          form={form.status}
          onSubmit={() =>
            void model.add().then((method) => {
              if (method) onClose(true);
            })
          }
          describe={() => ({ target: `${id}-error`, message: '' })}
          failureText={(error) => changeErrorMessage(t, error)}
          canRetry={() => false}
          submitLabel={t(`${K}.save`)}
          busyLabel={t(`${K}.saving`)}
          submitDisabled={phase !== 'ready'}
          actions={
            <Button onClick={() => onClose(false)} disabled={form.busy.value}>
              {t(`${K}.cancel`)}
            </Button>
          }
        >
          {phase === 'loading' ? <Loading text={t(`${K}.collectorLoading`)} /> : null}
          {phase === 'failed' ? (
            <div role="alert" class="alert" part="alert">
              <p>{t(`${K}.collectorFailed`)}</p>
              <Button onClick={() => setAttempt((n) => n + 1)}>{t('error.retry')}</Button>
            </div>
          ) : null}
          {/* The provider renders its fields (an iframe on its own origin) in here. */}
          <div class="pm-collector" ref={container} />
          <p id={`${id}-error`} tabIndex={-1} role="alert" class={issue ? 'pm-field-error' : 'visually-hidden'}>
            {issue ? (issue.serverMessage ?? t(`${K}.addUnavailable`)) : ''}
          </p>
          <div class="pm-check">
            <input
              id={`${id}-default`}
              type="checkbox"
              checked={form.draft.value.makeDefault}
              onChange={(event) => form.set('makeDefault', event.currentTarget.checked)}
            />
            <label for={`${id}-default`}>{t(`${K}.makeNewDefault`)}</label>
          </div>
        </FormShell>
      </div>
    </section>
  );
}
