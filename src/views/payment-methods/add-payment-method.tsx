import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n-context.ts';
import type { CollectorSession } from '../../payments/collector.ts';
import type { PaymentMethodsModel } from '../../state/payment-methods.ts';
import { Button } from '../../ui/button.tsx';
import { changeErrorMessage, K } from './labels.ts';

/** Props of {@link AddPaymentMethod}. */
export interface AddPaymentMethodProps {
  model: PaymentMethodsModel;
  /** Whether "make default" starts ticked (no usable default yet). */
  suggestDefault: boolean;
  /** Closes the panel; `added` when a method was saved. */
  onClose: (added: boolean) => void;
}

type Phase = 'loading' | 'ready' | 'failed' | 'unavailable';

/**
 * Adding a method: the payment provider's hosted fields (through the element's
 * `paymentMethodCollector`) mounted into a container here, a "make default" choice, and Save.
 * Billfold renders no card input and only ever holds the provider's token.
 */
export function AddPaymentMethod({ model, suggestDefault, onClose }: AddPaymentMethodProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const session = useRef<CollectorSession | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>('loading');
  const [attempt, setAttempt] = useState(0);
  const [makeDefault, setMakeDefault] = useState(suggestDefault);
  const [error, setError] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  // Mount the provider's fields; remount on "Try again" or a change of language.
  useEffect(() => {
    const target = container.current;
    if (!target) return;
    const { collector, theme } = model.environment();
    if (!collector) {
      setPhase('unavailable');
      return;
    }
    let cancelled = false;
    setPhase('loading');
    collector.mount(target, { locale, theme }).then(
      (mounted) => {
        if (cancelled) mounted.destroy();
        else {
          session.current = mounted;
          setPhase('ready');
        }
      },
      () => {
        if (!cancelled) setPhase('failed');
      },
    );
    return () => {
      cancelled = true;
      session.current?.destroy();
      session.current = undefined;
      target.replaceChildren();
    };
  }, [locale, attempt]);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function save(event: Event) {
    event.preventDefault();
    if (saving || !session.current) return;
    setError(undefined);
    setSaving(true);
    try {
      const result = await session.current.submit();
      if ('error' in result) {
        setError(result.error);
        return;
      }
      const method = await model.add(result.token, makeDefault);
      if (method) onClose(true);
      else {
        const failure = model.addition.error.peek();
        if (failure) setError(changeErrorMessage(t, failure));
      }
    } finally {
      setSaving(false);
    }
  }

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
      ) : (
        <form onSubmit={(event) => void save(event)} noValidate aria-describedby={`${id}-intro`}>
          <p id={`${id}-intro`}>{t(`${K}.addIntro`)}</p>
          {phase === 'loading' && (
            <p role="status" class="loading">
              {t(`${K}.collectorLoading`)}
            </p>
          )}
          {phase === 'failed' && (
            <div role="alert" class="alert" part="alert">
              <p>{t(`${K}.collectorFailed`)}</p>
              <Button onClick={() => setAttempt((n) => n + 1)}>{t('error.retry')}</Button>
            </div>
          )}
          {/* The provider renders its fields (an iframe on its own origin) in here. */}
          <div class="pm-collector" ref={container} />
          <p id={`${id}-error`} ref={errorRef} tabIndex={-1} role="alert" class={error ? 'pm-field-error' : 'visually-hidden'}>
            {error ?? ''}
          </p>
          <div class="pm-check">
            <input
              id={`${id}-default`}
              type="checkbox"
              checked={makeDefault}
              onChange={(event) => setMakeDefault((event.target as HTMLInputElement).checked)}
            />
            <label for={`${id}-default`}>{t(`${K}.makeNewDefault`)}</label>
          </div>
          <div class="pm-actions">
            <Button type="submit" variant="primary" busy={saving} disabled={phase !== 'ready'}>
              {saving ? t(`${K}.saving`) : t(`${K}.save`)}
            </Button>
            <Button onClick={() => onClose(false)} disabled={saving}>
              {t(`${K}.cancel`)}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
