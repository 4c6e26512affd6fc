import type { TFunction } from 'i18next';
import type { DraftLeaf, RecipientDraft } from '../../state/contact-details.ts';
import type { FieldIssue } from '../../state/form.ts';
import { countryName } from './countries.ts';

/** The screen's strings live under one key (`locales/<lang>/contact-details.json`). */
export const K = 'contact-details';

/** The label of a field path, as the customer sees it next to the control. */
export function fieldLabel(t: TFunction, path: string): string {
  const recipient = /^recipients\.(\d+)\.(name|email)$/.exec(path);
  if (recipient) {
    return t(`${K}.recipient.fieldOf`, {
      number: Number(recipient[1]) + 1,
      field: t(`${K}.recipient.${recipient[2]}`),
    });
  }
  return t(`${K}.fields.${path}`);
}

/** The customer-facing words for a refused field, by the issue's key (never zod's English). */
export function issueMessage(t: TFunction, issue: FieldIssue): string {
  if (issue.serverMessage) return issue.serverMessage;
  return t(`${K}.errors.${wordingKey(issue)}`, {
    context: issue.key === 'tooLong' && issue.max !== undefined ? 'max' : undefined,
    max: issue.max,
    min: issue.min,
  });
}

/** Fields whose format has words of its own ("Enter a phone number with digits only…"). */
const FORMAT_WORDS: Record<string, string> = { phone: 'phone', 'billingAddress.country': 'country', 'preferences.language': 'language' };

function wordingKey(issue: FieldIssue): string {
  if (issue.key === 'format') return FORMAT_WORDS[issue.path] ?? 'format';
  if (issue.key === 'tooMany') return 'tooManyRecipients';
  return issue.key;
}

/** A language tag's name in that language ("Deutsch", "British English"). */
export function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
    return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  } catch {
    // An odd tag from the backend: show it as it is.
    return tag;
  }
}

/** A field's value in words, for the conflict view ("Germany", "Text message", "7 days before"). */
export function formatLeaf(t: TFunction, locale: string, path: string, value: DraftLeaf): string {
  if (typeof value !== 'string') {
    const recipients = value as readonly RecipientDraft[];
    if (recipients.length === 0) return t(`${K}.conflict.noRecipients`);
    return recipients.map((r) => `${r.name} (${r.email})`).join('; ');
  }
  if (value.trim() === '') return t(`${K}.conflict.empty`);
  switch (path) {
    case 'billingAddress.country':
      return countryName(value, locale);
    case 'preferences.channel':
      return t(`${K}.channels.${value}`);
    case 'preferences.language':
      return languageName(value);
    case 'preferences.reminderDaysBefore': {
      const days = Number(value);
      if (!Number.isInteger(days)) return value;
      return days === 0 ? t(`${K}.reminder.off`) : t(`${K}.reminder.days`, { count: days });
    }
    default:
      return value;
  }
}
