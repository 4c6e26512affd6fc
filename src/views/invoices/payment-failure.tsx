import { useId } from 'preact/hooks';
import type { Payment, PaymentFailure, RelationshipSegment, Situation } from '../../contract/index.ts';
import type { TFunction } from 'i18next';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDateTime, formatMoney } from '../../i18n/format.ts';
import { Button } from '../../ui/button.tsx';

/** One thing the customer can do about a failed payment. */
export interface FailureAction {
  label: string;
  onClick: () => void;
  primary?: boolean;
}

/** Props of {@link PaymentFailureExplanation}. */
export interface PaymentFailureExplanationProps {
  payment: Payment;
  /** What the customer can do now, most helpful first (the caller knows which screens exist). */
  actions: FailureAction[];
  /**
   * Who the customer is to the merchant, for the wording: a new customer's first failed payment
   * is met with a welcome, a loyal customer's with thanks, hardship with an offer of help.
   */
  tone?: { segment: RelationshipSegment; situation: Situation };
  /**
   * The failure and its reason are already stated on this screen (the overview's banner): the
   * explanation then gives only what happened when and what to do, so it is said once.
   */
  statedAbove?: boolean;
}

/**
 * The backend's own words about a failure inside the portal's sentence, marked with their language
 * when the backend gave it, so a screen reader reads English words in an English voice in a
 * German portal.
 */
function FailureMessage({ t, message, lang }: { t: TFunction; message: string; lang: string | undefined }) {
  const mark = '\u0000';
  const [before = '', after = ''] = t('invoices.failure.message', { message: mark }).split(mark);
  return (
    <p class="failure-message">
      {before}
      <span lang={lang}>{message}</span>
      {after}
    </p>
  );
}

/**
 * Why a payment failed, in plain words (with an apology when the fault was ours), whether and
 * when the merchant retries by itself, and what the customer can do now.
 */
export function PaymentFailureExplanation({ payment, actions, tone, statedAbove = false }: PaymentFailureExplanationProps) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const failure: PaymentFailure = payment.failure ?? { reason: 'other', suggestedAction: 'contact_us' };
  const amount = formatMoney(payment.amount, locale);
  const date = formatDateTime(payment.settledAt ?? payment.createdAt, locale);
  return (
    <section class="failure" aria-labelledby={titleId}>
      <h3 id={titleId}>{statedAbove ? t('invoices.failure.whatHappened') : t('invoices.failure.title')}</h3>
      <p>
        {payment.paymentMethodLabel
          ? t('invoices.failure.attempt', { amount, method: payment.paymentMethodLabel, date })
          : t('invoices.failure.attemptNoMethod', { amount, date })}
      </p>
      {statedAbove ? null : <p class="failure-reason">{t(`invoices.failure.reason.${failure.reason}`)}</p>}
      {tone && !statedAbove ? (
        <p class="failure-reassure">
          {tone.situation === 'hardship'
            ? t('invoices.failure.reassure_hardship')
            : t('invoices.failure.reassure', { context: tone.segment })}
        </p>
      ) : null}
      {failure.message ? <FailureMessage t={t} message={failure.message} lang={failure.lang} /> : null}
      <p>
        {failure.nextRetryAt
          ? t('invoices.failure.retry', { date: formatDateTime(failure.nextRetryAt, locale) })
          : t('invoices.failure.noRetry')}
      </p>
      {actions.length > 0 ? (
        <div class="failure-actions" role="group" aria-label={t('invoices.failure.whatNow')}>
          <p class="failure-actions-title">{t('invoices.failure.whatNow')}</p>
          <div class="actions">
            {actions.map((action) => (
              <Button key={action.label} variant={action.primary ? 'primary' : 'secondary'} onClick={action.onClick}>
                {action.label}
              </Button>
            ))}
          </div>
        </div>
      ) : null}
    </section>
  );
}
