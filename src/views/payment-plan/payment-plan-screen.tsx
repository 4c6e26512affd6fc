import { useEffect, useId, useMemo, useRef } from 'preact/hooks';
import type { AccountSummary, PlanPreview, PlanReason } from '../../contract/index.ts';
import { PlanReasonSchema } from '../../contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { createPaymentPlanModel, MAX_NOTE_LENGTH, type PaymentPlanModel, type PlanIssue } from '../../state/payment-plan.ts';
import { isViewEnabled } from '../../state/routes.ts';
import type { PortalStore } from '../../state/portal-store.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { RadioGroup, SelectField } from '../../ui/field.tsx';
import { Section } from '../../ui/section.tsx';
import { errorMessage } from '../error-message.ts';
import { hasScreen, type ScreenProps } from '../screens.ts';
import { K, PlanCard, planTitle, ScheduleTable, toned } from './plan-parts.tsx';
import { LoadFailed } from '../load-failed.tsx';
import { useOutcomeFocus } from '../use-outcome-focus.ts';

const REASONS = PlanReasonSchema.options;

/**
 * Payment plan or extension: the customer's requests with their status and schedule, and a
 * request shaped by the merchant's policy (only invoices that qualify, only instalment counts and
 * dates that would be approved), a reason if they like and a note, the server's preview of the
 * schedule, then the request and its outcome. Deep links: `view="payment-plan"`, and
 * `view="payment-plan/<invoiceId>"` to start with that invoice chosen.
 */
export default function PaymentPlanScreen({ store, route, account, headingRef }: ScreenProps) {
  const { t } = useI18n();
  const model = store.model(createPaymentPlanModel);
  useEffect(() => {
    void model.load(account.outstandingInvoices, route.id);
  }, [model, route.id]);
  const state = model.plans.value;

  let content;
  if (state.status === 'ready') content = <PlanContent model={model} account={account} store={store} />;
  else if (state.status === 'error') {
    content = (
      <LoadFailed error={state.error} onRetry={() => void model.reload(account.outstandingInvoices)} />
    );
  } else {
    content = (
      <p role="status" class="loading">
        {t(`${K}.loading`)}
      </p>
    );
  }

  return (
    <div class="payment-plan">
      <h2 ref={headingRef} tabIndex={-1}>
        {t(`${K}.title`)}
      </h2>
      <p class="plan-intro">{toned(t, `${K}.intro`, account)}</p>
      {content}
    </div>
  );
}

function PlanContent({ model, account, store }: { model: PaymentPlanModel; account: AccountSummary; store: PortalStore }) {
  const { t } = useI18n();
  const step = model.step.value;
  const outcome = model.outcomeSeq.value;
  const kinds = model.kinds.value;
  const policy = model.policy.value;
  const submitted = model.submitted.value;
  const summary = useRef<HTMLDivElement>(null);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const failure = useRef<HTMLDivElement>(null);

  // Invoice numbers for the requests' "Invoices covered" line.
  const numbers = useMemo(() => {
    const map = new Map<string, string>();
    for (const i of account.outstandingInvoices) map.set(i.id, i.number);
    for (const i of model.eligible.value) map.set(i.id, i.number);
    return map;
  }, [account.outstandingInvoices, model.eligible.value]);

  useOutcomeFocus(model, outcome, () => {
    const target = model.requestError.peek()
      ? failure.current?.querySelector('button')
      : step === 'done'
        ? doneHeading.current
        : step === 'review'
          ? reviewHeading.current
          : model.issues.peek().length > 0
            ? summary.current
            : failure.current?.querySelector('button');
    target?.focus();
  });

  const requests = model.requests.value.filter((plan) => plan.id !== submitted?.id);

  return (
    <>
      {step === 'done' && submitted ? (
        <div class="plan-done" role="status">
          <h3 ref={doneHeading} tabIndex={-1}>
            {t(`${K}.done.title_${submitted.status}`)}
          </h3>
          <PlanCard plan={submitted} account={account} numbers={numbers} />
          {kinds.length > 0 ? (
            <div class="form-actions">
              <Button onClick={model.startAnother}>{t(`${K}.done.another`)}</Button>
            </div>
          ) : null}
        </div>
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
        <ReviewPanel model={model} account={account} store={store} headingRef={reviewHeading} failureRef={failure} />
      ) : (
        <PlanForm model={model} account={account} summaryRef={summary} failureRef={failure} />
      )}
    </>
  );
}

