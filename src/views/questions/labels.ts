import type { TFunction } from 'i18next';
import type { InvoiceLine, Period, Question } from '../../contract/index.ts';
import type { BadgeTone } from '../../ui/status-badge.tsx';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import type { FieldIssue } from '../../state/form.ts';

/** The screen's strings live under one key (`locales/<lang>/questions.json`). */
export const Q = 'questions';

/** The badge colour of a question's status: waiting is news, answered is good. */
export const STATUS_TONE: Record<Question['status'], BadgeTone> = {
  open: 'info',
  answered: 'ok',
  closed: 'info',
};

/** The customer-facing words for a refused field (never the server's English). */
export function issueText(t: TFunction, issue: FieldIssue): string {
  return t(`${Q}.errors.${issue.path}_${issue.key}`, { defaultValue: t(`${Q}.errors.invalid`) });
}

/** A service period in words: one day, or a range. */
export function periodText(period: Period, locale: string): string {
  if (period.start === period.end) return formatDate(period.start, locale, 'medium');
  return `${formatDate(period.start, locale, 'medium')} – ${formatDate(period.end, locale, 'medium')}`;
}

/** One line as a choice: what it is, when, and how much (lines often share a description). */
export function lineText(t: TFunction, line: InvoiceLine, locale: string): string {
  const amount = formatMoney(line.amount, locale);
  return line.period
    ? t(`${Q}.new.lineChoicePeriod`, { description: line.description, period: periodText(line.period, locale), amount })
    : t(`${Q}.new.lineChoice`, { description: line.description, amount });
}
