import { useId } from 'preact/hooks';
import type { TFunction } from 'i18next';
import type { AccountSummary, Instalment, Money as MoneyValue, PaymentPlan, PlanStatus } from '../../contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDate, formatInstantDate, formatMoney } from '../../i18n/format.ts';
import { Money } from '../../ui/money.tsx';
import { StatusBadge, type BadgeTone } from '../../ui/status-badge.tsx';

/** The key prefix of this screen's strings. */
export const K = 'paymentPlan';

/**
 * Words about money owed, picked by situation and relationship: i18next tries
 * `key_<situation>_<segment>`, `key_<situation>`, `key_<segment>`, then `key` — the most specific
 * wording wins, the plain one is the floor (the same scheme as the overview's banner).
 */
export function toned(t: TFunction, key: string, account: AccountSummary, values: Record<string, unknown> = {}): string {
  return t([`${key}_${account.situation}`, key], {
    merchant: account.merchant.name,
    ...values,
    context: account.customer.segment,
  });
}

export const PLAN_TONE: Record<PlanStatus, BadgeTone> = {
  pending: 'info',
  approved: 'ok',
  active: 'ok',
  declined: 'warning',
  completed: 'ok',
};

const INSTALMENT_TONE: Record<Instalment['status'], BadgeTone> = {
  upcoming: 'info',
  paid: 'ok',
  missed: 'warning',
};

/** An instalment schedule as a table: number, due date, amount, status; the total in the footer. */
export function ScheduleTable({ schedule, total, showStatus = true }: { schedule: readonly Instalment[]; total: MoneyValue; showStatus?: boolean }) {
  const { t, locale } = useI18n();
  return (
    <table class="plan-schedule">
      <caption class="visually-hidden">{t(`${K}.schedule.caption`)}</caption>
      <thead>
        <tr>
          <th scope="col">{t(`${K}.schedule.number`)}</th>
          <th scope="col">{t(`${K}.schedule.date`)}</th>
          <th scope="col" class="plan-amount">
            {t(`${K}.schedule.amount`)}
          </th>
          {showStatus ? <th scope="col">{t(`${K}.schedule.status`)}</th> : null}
        </tr>
      </thead>
      <tbody>
        {schedule.map((instalment, index) => (
          <tr key={`${instalment.dueDate}-${index}`}>
            <td>{index + 1}</td>
            <td>{formatDate(instalment.dueDate, locale, 'medium')}</td>
            <td class="plan-amount">
              <Money value={instalment.amount} locale={locale} />
            </td>
            {showStatus ? (
              <td>
                <StatusBadge label={t(`${K}.schedule.status_${instalment.status}`)} tone={INSTALMENT_TONE[instalment.status]} />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            {t(`${K}.schedule.total`)}
          </th>
          <td class="plan-amount">
            <Money value={total} locale={locale} />
          </td>
          {showStatus ? <td /> : null}
        </tr>
      </tfoot>
    </table>
  );
}

/** "Payment plan: 3 instalments" or "Later due date". */
export function planTitle(t: TFunction, plan: Pick<PaymentPlan, 'kind' | 'schedule'>): string {
  return plan.kind === 'instalments'
    ? t(`${K}.requests.kind_instalments`, { n: plan.schedule.length })
    : t(`${K}.requests.kind_extension`);
}

/** Props of {@link PlanCard}. */
export interface PlanCardProps {
  plan: PaymentPlan;
  account: AccountSummary;
  /** Invoice numbers by id, for "Invoices covered". */
  numbers: ReadonlyMap<string, string>;
}

/**
 * One request: what was asked, its status in words, the merchant's own words with a decision,
 * and the schedule with paid and upcoming instalments.
 */
export function PlanCard({ plan, account, numbers }: PlanCardProps) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const paid = plan.schedule.filter((i) => i.status === 'paid').length;
  const listFormat = new Intl.ListFormat(locale, { type: 'conjunction' });
  const invoiceNumbers = plan.invoiceIds.map((id) => numbers.get(id)).filter((n): n is string => !!n);
  return (
    <section part="card" class="card plan-card" aria-labelledby={titleId}>
      <div class="plan-card-head">
        <h4 id={titleId}>{planTitle(t, plan)}</h4>
        <StatusBadge label={t(`${K}.requests.status_${plan.status}`)} tone={PLAN_TONE[plan.status]} />
      </div>
      <p class="plan-meta">
        {t(`${K}.requests.requested`, { date: formatInstantDate(plan.createdAt, locale) })}
        {' · '}
        {t(`${K}.requests.total`, { amount: formatMoney(plan.total, locale) })}
      </p>
      {invoiceNumbers.length > 0 ? (
        <p class="plan-meta">{t(`${K}.requests.invoices`, { numbers: listFormat.format(invoiceNumbers) })}</p>
      ) : null}
      <p>{toned(t, `${K}.requests.explain_${plan.status}${plan.kind === 'extension' && plan.status !== 'pending' && plan.status !== 'declined' ? '_extension' : ''}`, account)}</p>
      {plan.decisionNote ? (
        <figure class="plan-decision">
          <figcaption>{t(`${K}.requests.note`, { merchant: account.merchant.name })}</figcaption>
          <blockquote>
            <p lang={plan.lang ?? undefined}>{plan.decisionNote}</p>
          </blockquote>
        </figure>
      ) : null}
      {plan.kind === 'extension' && plan.schedule[0] && plan.status !== 'declined' ? (
        // An extension is one moved date, not an instalment plan: no "instalment 1 of 1".
        <p class="plan-extension">
          {t(plan.status === 'pending' ? `${K}.requests.extendedToPending` : `${K}.requests.extendedTo`, {
            date: formatDate(plan.schedule[0].dueDate, locale),
          })}
        </p>
      ) : plan.schedule.length > 0 && plan.status !== 'declined' ? (
        <>
          <p class="plan-meta">
            {t(`${K}.requests.schedule`)}
            {plan.status === 'active' || plan.status === 'completed'
              ? ` · ${t(`${K}.requests.paidCount`, { paid, all: plan.schedule.length })}`
              : ''}
          </p>
          <ScheduleTable schedule={plan.schedule} total={plan.total} />
        </>
      ) : null}
    </section>
  );
}
