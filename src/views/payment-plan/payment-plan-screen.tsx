import { useEffect, useId, useMemo, useRef } from 'preact/hooks';
import type { AccountSummary } from '../../contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { createPaymentPlanModel, type PaymentPlanModel } from '../../state/payment-plan.ts';
import type { PortalStore } from '../../state/portal-store.ts';
import { Button } from '../../ui/button.tsx';
import { Section } from '../../ui/section.tsx';
import { errorMessage } from '../error-message.ts';
import { Confirmation, FormShell, useOutcomeTarget } from '../form-shell.tsx';
import { Remote, Screen } from '../screen.tsx';
import type { ScreenProps } from '../screens.ts';
import { PlanForm } from './plan-form.tsx';
import { K, PlanCard, planTitle, ScheduleTable, toned } from './plan-parts.tsx';

/**
 * Payment plan or extension: the customer's requests with their status and schedule, and a
 * request shaped by the merchant's policy (only invoices that qualify, only instalment counts and
 * dates that would be approved), a reason if they like and a note, the server's preview of the
 * schedule, then the request and its outcome. Deep links: `view="payment-plan"`, and
 * `view="payment-plan/<invoiceId>"` to start with that invoice chosen.
 */
export default function PaymentPlanScreen({ store, account, headingRef }: ScreenProps) {
  const { t } = useI18n();
  const model = store.model(createPaymentPlanModel);
  useEffect(() => {
    void model.load();
  }, [model]);
  return (
    <Screen class="payment-plan" title={t(`${K}.title`)} intro={toned(t, `${K}.intro`, account)} headingRef={headingRef}>
      <Remote state={model.plans.value} onRetry={() => void model.reload()} loading={t(`${K}.loading`)}>
        {() => <PlanContent model={model} account={account} store={store} />}
      </Remote>
    </Screen>
  );
}

function PlanContent({ model, account, store }: { model: PaymentPlanModel; account: AccountSummary; store: PortalStore }) {
  const { t, locale } = useI18n();
  const step = model.step.value;
  const kinds = model.kinds.value;
  const policy = model.policy.value;
  const submitted = model.submitted.value;
  const reviewHeading = useRef<HTMLHeadingElement>(null);

  // Invoice numbers for the requests' "Invoices covered" line.
  const numbers = useMemo(() => {
    const map = new Map<string, string>();
    for (const i of account.outstandingInvoices) map.set(i.id, i.number);
    for (const i of model.eligible.value) map.set(i.id, i.number);
    return map;
  }, [account.outstandingInvoices, model.eligible.value]);

  // The preview is the form's outcome when it arrives: the customer is taken to their schedule.
  // Back to the form ("Change something"): its title.
  const content = useRef<HTMLDivElement>(null);
  useOutcomeTarget(model.draftForm.status, () => {
    const target =
      model.step.peek() === 'review' ? reviewHeading.current : content.current?.querySelector<HTMLElement>('.plan-form-card h3');
    target?.focus();
    return !!target;
  });

  const requests = model.requests.value.filter((plan) => plan.id !== submitted?.id);

  return (
    <div ref={content} class="plan-content">
      {step === 'done' && submitted ? (
        <Confirmation
          form={model.requestForm.status}
          class="plan-done"
          heading={
            submitted.kind === 'extension' && submitted.schedule[0] && (submitted.status === 'active' || submitted.status === 'approved')
              ? t(`${K}.done.title_${submitted.status}_extension`, { date: formatDate(submitted.schedule[0].dueDate, locale) })
              : t(`${K}.done.title_${submitted.status}`)
          }
        >
          <PlanCard plan={submitted} account={account} numbers={numbers} />
          {kinds.length > 0 ? (
            <div class="form-actions">
              <Button onClick={model.startAnother}>{t(`${K}.done.another`)}</Button>
            </div>
          ) : null}
        </Confirmation>
      ) : null}

      {requests.length > 0 ? (
        <Section title={t(`${K}.requests.title`)} class="plan-requests">
          {requests.map((plan) => (
            <PlanCard key={plan.id} plan={plan} account={account} numbers={numbers} />
          ))}
        </Section>
      ) : null}

      {step === 'done' ? null : !policy?.enabled || kinds.length === 0 ? (
        <Unavailable account={account} store={store} disabled={!policy?.enabled} />
      ) : step === 'review' ? (
        <ReviewPanel model={model} account={account} store={store} headingRef={reviewHeading} />
      ) : (
        <PlanForm model={model} />
      )}
    </div>
  );
}

