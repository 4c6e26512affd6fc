import { useEffect, useId, useLayoutEffect } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { AccountSummary, InvoiceSummary } from '../../contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { QUESTION_TOPICS, type AskField, type AskPrefill, type QuestionsModel } from '../../state/questions.ts';
import type { Route } from '../../state/routes.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { RadioGroup, SelectField, TextAreaField, type Choice } from '../../ui/field.tsx';
import { errorMessage } from '../error-message.ts';
import { FormShell } from '../form-shell.tsx';
import { LoadFailed, Loading, Screen } from '../screen.tsx';
import { issueText, lineText, Q } from './labels.ts';

/** Props of {@link AskForm}. */
export interface AskFormProps {
  model: QuestionsModel;
  prefill: AskPrefill;
  account: AccountSummary;
  headingRef: RefObject<HTMLHeadingElement>;
  navigate: (route: Route) => void;
}

/**
 * Asking about a charge: the invoice (prefilled when opened from one), optionally one of its
 * lines, a topic and a message. Sent, it opens the new thread.
 */
export function AskForm({ model, prefill, account, headingRef, navigate }: AskFormProps) {
  const { t, locale } = useI18n();
  const prefix = useId();
  const form = model.ask;
  // Before paint, so the form never shows another question's draft for a frame.
  useLayoutEffect(() => model.prepare(prefill), [model, prefill.invoiceId, prefill.lineId]);
  const draft = form.draft.value;

  useEffect(() => {
    void model.loadInvoices();
  }, [model]);
  const invoiceQuery = draft.invoiceId ? model.invoice(draft.invoiceId) : undefined;
  useEffect(() => {
    void invoiceQuery?.ensure();
  }, [invoiceQuery]);

  const lines = invoiceQuery?.state.value.status === 'ready' ? invoiceQuery.state.value.data.lines : undefined;
  useEffect(() => {
    if (lines) model.dropUnknownLine(lines.map((line) => line.id));
  }, [lines, model]);

  const idOf = (field: string) => `${prefix}-${field}`;
  const errorAt = (field: AskField) => {
    const issue = form.issues.value.find((i) => i.path === field);
    return issue ? issueText(t, issue) : undefined;
  };

  const invoices = model.invoices.value;
  const detail = invoiceQuery?.state.value;
  const invoiceChoices: Choice[] = [{ value: '', label: t(`${Q}.new.invoicePlaceholder`) }];
  if (invoices.status === 'ready') {
    const listed = invoices.data.items;
    invoiceChoices.push(...listed.map((invoice) => ({ value: invoice.id, label: invoiceText(invoice) })));
    // Opened from an invoice older than those listed: it is still the one asked about.
    if (draft.invoiceId && !listed.some((invoice) => invoice.id === draft.invoiceId)) {
      invoiceChoices.push({
        value: draft.invoiceId,
        label: detail?.status === 'ready' ? invoiceText(detail.data) : draft.invoiceId,
      });
    }
  } else if (draft.invoiceId) {
    invoiceChoices.push({
      value: draft.invoiceId,
      label: detail?.status === 'ready' ? invoiceText(detail.data) : t(`${Q}.new.invoiceLoading`),
    });
  }

  function invoiceText(invoice: InvoiceSummary): string {
    return t(`${Q}.new.invoiceChoice`, {
      number: invoice.number,
      date: formatDate(invoice.issueDate, locale, 'medium'),
      amount: formatMoney(invoice.total, locale),
    });
  }

  // Rendered only once the chosen line is known to be on the invoice: a select created with a
  // value none of its options has shows a blank that a later value change does not repair.
  const lineChoices: Choice[] | undefined =
    detail?.status === 'ready' && (!draft.lineId || detail.data.lines.some((line) => line.id === draft.lineId))
      ? [
          { value: '', label: t(`${Q}.new.wholeInvoice`) },
          ...detail.data.lines.map((line) => ({ value: line.id, label: lineText(t, line, locale) })),
        ]
      : undefined;

  const noInvoices = invoices.status === 'ready' && invoices.data.items.length === 0 && !draft.invoiceId;

  return (
    <Screen
      class="questions"
      title={t(`${Q}.new.title`)}
      intro={t(`${Q}.new.intro`, { merchant: account.merchant.name })}
      headingRef={headingRef}
    >
      {invoices.status === 'error' && !draft.invoiceId ? (
        <LoadFailed error={invoices.error} onRetry={() => void model.reloadInvoices()} />
      ) : noInvoices ? (
        <p>{t(`${Q}.new.noInvoices`)}</p>
      ) : (
        <FormShell
          form={form.status}
          class="ask-form"
          onSubmit={() =>
            void model.submitQuestion().then((question) => {
              if (question) navigate({ view: 'questions', id: question.id });
            })
          }
          summaryTitle={t(`${Q}.new.summaryTitle`)}
          describe={(issue) => ({ target: idOf(issue.path), message: issueText(t, issue) })}
          failureText={(error) => `${errorMessage(t, error)} ${t(`${Q}.new.failed`)}`}
          submitLabel={t(`${Q}.new.send`)}
          busyLabel={t(`${Q}.new.sending`)}
          actions={<Button onClick={() => navigate({ view: 'questions' })}>{t(`${Q}.new.cancel`)}</Button>}
        >
          <SelectField
            id={idOf('invoiceId')}
            label={t(`${Q}.new.invoice`)}
            value={draft.invoiceId}
            onChange={(value) => model.setField('invoiceId', value)}
            choices={invoiceChoices}
            error={errorAt('invoiceId')}
          />
          {draft.invoiceId ? (
            lineChoices ? (
              <SelectField
                id={idOf('lineId')}
                label={t(`${Q}.new.line`)}
                hint={t(`${Q}.new.lineHint`)}
                value={draft.lineId}
                onChange={(value) => model.setField('lineId', value)}
                choices={lineChoices}
                error={errorAt('lineId')}
              />
            ) : detail?.status === 'error' ? (
              <Alert message={errorMessage(t, detail.error)}>
                <Button onClick={() => void invoiceQuery?.reload()}>{t('error.retry')}</Button>
              </Alert>
            ) : (
              <Loading text={t(`${Q}.new.linesLoading`)} />
            )
          ) : null}
          <RadioGroup
            id={idOf('topic')}
            name={`${prefix}-topic`}
            label={t(`${Q}.new.topic`)}
            value={draft.topic}
            onChange={(value) => model.setField('topic', value as (typeof QUESTION_TOPICS)[number])}
            choices={QUESTION_TOPICS.map((topic) => ({ value: topic, label: t(`${Q}.topics.${topic}`) }))}
            error={errorAt('topic')}
          />
          <TextAreaField
            id={idOf('message')}
            label={t(`${Q}.new.message`)}
            hint={t(`${Q}.new.messageHint`)}
            value={draft.message}
            onInput={(value) => model.setField('message', value)}
            maxLength={form.rules('message').maxLength}
            error={errorAt('message')}
          />
        </FormShell>
      )}
    </Screen>
  );
}
