import { useId } from 'preact/hooks';
import { PlanReasonSchema, type PlanKind, type PlanReason } from '../../contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import type { FieldIssue } from '../../state/form.ts';
import type { PaymentPlanModel } from '../../state/payment-plan.ts';
import { CheckboxGroup, DateField, RadioGroup, SelectField, TextAreaField } from '../../ui/field.tsx';
import { FormShell } from '../form-shell.tsx';
import { K } from './plan-parts.tsx';

const REASONS = PlanReasonSchema.options;

/** The policy's and the contract's reasons for refusing a field, as keys of `paymentPlan.issue`. */
const WORDS: Record<string, string> = {
  chooseInvoices: 'chooseInvoices',
  required: 'chooseInvoices',
  chooseInstalments: 'chooseInstalments',
  chooseDate: 'chooseDate',
  format: 'chooseDate',
  dateTooEarly: 'dateTooEarly',
  tooEarly: 'dateTooEarly',
  dateTooLate: 'dateTooLate',
  tooLate: 'dateTooLate',
  tooLong: 'tooLong',
};

/**
 * The request as the customer builds it, shaped by the merchant's policy: the invoices that
 * qualify, the kind (split or extension), only instalment counts and dates that would be
 * approved, a reason if they like and a note. "See my schedule" asks the server for a preview.
 */
export function PlanForm({ model }: { model: PaymentPlanModel }) {
  const { t, locale } = useI18n();
  const prefix = useId();
  const form = model.draftForm;
  const draft = model.draft.value;
  const kinds = model.kinds.value;
  const policy = model.policy.value!;
  const total = model.total.value;
  const counts = model.instalmentCounts.value;
  const bounds = model.bounds.value;
  const issues = form.issues.value;
  const maxNote = form.rules('note').maxLength;

  const idOf = (path: string) => `${prefix}-${path}`;
  const words = (issue: FieldIssue) => {
    const key = issue.serverMessage ? undefined : WORDS[issue.key];
    return key
      ? t(`${K}.issue.${key}`, {
          max: key === 'tooLong' ? maxNote : bounds ? formatDate(bounds.max, locale) : '',
          min: bounds ? formatDate(bounds.min, locale) : '',
        })
      : t(`${K}.issue.server`, { message: issue.serverMessage ?? t('error.generic') });
  };
  const errorAt = (path: string) => {
    const issue = issues.find((i) => i.path === path);
    return issue ? words(issue) : undefined;
  };
  const minAmount = formatMoney(policy.minInstalmentAmount, locale);

  return (
    <section part="card" class="card plan-form-card" aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`} tabIndex={-1}>
        {t(`${K}.form.title`)}
      </h3>
      <FormShell
        form={form.status}
        class="plan-form"
        onSubmit={() => void model.showPreview()}
        summaryTitle={t(`${K}.form.summary`)}
        describe={(issue) => ({ target: idOf(issue.path), message: words(issue) })}
        submitLabel={t(`${K}.form.preview`)}
        busyLabel={t(`${K}.form.previewing`)}
        footer={
          <p class="visually-hidden" role="status">
            {form.busy.value ? t(`${K}.form.previewing`) : ''}
          </p>
        }
      >
        {kinds.length > 1 ? (
          <RadioGroup
            id={idOf('kind')}
            name={idOf('kind')}
            label={t(`${K}.form.kind`)}
            value={draft.kind}
            onChange={(value) => model.setKind(value as PlanKind)}
            choices={kinds.map((kind) => ({ value: kind, label: t(`${K}.form.kind_${kind}`) }))}
          />
        ) : null}
        <CheckboxGroup
          id={idOf('invoiceIds')}
          label={t(`${K}.form.invoices`)}
          values={draft.invoiceIds}
          onToggle={model.toggleInvoice}
          error={errorAt('invoiceIds')}
          choices={model.eligible.value.map((invoice) => ({
            value: invoice.id,
            label: t(`${K}.form.invoice`, {
              number: invoice.number,
              amount: formatMoney(invoice.amountDue, locale),
              date: formatDate(invoice.dueDate, locale, 'medium'),
            }),
          }))}
          footer={
            total ? (
              <p class="plan-total" aria-live="polite">
                {t(`${K}.form.total`, { amount: formatMoney(total, locale) })}
              </p>
            ) : null
          }
        />
        {draft.kind === 'instalments' ? (
          <SelectField
            id={idOf('instalments')}
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
          <DateField
            id={idOf('extendTo')}
            label={t(`${K}.form.extendTo`)}
            hint={bounds ? t(`${K}.form.extendToHint`, { min: formatDate(bounds.min, locale), max: formatDate(bounds.max, locale) }) : undefined}
            value={draft.extendTo}
            min={bounds?.min}
            max={bounds?.max}
            onInput={model.setExtendTo}
            error={errorAt('extendTo')}
          />
        )}
        <RadioGroup
          id={idOf('reason')}
          name={idOf('reason')}
          label={`${t(`${K}.form.reason`)} ${t(`${K}.form.optional`)}`}
          hint={t(`${K}.form.reasonHint`)}
          value={draft.reason ?? ''}
          onChange={(value) => model.setReason(value as PlanReason)}
          error={errorAt('reason')}
          choices={REASONS.map((reason) => ({ value: reason, label: t(`${K}.form.reasons.${reason}`) }))}
        />
        <TextAreaField
          id={idOf('note')}
          label={t(`${K}.form.note`)}
          optionalText={t(`${K}.form.optional`)}
          hint={t(`${K}.form.noteHint`, { max: maxNote })}
          value={draft.note}
          onInput={model.setNote}
          maxLength={maxNote}
          rows={4}
          error={errorAt('note')}
        />
      </FormShell>
    </section>
  );
}
