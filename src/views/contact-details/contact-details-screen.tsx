import { useEffect, useId, useMemo, useRef } from 'preact/hooks';
import { baseLanguage, SHIPPED_LANGUAGES } from '../../i18n/languages.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import {
  createContactDetailsModel,
  leafOf,
  type ContactDetailsModel,
  type ContactDraft,
  type DraftLeafPath,
} from '../../state/contact-details.ts';
import { Button } from '../../ui/button.tsx';
import { FieldGroup, RadioGroup, SelectField, TextField, type Choice } from '../../ui/field.tsx';
import { Section } from '../../ui/section.tsx';
import { errorMessage } from '../error-message.ts';
import type { ScreenProps } from '../screens.ts';
import { ConflictPanel } from './conflict-panel.tsx';
import { countryChoices } from './countries.ts';
import { fieldLabel, issueMessage, K, languageName } from './labels.ts';
import { Confirmation, FormShell, useOutcomeTarget } from '../form-shell.tsx';
import { Remote, Screen } from '../screen.tsx';

const CHANNELS = ['email', 'sms', 'post', 'phone'] as const;

/**
 * Contact details and preferences: name, email, phone, billing address, tax id, the people who
 * receive invoices, the preferred channel, reminder timing and language. Deep link:
 * `view="contact-details"`.
 */
export default function ContactDetailsScreen({ store, headingRef }: ScreenProps) {
  const { t } = useI18n();
  const model = store.model(createContactDetailsModel);
  useEffect(() => {
    void model.load();
  }, [model]);
  const draft = model.draft.value;
  return (
    <Screen class="contact-details" title={t(`${K}.title`)} intro={t(`${K}.intro`)} headingRef={headingRef}>
      {draft ? (
        <ContactForm model={model} draft={draft} />
      ) : (
        <Remote state={model.record.value} onRetry={() => void model.reload()} loading={t(`${K}.loading`)}>
          {() => null}
        </Remote>
      )}
    </Screen>
  );
}

/** The languages offered: each shipped one, named in itself; the saved regional variant is kept. */
function languageChoices(current: string): Choice[] {
  const currentBase = baseLanguage(current);
  return SHIPPED_LANGUAGES.map((language) => {
    const value = currentBase === language ? current : language;
    return { value, label: languageName(value), lang: value };
  });
}

interface ContactFormProps {
  model: ContactDetailsModel;
  draft: ContactDraft;
}