/** The button to the human contact, when the portal has that screen and this customer a contact. */
function ContactButton({ account, store }: { account: AccountSummary; store: PortalStore }) {
  const { t } = useI18n();
  if (!account.humanContact || !hasScreen('contact') || !isViewEnabled('contact', store.features.value)) return null;
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

interface PlanFormProps {
  model: PaymentPlanModel;
  account: AccountSummary;
  summaryRef: { current: HTMLDivElement | null };
  failureRef: { current: HTMLDivElement | null };
}

function PlanForm({ model, account, summaryRef, failureRef }: PlanFormProps) {
  const { t, locale } = useI18n();
  const prefix = useId();
  const draft = model.draft.value;
  const kinds = model.kinds.value;
  const policy = model.policy.value!;
  const eligible = model.eligible.value;
  const total = model.total.value;
  const counts = model.instalmentCounts.value;
  const bounds = model.bounds.value;
  const issues = model.issues.value;
  const preview = model.preview.value;
  const loading = preview.status === 'loading';

  const ids: Record<PlanIssue['path'], string> = {
    invoiceIds: `${prefix}-invoice-0`,
    instalments: `${prefix}-instalments`,
    extendTo: `${prefix}-extend-to`,
    reason: `${prefix}-reason`,
    note: `${prefix}-note`,
  };
  const words = (issue: PlanIssue) =>
    t(`${K}.issue.${issue.key}`, {
      message: issue.serverMessage,
      max: issue.key === 'tooLong' ? MAX_NOTE_LENGTH : bounds ? formatDate(bounds.max, locale) : '',
      min: bounds ? formatDate(bounds.min, locale) : '',
    });
  const errorAt = (path: PlanIssue['path']) => {
    const issue = issues.find((i) => i.path === path);
    return issue ? words(issue) : undefined;
  };

  const invoicesError = errorAt('invoiceIds');
  const dateError = errorAt('extendTo');
  const noteError = errorAt('note');
  const minAmount = formatMoney(policy.minInstalmentAmount, locale);

  return (
    <section part="card" class="card plan-form-card" aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{t(`${K}.form.title`)}</h3>
      <form
        class="plan-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void model.showPreview();
        }}
      >
        <ErrorSummary
          title={t(`${K}.form.summary`)}
          containerRef={summaryRef}
          items={issues.map((issue) => ({ target: ids[issue.path], message: words(issue) }))}
        />
        {kinds.length > 1 ? (
          <RadioGroup
            id={`${prefix}-kind`}
            name={`${prefix}-kind`}
            label={t(`${K}.form.kind`)}
            value={draft.kind}
            onChange={(value) => model.setKind(value as typeof draft.kind)}
            choices={kinds.map((kind) => ({ value: kind, label: t(`${K}.form.kind_${kind}`) }))}
          />
        ) : null}

        <fieldset
          class={invoicesError ? 'field field-group field-invalid' : 'field field-group'}
          aria-describedby={invoicesError ? `${prefix}-invoices-error` : undefined}
        >
          <legend class="field-label">{t(`${K}.form.invoices`)}</legend>
          {invoicesError ? (
            <p class="field-error" id={`${prefix}-invoices-error`}>
              {invoicesError}
            </p>
          ) : null}
          <div class="choices">
            {eligible.map((invoice, index) => {
              const id = `${prefix}-invoice-${index}`;
              return (
                <div class="choice" key={invoice.id}>
                  <input
                    type="checkbox"
                    id={id}
                    checked={draft.invoiceIds.includes(invoice.id)}
                    onChange={(event) => model.toggleInvoice(invoice.id, event.currentTarget.checked)}
                  />
                  <label for={id}>
                    {t(`${K}.form.invoice`, {
                      number: invoice.number,
                      amount: formatMoney(invoice.amountDue, locale),
                      date: formatDate(invoice.dueDate, locale, 'medium'),
                    })}
                  </label>
                </div>
              );
            })}
          </div>
          {total ? (
            <p class="plan-total" aria-live="polite">
              {t(`${K}.form.total`, { amount: formatMoney(total, locale) })}
            </p>
          ) : null}
        </fieldset>

        {draft.kind === 'instalments' ? (
          <SelectField
            id={ids.instalments}
            label={t(`${K}.form.instalments`)}
            hint={t(`${K}.form.instalmentsHint`, { min: minAmount, max: counts.length > 0 ? counts[counts.length - 1] : policy.maxInstalments })}
            value={draft.instalments === undefined ? '' : String(draft.instalments)}
            onChange={(value) => model.setInstalments(value === '' ? undefined : Number(value))}
            error={errorAt('instalments')}
            choices={[
              { value: '', label: t(`${K}.form.instalmentsChoose`) },
              ...counts.map((n) => ({
                value: String(n),
                label: t(`${K}.form.instalmentOption`, {
                  n,
                  amount: formatMoney({ amount: Math.floor((total?.amount ?? 0) / n), currency: total?.currency ?? policy.minInstalmentAmount.currency }, locale),
                }),
              })),
            ]}
          />
        ) : (
          <div part="field" class={dateError ? 'field field-invalid' : 'field'}>
            <label class="field-label" for={ids.extendTo}>
              {t(`${K}.form.extendTo`)}
            </label>
            {bounds ? (
              <p class="field-hint" id={`${ids.extendTo}-hint`}>
                {t(`${K}.form.extendToHint`, { min: formatDate(bounds.min, locale), max: formatDate(bounds.max, locale) })}
              </p>
            ) : null}
            {dateError ? (
              <p class="field-error" id={`${ids.extendTo}-error`}>
                {dateError}
              </p>
            ) : null}
            <input
              part="input"
              class="input input-short plan-date"
              id={ids.extendTo}
              type="date"
              value={draft.extendTo}
              min={bounds?.min}
              max={bounds?.max}
              onInput={(event) => model.setExtendTo(event.currentTarget.value)}
              aria-describedby={[bounds ? `${ids.extendTo}-hint` : '', dateError ? `${ids.extendTo}-error` : ''].filter(Boolean).join(' ') || undefined}
              aria-invalid={dateError ? 'true' : undefined}
            />
          </div>
        )}

        <RadioGroup
          id={ids.reason}
          name={`${prefix}-reason`}
          label={`${t(`${K}.form.reason`)} ${t(`${K}.form.optional`)}`}
          hint={t(`${K}.form.reasonHint`)}
          value={draft.reason ?? ''}
          onChange={(value) => model.setReason(value as PlanReason)}
          error={errorAt('reason')}
          choices={REASONS.map((reason) => ({ value: reason, label: t(`${K}.form.reason_${reason}`) }))}
        />

        <div part="field" class={noteError ? 'field field-invalid' : 'field'}>
          <label class="field-label" for={ids.note}>
            {t(`${K}.form.note`)}
            <span class="field-optional"> {t(`${K}.form.optional`)}</span>
          </label>
          <p class="field-hint" id={`${ids.note}-hint`}>
            {t(`${K}.form.noteHint`, { max: MAX_NOTE_LENGTH })}
          </p>
          {noteError ? (
            <p class="field-error" id={`${ids.note}-error`}>
              {noteError}
            </p>
          ) : null}
          <textarea
            part="input"
            class="input plan-note"
            id={ids.note}
            rows={4}
            maxLength={MAX_NOTE_LENGTH}
            value={draft.note}
            onInput={(event) => model.setNote(event.currentTarget.value)}
            aria-describedby={[`${ids.note}-hint`, noteError ? `${ids.note}-error` : ''].filter(Boolean).join(' ')}
            aria-invalid={noteError ? 'true' : undefined}
          />
        </div>

        {preview.status === 'error' ? (
          <div ref={failureRef}>
            <LoadFailed error={preview.error} onRetry={() => void model.showPreview()} />
          </div>
        ) : null}
        <div class="form-actions">
          <Button variant="primary" type="submit" busy={loading}>
            {loading ? t(`${K}.form.previewing`) : t(`${K}.form.preview`)}
          </Button>
        </div>
        <p class="visually-hidden" role="status">
          {loading ? t(`${K}.form.previewing`) : ''}
        </p>
      </form>
    </section>
  );
}