/** The button to the human contact, when the portal has that screen and this customer a contact. */
function ContactButton({ account, store }: { account: AccountSummary; store: PortalStore }) {
  const { t } = useI18n();
  if (!account.humanContact || !store.offered.value.includes('contact')) return null;
  return (
    <Button onClick={() => store.navigate({ view: 'contact' })}>
      {t(`${K}.unavailable.contact`, { name: account.humanContact.name })}
    </Button>
  );
}

function Unavailable({ account, store, disabled }: { account: AccountSummary; store: PortalStore; disabled: boolean }) {
  const { t } = useI18n();
  return (
    <Section title={t(`${K}.unavailable.title`)} class="plan-unavailable">
      <p>{disabled ? toned(t, `${K}.unavailable.disabled`, account) : toned(t, `${K}.unavailable.nothing`, account)}</p>
      <div class="form-actions">
        <ContactButton account={account} store={store} />
      </div>
    </Section>
  );
}

interface ReviewPanelProps {
  model: PaymentPlanModel;
  account: AccountSummary;
  store: PortalStore;
  headingRef: { current: HTMLHeadingElement | null };
}

/** The codes of policy rules the widget has words for. */
const KNOWN_VIOLATIONS = new Set(['too_many_instalments', 'instalment_too_small', 'deferral_too_long', 'invoice_not_eligible', 'plans_not_offered']);

function ReviewPanel({ model, account, store, headingRef }: ReviewPanelProps) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const preview = model.preview.value;
  if (!preview) return null;
  const merchant = account.merchant.name;
  return (
    <section part="card" class="card plan-review" aria-labelledby={titleId}>
      <h3 id={titleId} ref={headingRef} tabIndex={-1}>
        {t(`${K}.review.title`)}
      </h3>
      <p class="plan-review-kind">{planTitle(t, preview)}</p>
      <p>{t(`${K}.review.intro_${preview.kind}`, { amount: formatMoney(preview.total, locale) })}</p>
      {preview.kind === 'extension' && preview.schedule[0] ? (
        <p class="plan-extension">{t(`${K}.review.extendedTo`, { date: formatDate(preview.schedule[0].dueDate, locale), amount: formatMoney(preview.total, locale) })}</p>
      ) : (
        <ScheduleTable schedule={preview.schedule} total={preview.total} showStatus={false} />
      )}
      {preview.withinPolicy ? null : (
        <div class="plan-outside" role="group" aria-labelledby={`${titleId}-outside`}>
          <h4 id={`${titleId}-outside`}>{t(`${K}.review.outside`)}</h4>
          <ul>
            {(preview.violations.length > 0 ? preview.violations : ['other']).map((code) => (
              <li key={code}>{t(`${K}.review.violations.${KNOWN_VIOLATIONS.has(code) ? code : 'other'}`, { merchant })}</li>
            ))}
          </ul>
          <p>{t(`${K}.review.outsideHelp`)}</p>
        </div>
      )}
      {preview.withinPolicy ? (
        <FormShell
          form={model.requestForm.status}
          class="plan-request-form"
          onSubmit={() => void model.submit()}
          describe={(issue) => ({ target: titleId, message: issue.key })}
          failureText={(failure) => (failure.kind === 'rejected' && failure.message ? failure.message : errorMessage(t, failure))}
          submitLabel={t(`${K}.review.send`)}
          busyLabel={t(`${K}.review.sending`)}
          actions={<Button onClick={model.backToForm}>{t(`${K}.review.change`)}</Button>}
        >
          {null}
        </FormShell>
      ) : (
        <div class="form-actions">
          <Button onClick={model.backToForm}>{t(`${K}.review.change`)}</Button>
          <ContactButton account={account} store={store} />
        </div>
      )}
    </section>
  );
}