function ContactForm({ model, draft }: ContactFormProps) {
  const { t, locale } = useI18n();
  const prefix = useId();
  const form = model.form;
  const issues = model.issues.value;
  const phase = model.phase.value;
  const saved = model.saved.value;
  const conflict = model.conflict.value;
  const container = useRef<HTMLDivElement>(null);
  const conflictHeading = useRef<HTMLHeadingElement>(null);
  // An id to focus after the next render (a row added or removed).
  const pendingFocus = useRef<string | undefined>(undefined);

  const idFor = (path: string): string => {
    const recipient = /^recipients\.(\d+)\.(name|email)$/.exec(path);
    if (recipient) {
      const key = draft.recipients[Number(recipient[1])]?.key ?? recipient[1];
      return `${prefix}-r-${key}-${recipient[2]}`;
    }
    if (path === 'recipients') return `${prefix}-recipients-add`;
    return `${prefix}-${path.replace(/\./g, '-')}`;
  };
  const errorAt = (path: string): string | undefined => {
    const issue = issues.find((i) => i.path === path);
    return issue ? issueMessage(t, issue) : undefined;
  };

  const root = () => container.current?.getRootNode() as ShadowRoot | Document | undefined;

  // A conflict to resolve is an outcome of its own: the customer is taken to it.
  useOutcomeTarget(form.status, () => {
    if (!model.conflict.peek() || !conflictHeading.current) return false;
    conflictHeading.current.focus();
    return true;
  });

  // Saving a new language re-renders the whole portal in it (and may unmount it while the
  // strings load), which drops focus: put it back on the confirmation.
  useEffect(() => {
    if (model.phase.peek() === 'saved' && !root()?.activeElement) {
      root()?.querySelector<HTMLElement>('.contact-form [role=status]')?.focus();
    }
  }, []);

  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    pendingFocus.current = undefined;
    (root()?.getElementById(id) as HTMLElement | null)?.focus();
  });

  const countries = useMemo(() => countryChoices(locale, draft.billingAddress.country), [locale, draft.billingAddress.country]);
  const languages = useMemo(() => languageChoices(draft.preferences.language), [draft.preferences.language]);
  const channelChoices = CHANNELS.map((value) => ({ value, label: t(`${K}.channels.${value}`) }));
  const optional = t(`${K}.optional`);

  /** A text field of the draft, wired to its path. */
  const text = (
    path: Exclude<DraftLeafPath, 'recipients' | 'preferences.channel' | 'preferences.language' | 'billingAddress.country'>,
    options: Partial<Parameters<typeof TextField>[0]> = {},
  ) => {
    const value = leafOf(draft, path) as string;
    return (
      <TextField
        id={idFor(path)}
        label={t(`${K}.fields.${path}`)}
        value={value}
        onInput={(next) => model.setField(path, next)}
        error={errorAt(path)}
        maxLength={form.rules(path).maxLength}
        {...options}
      />
    );
  };

  const listFormat = new Intl.ListFormat(locale, { type: 'conjunction' });
  const savedText = saved
    ? saved.length === 0
      ? t(`${K}.savedNothing`)
      : t(`${K}.saved`, { fields: listFormat.format(saved.map((field) => t(`${K}.changed.${field}`))) })
    : '';

  const maxRecipients = form.rules('recipients').maxLength ?? 0;
  const atMax = draft.recipients.length >= maxRecipients;

  return (
    <div ref={container}>
      <FormShell
        form={form.status}
        class="contact-form"
        onSubmit={() => void model.submit()}
        summaryTitle={t(`${K}.summaryTitle`)}
        describe={(issue) => ({
          target: idFor(issue.path),
          message: t(`${K}.issueIn`, { field: fieldLabel(t, issue.path), message: issueMessage(t, issue) }),
        })}
        failureText={(error) => (error.kind === 'conflict' ? t(`${K}.conflictFailed`) : `${errorMessage(t, error)} ${t(`${K}.failed`)}`)}
        submitLabel={t(`${K}.save`)}
        busyLabel={t(`${K}.saving`)}
        actions={model.dirty.value && !conflict ? <Button onClick={() => model.discard()}>{t(`${K}.discard`)}</Button> : null}
        footer={<Confirmation form={form.status}>{savedText || (model.undone.value ? t(`${K}.undone`) : '')}</Confirmation>}
      >
        {conflict ? (
          <ConflictPanel
            conflict={conflict}
            headingRef={conflictHeading}
            busy={phase === 'saving'}
            onApply={() => void model.applyAgain()}
            onUseTheirs={() => model.useTheirs()}
          />
        ) : null}

        <Section title={t(`${K}.sections.about`)}>
          {text('name', { autocomplete: 'name' })}
          {text('email', { type: 'email', autocomplete: 'email', inputMode: 'email', hint: t(`${K}.hints.email`) })}
          {text('phone', { type: 'tel', autocomplete: 'tel', inputMode: 'tel', optionalText: optional, hint: t(`${K}.hints.phone`) })}
          {text('taxId', { optionalText: optional, hint: t(`${K}.hints.taxId`) })}
        </Section>

        <Section title={t(`${K}.sections.address`)}>
          {text('billingAddress.line1', { autocomplete: 'address-line1' })}
          {text('billingAddress.line2', { autocomplete: 'address-line2', optionalText: optional })}
          {text('billingAddress.city', { autocomplete: 'address-level2' })}
          {text('billingAddress.postalCode', { autocomplete: 'postal-code', width: 'short' })}
          {text('billingAddress.region', { autocomplete: 'address-level1', optionalText: optional })}
          <SelectField
            id={idFor('billingAddress.country')}
            label={t(`${K}.fields.billingAddress.country`)}
            value={draft.billingAddress.country}
            onChange={(value) => model.setField('billingAddress.country', value)}
            choices={countries}
            autocomplete="country"
            error={errorAt('billingAddress.country')}
          />
        </Section>

        <Section title={t(`${K}.sections.recipients`)}>
          <p class="field-hint">
            {t(`${K}.hints.recipients`)} {t(`${K}.hints.recipientsMax`, { max: maxRecipients })}
          </p>
          {draft.recipients.length === 0 ? <p>{t(`${K}.recipient.none`)}</p> : null}
          {draft.recipients.length > 0 ? (
            <ol class="recipient-list">
              {draft.recipients.map((recipient, index) => {
                const number = index + 1;
                return (
                  <li key={recipient.key}>
                    <FieldGroup legend={t(`${K}.recipient.legend`, { number })} class="recipient">
                      <div class="recipient-fields">
                        <TextField
                          id={idFor(`recipients.${index}.name`)}
                          label={t(`${K}.recipient.name`)}
                          value={recipient.name}
                          autocomplete="off"
                          onInput={(value) => model.setRecipient(recipient.key, 'name', value)}
                          error={errorAt(`recipients.${index}.name`)}
                        />
                        <TextField
                          id={idFor(`recipients.${index}.email`)}
                          label={t(`${K}.recipient.email`)}
                          type="email"
                          inputMode="email"
                          autocomplete="off"
                          value={recipient.email}
                          onInput={(value) => model.setRecipient(recipient.key, 'email', value)}
                          error={errorAt(`recipients.${index}.email`)}
                        />
                      </div>
                      <button
                        type="button"
                        part="button"
                        class="button button-secondary recipient-remove"
                        onClick={() => {
                          // Focus goes to the row that takes this one's place, else the one
                          // before, else "Add a recipient": never lost to the page.
                          const next = draft.recipients[index + 1] ?? draft.recipients[index - 1];
                          pendingFocus.current = next ? `${prefix}-r-${next.key}-name` : idFor('recipients');
                          model.removeRecipient(recipient.key);
                        }}
                      >
                        {t(`${K}.recipient.remove`)}
                        <span class="visually-hidden"> {t(`${K}.recipient.removeWho`, { number })}</span>
                      </button>
                    </FieldGroup>
                  </li>
                );
              })}
            </ol>
          ) : null}
          {errorAt('recipients') ? (
            <p class="field-error" id={`${idFor('recipients')}-error`}>
              {errorAt('recipients')}
            </p>
          ) : null}
          <button
            type="button"
            part="button"
            id={idFor('recipients')}
            class="button button-secondary"
            disabled={atMax}
            aria-describedby={errorAt('recipients') ? `${idFor('recipients')}-error` : undefined}
            onClick={() => {
              const key = model.addRecipient();
              if (key) pendingFocus.current = `${prefix}-r-${key}-name`;
            }}
          >
            {t(`${K}.recipient.add`)}
          </button>
        </Section>

        <Section title={t(`${K}.sections.preferences`)}>
          <RadioGroup
            id={idFor('preferences.channel')}
            name={`${prefix}-channel`}
            label={t(`${K}.fields.preferences.channel`)}
            value={draft.preferences.channel}
            onChange={(value) => model.setField('preferences.channel', value)}
            choices={channelChoices}
            error={errorAt('preferences.channel')}
          />
          {text('preferences.reminderDaysBefore', {
            type: 'number',
            inputMode: 'numeric',
            min: form.rules('preferences.reminderDaysBefore').minimum,
            max: form.rules('preferences.reminderDaysBefore').maximum,
            width: 'short',
            hint: t(`${K}.hints.reminderDaysBefore`),
          })}
          <SelectField
            id={idFor('preferences.language')}
            label={t(`${K}.fields.preferences.language`)}
            hint={t(`${K}.hints.language`)}
            value={draft.preferences.language}
            onChange={(value) => model.setField('preferences.language', value)}
            choices={languages}
            error={errorAt('preferences.language')}
          />
        </Section>
      </FormShell>
    </div>
  );
}