interface ReviewPanelProps {
  model: PaymentPlanModel;
  account: AccountSummary;
  store: PortalStore;
  headingRef: { current: HTMLHeadingElement | null };
  failureRef: { current: HTMLDivElement | null };
}

function ReviewPanel({ model, account, store, headingRef, failureRef }: ReviewPanelProps) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const state = model.preview.value;
  const pending = model.requestStatus.value === 'pending';
  const failure = model.requestError.value;
  if (state.status !== 'ready') return null;
  const preview: PlanPreview = state.data;
  const merchant = account.merchant.name;
  const known = new Set(['too_many_instalments', 'instalment_too_small', 'deferral_too_long', 'invoice_not_eligible', 'plans_not_offered']);
  return (
    <section part="card" class="card plan-review" aria-labelledby={titleId}>
      <h3 id={titleId} ref={headingRef} tabIndex={-1}>
        {t(`${K}.review.title`)}
      </h3>
      <p class="plan-review-kind">{planTitle(t, preview)}</p>
      <p>{t(`${K}.review.intro_${preview.kind}`, { amount: formatMoney(preview.total, locale) })}</p>
      <ScheduleTable schedule={preview.schedule} total={preview.total} showStatus={false} />
      {preview.withinPolicy ? null : (
        <div class="plan-outside" role="group" aria-labelledby={`${titleId}-outside`}>
          <h4 id={`${titleId}-outside`}>{t(`${K}.review.outside`)}</h4>
          <ul>
            {(preview.violations.length > 0 ? preview.violations : ['other']).map((code) => (
              <li key={code}>{t(`${K}.review.violation_${known.has(code) ? code : 'other'}`, { merchant })}</li>
            ))}
          </ul>
          <p>{t(`${K}.review.outsideHelp`)}</p>
        </div>
      )}
      {failure ? (
        <div ref={failureRef}>
          <Alert message={failure.kind === 'rejected' && failure.message ? failure.message : errorMessage(t, failure)}>
            <Button variant="primary" onClick={() => void model.submit()}>
              {t('error.retry')}
            </Button>
          </Alert>
        </div>
      ) : null}
      <div class="form-actions">
        {preview.withinPolicy ? (
          <Button variant="primary" busy={pending} onClick={() => void model.submit()}>
            {pending ? t(`${K}.review.sending`) : t(`${K}.review.send`)}
          </Button>
        ) : null}
        <Button onClick={model.backToForm}>{t(`${K}.review.change`)}</Button>
        {preview.withinPolicy ? null : <ContactButton account={account} store={store} />}
      </div>
    </section>
  );
}
