import { useEffect, useId, useRef } from 'preact/hooks';
import type { ContactChannel, HumanContact } from '../../contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDate } from '../../i18n/format.ts';
import type { TFunction } from 'i18next';
import { zonedInstant } from '../../lib/availability.ts';
import { CALLBACK_WINDOWS, createContactModel, type CallbackField, type ContactModel } from '../../state/contact.ts';
import type { FieldIssue } from '../../state/form.ts';
import { Button } from '../../ui/button.tsx';
import { DateField, RadioGroup, SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { Section } from '../../ui/section.tsx';
import { errorMessage } from '../error-message.ts';
import { channelHref } from '../overview/overview-view.tsx';
import type { ScreenProps } from '../screens.ts';
import { Confirmation, FormShell, useOutcomeTarget } from '../form-shell.tsx';
import { Screen } from '../screen.tsx';

const C = 'contact';

/**
 * A human contact: the customer's named person at the merchant (name, role, photo, hours), every
 * channel as a working link, and — when the merchant offers it — a request to be called back in
 * a time window the customer picks. Deep link: `view="contact"`.
 */
export default function ContactScreen({ store, account, headingRef }: ScreenProps) {
  const { t } = useI18n();
  const contact = account.humanContact;
  const merchant = account.merchant.name;
  const callback = !!contact?.callbackAvailable && store.features.value.includes('callback');
  return (
    <Screen class="contact-screen" title={t(`${C}.title`, { merchant })} headingRef={headingRef}>
      {contact ? (
        <>
          <Person contact={contact} merchant={merchant} />
          {callback ? <CallbackForm model={store.model(createContactModel)} contact={contact} /> : null}
        </>
      ) : (
        <p>{t(`${C}.none`, { merchant })}</p>
      )}
    </Screen>
  );
}

/** Only an https portrait is shown: no mixed content, no `data:` or `javascript:` sources. */
function safePhoto(url: string | null | undefined): string | undefined {
  return url && /^https:\/\/[^\s]+$/i.test(url) ? url : undefined;
}

function Person({ contact, merchant }: { contact: HumanContact; merchant: string }) {
  const { t } = useI18n();
  const photo = safePhoto(contact.photoUrl);
  const nameId = useId();
  return (
    <section part="card" class="card contact-person" aria-labelledby={nameId}>
      <div class="contact-who">
        {photo ? (
          <img class="contact-photo" src={photo} alt={t(`${C}.photoAlt`, { name: contact.name })} width={96} height={96} loading="lazy" referrerpolicy="no-referrer" />
        ) : null}
        <div>
          <h3 id={nameId}>{contact.name}</h3>
          <p class="contact-role" lang={contact.role ? (contact.lang ?? undefined) : undefined}>
            {contact.role ?? t(`${C}.defaultRole`, { merchant })}
          </p>
          {contact.hours ? <p>{t(`${C}.hours`, { hours: contact.hours })}</p> : null}
        </div>
      </div>
      {contact.channels.length > 0 ? (
        <ul class="contact-channels" aria-label={t(`${C}.channelsLabel`, { name: contact.name })}>
          {contact.channels.map((channel, index) => (
            <li key={index}>
              <span class="contact-channel-kind">
                {channel.kind === 'chat' ? t(`${C}.kinds.chat`) : (channel.label ?? t(`${C}.kinds.${channel.kind}`))}
              </span>
              <ChannelLink channel={channel} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** A channel as a working link (mailto:, tel:, an https chat), or as text (a postal address). */
function ChannelLink({ channel }: { channel: ContactChannel }) {
  const { t } = useI18n();
  const href = channelHref(channel);
  if (!href) return <span class="contact-channel-value">{channel.value}</span>;
  if (channel.kind === 'chat') {
    return (
      <a class="contact-channel-value" href={href} target="_blank" rel="noopener noreferrer">
        {channel.label ?? t(`${C}.openChat`)}
        <span class="visually-hidden"> {t(`${C}.newTab`)}</span>
      </a>
    );
  }
  return (
    <a class="contact-channel-value" href={href}>
      {channel.value}
    </a>
  );
}

/** The words for a refused call-back field (keys of `contact.errors`: `<field>_<why>`). */
const ISSUE_WORDS: Record<string, string> = { 'phone.format': 'phone', 'date.format': 'date', 'date.tooEarly': 'past' };

/** A time on the customer's clock, and on the contact's when it differs. */
function windowLabel(t: TFunction, locale: string, name: string, window: string, date: string, span: { start: string; end: string } | undefined, zone: string | undefined): string {
  const label = t(`${C}.windows.${window}`);
  if (!span || !zone) return label;
  const from = zonedInstant(date, span.start, zone);
  const to = zonedInstant(date, span.end, zone);
  const mine = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const theirs = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: zone });
  const here = { window: label, from: mine.format(from), to: mine.format(to) };
  if (mine.format(from) === theirs.format(from)) return t(`${C}.callback.windowTimes`, here);
  return t(`${C}.callback.windowTimesThere`, {
    ...here,
    thereFrom: theirs.format(from),
    thereTo: theirs.format(to),
    name,
    zone: zone.split('/').pop()!.replace(/_/g, ' '),
  });
}

function CallbackForm({ model, contact }: { model: ContactModel; contact: HumanContact }) {
  const { t, locale } = useI18n();
  const prefix = useId();
  const form = model.form;
  const draft = form.draft.value;
  const receipt = model.receipt.value;

  useEffect(() => {
    void model.prefill();
  }, [model]);

  const idOf = (field: string) => `${prefix}-${field}`;
  const words = (issue: FieldIssue) => {
    const key = ISSUE_WORDS[`${issue.path}.${issue.key}`] ?? issue.key;
    return t(`${C}.errors.${issue.path}_${key}`, { name: contact.name, defaultValue: t(`${C}.errors.invalid`) });
  };
  const hours = model.hours();
  const days = model.offeredDays();
  const windows = model.windowsOn(draft.date);
  const errorAt = (field: CallbackField) => {
    const issue = form.issues.value.find((i) => i.path === field);
    return issue ? words(issue) : undefined;
  };
  const title = t(`${C}.callback.title`, { name: contact.name });
  const formIntro = useRef<HTMLParagraphElement>(null);
  // "Request another call back": a fresh form, and the customer is taken to its start.
  useOutcomeTarget(form.status, () => {
    if (model.receipt.peek() || form.issues.peek().length > 0 || form.failure.peek() || !formIntro.current) return false;
    formIntro.current.focus();
    return true;
  });

  if (receipt) {
    return (
      <Section title={title} class="contact-callback">
        <Confirmation form={form.status}>
          {t(`${C}.callback.confirmed`, {
            name: contact.name,
            date: formatDate(receipt.date, locale),
            context: receipt.window,
            phone: draft.phone.trim(),
          })}
        </Confirmation>
        <Button onClick={() => model.startOver()}>{t(`${C}.callback.another`)}</Button>
      </Section>
    );
  }

  return (
    <Section title={title} class="contact-callback">
      <p class="screen-intro" tabIndex={-1} ref={formIntro}>
        {t(`${C}.callback.intro`, { name: contact.name })}
      </p>
      <FormShell
        form={form.status}
        class="callback-form"
        onSubmit={() => void form.submit()}
        summaryTitle={t(`${C}.callback.summaryTitle`)}
        describe={(issue) => ({ target: idOf(issue.path), message: words(issue) })}
        failureText={(error) =>
          error.kind === 'conflict' ? t(`${C}.callback.notOffered`) : `${errorMessage(t, error)} ${t(`${C}.callback.failed`)}`
        }
        canRetry={(error) => error.kind !== 'conflict'}
        submitLabel={t(`${C}.callback.send`)}
        busyLabel={t(`${C}.callback.sending`)}
      >
        <TextField
          id={idOf('phone')}
          label={t(`${C}.callback.phone`)}
          hint={t(`${C}.callback.phoneHint`)}
          type="tel"
          inputMode="tel"
          autocomplete="tel"
          value={draft.phone}
          onInput={(value) => model.setField('phone', value)}
          error={errorAt('phone')}
          maxLength={20}
        />
        {days ? (
          days.length === 0 ? (
            <p>{t(`${C}.callback.noDays`, { name: contact.name })}</p>
          ) : (
            <SelectField
              id={idOf('date')}
              label={t(`${C}.callback.date`)}
              hint={t(`${C}.callback.dateHintHours`, { name: contact.name })}
              value={draft.date}
              onChange={(value) => model.setField('date', value)}
              choices={[
                { value: '', label: t(`${C}.callback.chooseDay`) },
                ...days.map((day) => ({ value: day, label: new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)) })),
              ]}
              error={errorAt('date')}
            />
          )
        ) : (
          <DateField
            id={idOf('date')}
            label={t(`${C}.callback.date`)}
            hint={t(`${C}.callback.dateHint`)}
            value={draft.date}
            min={model.today()}
            onInput={(value) => model.setField('date', value)}
            error={errorAt('date')}
          />
        )}
        {windows.length > 0 ? (
          <RadioGroup
            id={idOf('window')}
            name={`${prefix}-window`}
            label={t(`${C}.callback.window`)}
            hint={contact.hours ? t(`${C}.callback.windowHint`, { name: contact.name, hours: contact.hours }) : undefined}
            value={draft.window}
            onChange={(value) => model.setField('window', value as (typeof CALLBACK_WINDOWS)[number])}
            choices={windows.map(({ window, span }) => ({ value: window, label: windowLabel(t, locale, contact.name, window, draft.date, span, hours?.timeZone) }))}
            error={errorAt('window')}
          />
        ) : null}
        <TextAreaField
          id={idOf('topic')}
          label={t(`${C}.callback.topic`)}
          optionalText={t(`${C}.optional`)}
          hint={t(`${C}.callback.topicHint`, { name: contact.name })}
          value={draft.topic}
          onInput={(value) => model.setField('topic', value)}
          maxLength={form.rules('topic').maxLength}
          rows={3}
          error={errorAt('topic')}
        />
      </FormShell>
    </Section>
  );
}
