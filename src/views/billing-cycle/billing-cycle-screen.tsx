import { useEffect, useId, useRef } from 'preact/hooks';
import type { FieldIssue } from '../../state/form.ts';
import type { TFunction } from 'i18next';
import type { BillingCycle, BillingInterval, CyclePreview } from '../../contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { createBillingCycleModel, type BillingCycleModel } from '../../state/billing-cycle.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/field.tsx';
import { Money } from '../../ui/money.tsx';
import { Section } from '../../ui/section.tsx';
import { errorMessage } from '../error-message.ts';
import type { ScreenProps } from '../screens.ts';
import { FormShell, useOutcomeTarget } from '../form-shell.tsx';
import { Remote, Screen } from '../screen.tsx';

const K = 'billingCycle';

/** "15th" / "15." — the billing day as an ordinal in the customer's language. */
function nth(t: TFunction, day: number): string {
  return t(`${K}.nth`, { count: day, ordinal: true });
}

/** The price of an interval in the cycle's options. */
function priceOf(cycle: BillingCycle, interval: BillingInterval) {
  return cycle.options.find((o) => o.interval === interval)?.pricePerPeriod;
}

/**
 * Billing cycle and billing day: the cycle in force, the choice of monthly, quarterly or
 * yearly (price per period, what each saves) and of a billing day the merchant allows, a server
 * preview of the effect before anything changes, a confirm step that names the commitment in
 * plain words, and the result with the date it takes effect. Deep link: `view="billing-cycle"`.
 */
export default function BillingCycleScreen({ store, account, headingRef }: ScreenProps) {
  const { t } = useI18n();
  const model = store.model(createBillingCycleModel);
  useEffect(() => {
    void model.load();
  }, [model]);
  return (
    <Screen class="billing-cycle" title={t(`${K}.title`)} intro={t(`${K}.intro`)} headingRef={headingRef}>
      <Remote state={model.record.value} onRetry={() => void model.reload()} loading={t(`${K}.loading`)}>
        {(version) => <CycleContent model={model} cycle={version.value} merchant={account.merchant.name} />}
      </Remote>
    </Screen>
  );
}

function CycleContent({ model, cycle, merchant }: { model: BillingCycleModel; cycle: BillingCycle; merchant: string }) {
  const { t, locale } = useI18n();
  const step = model.step.value;
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const conflictHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const dayId = useId();
  const container = useRef<HTMLDivElement>(null);

  // Take the customer to the outcome of their action (a failed change is the form's own).
  useOutcomeTarget(model.form.status, () => {
    const shadow = container.current?.getRootNode() as ShadowRoot | Document | undefined;
    const now = model.step.peek();
    const target =
      model.conflict.peek() && conflictHeading.current
        ? conflictHeading.current
        : now === 'confirm'
          ? confirmHeading.current
          : now === 'done'
            ? doneHeading.current
            : model.form.issues.peek().length > 0
              ? (shadow?.getElementById(dayId) as HTMLElement | null)
              : // Back to choosing ("Change my choice", "Change it again"): the choice in force.
                (container.current?.querySelector<HTMLElement>('.cycle-form input[type=radio]:checked') ?? null);
    target?.focus();
    return !!target;
  });

  const current = (
    <Section title={t(`${K}.current.title`)} class="cycle-current">
      <p>
        {t(`${K}.current.summary`, {
          context: cycle.interval,
          amount: formatMoney(priceOf(cycle, cycle.interval) ?? { amount: 0, currency: 'EUR' }, locale),
          day: nth(t, cycle.billingDay),
        })}
      </p>
      <p>{t(`${K}.current.next`, { date: formatDate(cycle.nextInvoiceDate, locale) })}</p>
      {cycle.scheduledChange ? (
        <p>
          {t(`${K}.current.scheduled`, {
            context: cycle.scheduledChange.interval,
            date: formatDate(cycle.scheduledChange.effectiveDate, locale),
            day: nth(t, cycle.scheduledChange.billingDay),
          })}
        </p>
      ) : null}
    </Section>
  );

  if (step === 'done') {
    const done = model.confirmed.value;
    return (
      <div class="cycle-content" ref={container}>
        {done ? (
          <div class="cycle-done" role="status">
            <h3 ref={doneHeading} tabIndex={-1}>
              {t(`${K}.done.title`, { context: done.cycle.interval, day: nth(t, done.cycle.billingDay) })}
            </h3>
            <p>
              {t(`${K}.done.effective`, {
                date: formatDate(done.preview.effectiveDate, locale),
                amount: formatMoney(done.preview.nextInvoiceAmount, locale),
                next: formatDate(done.preview.nextInvoiceDate, locale),
              })}
            </p>
            <p>{t(`${K}.done.email`)}</p>
          </div>
        ) : null}
        {current}
        <div class="form-actions">
          <Button onClick={model.startOver}>{t(`${K}.done.again`)}</Button>
        </div>
      </div>
    );
  }

  return (
    <div class="cycle-content" ref={container}>
      {current}
      {step === 'confirm' ? (
        <ConfirmStep
          model={model}
          cycle={cycle}
          headingRef={confirmHeading}
          conflictRef={conflictHeading}
        />
      ) : (
        <>
          {model.conflict.value ? <ConflictNotice model={model} headingRef={conflictHeading} /> : null}
          <ChooseStep model={model} cycle={cycle} merchant={merchant} dayId={dayId} />
        </>
      )}
    </div>
  );
}

function ChooseStep({ model, cycle, merchant, dayId }: { model: BillingCycleModel; cycle: BillingCycle; merchant: string; dayId: string }) {
  const { t, locale } = useI18n();
  const name = useId();
  const legend = useId();
  const choice = model.choice.value ?? { interval: cycle.interval, billingDay: cycle.billingDay };
  const dayError = model.form.issues.value.find((f) => f.path === 'billingDay');
  const intervalError = model.form.issues.value.find((f) => f.path === 'interval');
  const fieldMessage = (issue: FieldIssue) => t(issue.key === 'notAllowed' ? `${K}.field.not_allowed` : `${K}.field.invalid`);

  return (
    <form
      class="cycle-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        model.review();
      }}
    >
      <fieldset class={intervalError ? 'field field-group field-invalid' : 'field field-group'} aria-labelledby={legend}>
        <legend id={legend} class="field-label">
          {t(`${K}.interval.legend`)}
        </legend>
        {intervalError ? <p class="field-error">{fieldMessage(intervalError)}</p> : null}
        <div class="cycle-options">
          {cycle.options.map((option) => {
            const id = `${name}-${option.interval}`;
            return (
              <div class="cycle-option" key={option.interval}>
                <input
                  type="radio"
                  id={id}
                  name={name}
                  value={option.interval}
                  checked={choice.interval === option.interval}
                  onChange={() => model.chooseInterval(option.interval)}
                />
                <label for={id}>
                  <span class="cycle-option-name">{t(`${K}.interval.${option.interval}`)}</span>
                  <span class="cycle-option-price">
                    {t(`${K}.interval.price`, { context: option.interval, amount: formatMoney(option.pricePerPeriod, locale) })}
                  </span>
                  {option.yearlySavings.amount > 0 ? (
                    <span class="cycle-option-saves">
                      {t(`${K}.interval.saves`, { amount: formatMoney(option.yearlySavings, locale) })}
                    </span>
                  ) : null}
                  {option.interval === cycle.interval ? (
                    <span class="cycle-option-current">{t(`${K}.interval.currentTag`)}</span>
                  ) : null}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
      <SelectField
        id={dayId}
        label={t(`${K}.day.label`)}
        hint={t(`${K}.day.hint`, { merchant })}
        value={String(choice.billingDay)}
        onChange={(value) => model.chooseDay(Number(value))}
        error={dayError ? fieldMessage(dayError) : undefined}
        choices={cycle.allowedBillingDays.map((day) => ({ value: String(day), label: t(`${K}.day.option`, { day: nth(t, day) }) }))}
      />
      <PreviewPanel model={model} />
    </form>
  );
}

/** The server's preview of the choice, kept in a live region so the change is heard as it arrives. */
function PreviewPanel({ model }: { model: BillingCycleModel }) {
  const { t } = useI18n();
  const preview = model.preview.value;
  const isChange = model.isChange.value;
  let body;
  if (!isChange) body = <p>{t(`${K}.preview.same`)}</p>;
  else if (preview.status === 'ready') body = <PreviewFigures preview={preview.data} />;
  else if (preview.status === 'error') {
    body = (
      <Alert message={`${t(`${K}.preview.failed`)} ${errorMessage(t, preview.error)}`}>
        <Button onClick={model.retryPreview}>{t('error.retry')}</Button>
      </Alert>
    );
  } else body = <p class="loading">{t(`${K}.preview.loading`)}</p>;

  return (
    <Section title={t(`${K}.preview.title`)} class="cycle-preview">
      <div aria-live="polite" class="cycle-preview-body">
        {body}
      </div>
      {isChange ? (
        <div class="form-actions">
          <Button variant="primary" type="submit" disabled={preview.status === 'error'} busy={preview.status === 'loading'}>
            {t(`${K}.preview.review`)}
          </Button>
        </div>
      ) : null}
    </Section>
  );
}

function PreviewFigures({ preview }: { preview: CyclePreview }) {
  const { t, locale } = useI18n();
  return (
    <>
      <p>{t(`${K}.preview.effective`, { date: formatDate(preview.effectiveDate, locale) })}</p>
      <dl class="cycle-figures">
        <div>
          <dt>{t(`${K}.preview.nextInvoice`)}</dt>
          <dd>
            {t(`${K}.preview.nextInvoiceValue`, {
              amount: formatMoney(preview.nextInvoiceAmount, locale),
              date: formatDate(preview.nextInvoiceDate, locale),
            })}
          </dd>
        </div>
      </dl>
      {preview.adjustments.length > 0 ? (
        <>
          <h4 class="cycle-subheading">{t(`${K}.preview.adjustments`)}</h4>
          <ul class="cycle-adjustments">
            {preview.adjustments.map((adjustment, index) => (
              <li key={index}>
                <span class="cycle-adjustment-kind">{t(`${K}.preview.adjustment`, { context: adjustment.kind })}</span>{' '}
                <Money value={adjustment.amount} locale={locale} />
                {adjustment.description ? <span class="cycle-adjustment-text">{adjustment.description}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t(`${K}.preview.noAdjustments`)}</p>
      )}
    </>
  );
}

interface ConfirmStepProps {
  model: BillingCycleModel;
  cycle: BillingCycle;
  headingRef: { current: HTMLHeadingElement | null };
  conflictRef: { current: HTMLHeadingElement | null };
}

function ConfirmStep({ model, cycle, headingRef, conflictRef }: ConfirmStepProps) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const choice = model.choice.value;
  const preview = model.preview.value;
  if (!choice) return null;
  const price = priceOf(cycle, choice.interval);
  return (
    <section part="card" class="card cycle-confirm" aria-labelledby={titleId}>
      <h3 id={titleId} ref={headingRef} tabIndex={-1}>
        {t(`${K}.confirm.title`)}
      </h3>
      {model.conflict.value ? <ConflictNotice model={model} headingRef={conflictRef} /> : null}
      <div aria-live="polite">
        {preview.status === 'ready' && price ? (
          <>
            <p class="cycle-commitment">
              {t(`${K}.confirm.commitment`, {
                context: choice.interval,
                amount: formatMoney(price, locale),
                day: nth(t, choice.billingDay),
                date: formatDate(preview.data.nextInvoiceDate, locale),
              })}
            </p>
            {preview.data.nextInvoiceAmount.amount !== price.amount ? (
              <p>{t(`${K}.confirm.firstInvoice`, { amount: formatMoney(preview.data.nextInvoiceAmount, locale) })}</p>
            ) : null}
            <p>{t(`${K}.confirm.effective`, { date: formatDate(preview.data.effectiveDate, locale) })}</p>
          </>
        ) : preview.status === 'error' ? (
          <Alert message={`${t(`${K}.preview.failed`)} ${errorMessage(t, preview.error)}`}>
            <Button onClick={model.retryPreview}>{t('error.retry')}</Button>
          </Alert>
        ) : (
          <p class="loading">{t(`${K}.preview.loading`)}</p>
        )}
      </div>
      <FormShell
        form={model.form.status}
        class="cycle-confirm-form"
        onSubmit={() => void model.confirm()}
        describe={(issue) => ({ target: titleId, message: issue.key })}
        submitLabel={t(`${K}.confirm.submit`)}
        busyLabel={t(`${K}.confirm.submitting`)}
        submitDisabled={preview.status !== 'ready'}
        actions={<Button onClick={model.back}>{t(`${K}.confirm.back`)}</Button>}
      >
        {null}
      </FormShell>
    </section>
  );
}

function ConflictNotice({ model, headingRef }: { model: BillingCycleModel; headingRef: { current: HTMLHeadingElement | null } }) {
  const { t } = useI18n();
  const titleId = useId();
  const conflict = model.conflict.value;
  if (!conflict) return null;
  const { current } = conflict;
  return (
    <div class="cycle-conflict" role="group" aria-labelledby={titleId}>
      <h4 id={titleId} ref={headingRef} tabIndex={-1}>
        {t(`${K}.conflict.title`)}
      </h4>
      <p>
        {model.isChange.value
          ? t(`${K}.conflict.body`, { context: current.interval, day: nth(t, current.billingDay) })
          : t(`${K}.conflict.already`)}
      </p>
    </div>
  );
}
