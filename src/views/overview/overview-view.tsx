import type { AccountSummary, AccountStatus, ContactChannel, Feature, HumanContact, OutstandingInvoice } from '../../contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDate, formatInstantDate, formatMoney } from '../../i18n/format.ts';
import { Button } from '../../ui/button.tsx';
import { Money } from '../../ui/money.tsx';
import { Section } from '../../ui/section.tsx';
import { StatusBadge, type BadgeTone } from '../../ui/status-badge.tsx';
import { MerchantHtml } from '../../ui/merchant-html.tsx';
import type { PortalStore } from '../../state/portal-store.ts';
import { standingOf } from '../../state/account-status.ts';
import { InvoiceFacts, OverviewInvoices } from './overview-invoices.tsx';

/** Props of {@link OverviewView}. */
export interface OverviewViewProps {
  account: AccountSummary;
  /** The screens enabled for this customer (account features narrowed by the element). */
  features: readonly Feature[];
  /** Lets the app move focus to the heading after navigation. */
  headingRef?: { current: HTMLHeadingElement | null };
  /**
   * The portal's store. With it the overview offers direct actions (pay, fix the card, see the
   * invoice) and explains a failed payment; without it, it only shows where the account stands.
   */
  store?: PortalStore;
}

const STATUS_TONE: Record<AccountStatus | OutstandingInvoice['status'], BadgeTone> = {
  good: 'ok',
  payment_due: 'info',
  open: 'info',
  processing: 'info',
  on_plan: 'info',
  past_due: 'warning',
  payment_failed: 'danger',
};

/**
 * The overview: who the customer is, where the account stands in words that fit the
 * relationship, what is owed and when, the merchant's note, the person to talk to, and the
 * invoices that need attention.
 */
export function OverviewView({ account, features, headingRef, store }: OverviewViewProps) {
  const { t, locale } = useI18n();
  const { customer, merchant } = account;
  return (
    <div class="overview">
      <header class="overview-header">
        <h2 ref={headingRef} tabIndex={-1}>
          {t('overview.greeting', { name: customer.greetingName })}
        </h2>
        <p class="welcome">
          {t('overview.welcome', {
            context: customer.segment,
            merchant: merchant.name,
            since: customer.customerSince.slice(0, 4),
          })}
        </p>
      </header>
      <StatusBanner account={account} />
      <Section title={t('overview.summary')} class="summary">
        <dl class="figures">
          <div>
            <dt>{t('overview.balance')}</dt>
            <dd>
              {account.balance.amount !== 0 ? (
                <Money value={account.balance} locale={locale} />
              ) : (
                t('overview.nothingOwed')
              )}
            </dd>
          </div>
          <div>
            <dt>{t('overview.nextCharge')}</dt>
            <dd>
              {account.nextCharge
                ? t('overview.nextChargeValue', {
                    amount: formatMoney(account.nextCharge.amount, locale),
                    date: formatDate(account.nextCharge.date, locale),
                  })
                : t('overview.noNextCharge')}
            </dd>
          </div>
        </dl>
      </Section>
      <Section title={t('overview.invoices')}>
        {store ? (
          <OverviewInvoices store={store} account={account} tone={STATUS_TONE} />
        ) : (
          <InvoiceList invoices={account.outstandingInvoices} />
        )}
      </Section>
      {account.merchantNoteHtml ? (
        <Section title={t('overview.noteFrom', { merchant: merchant.name })}>
          <MerchantHtml html={account.merchantNoteHtml} lang={account.merchantNoteLang ?? undefined} />
        </Section>
      ) : null}
      {account.humanContact ? (
        <ContactCard
          contact={account.humanContact}
          merchant={merchant.name}
          callback={features.includes('callback')}
          onOpen={
            // Without the contact screen the card still names the person, but offers no dead button.
            store && store.offered.value.includes('contact')
              ? () => store.navigate({ view: 'contact' })
              : undefined
          }
        />
      ) : null}
    </div>
  );
}

function StatusBanner({ account }: { account: AccountSummary }) {
  const { t, locale } = useI18n();
  const standing = standingOf(account);
  const segment = account.customer.segment;
  const money = (value: Parameters<typeof formatMoney>[0]) => formatMoney(value, locale);
  const day = (date: string) => formatDate(date, locale);
  // i18next tries each key with the segment as context, then without: the most specific
  // wording wins (e.g. past_due + first_missed + loyal), the plain status wording is the floor.
  const toned = (keys: string[], values: Record<string, string>) => t(keys, { ...values, context: segment });
  let message: string;
  switch (standing.kind) {
    case 'good':
      message = standing.next
        ? toned(['banner.good_next'], { amount: money(standing.next.amount), date: day(standing.next.date) })
        : toned(['banner.good'], {});
      break;
    case 'processing':
      message = t('banner.processing', { amount: money(standing.amount), date: formatInstantDate(standing.since, locale) });
      break;
    case 'payment_failed':
      // The reason is the fact; the tone follows the relationship. Stated once, here.
      message = `${t(`banner.failed_${standing.reason}`, { amount: money(standing.amount) })} ${toned(
        [`banner.failedTone_${account.situation}`, 'banner.failedTone'],
        {},
      )}`;
      break;
    case 'instalments':
      message = toned([`banner.instalments_${account.situation}`, 'banner.instalments'], {
        amount: money(standing.balance),
        next: money(standing.next.amount),
        date: day(standing.next.date),
      });
      break;
    case 'extension':
      message = t('banner.extension', { amount: money(standing.amount), date: day(standing.date) });
      break;
    case 'on_plan':
      message = t('banner.on_plan', { amount: money(standing.balance) });
      break;
    case 'past_due':
      message = toned([`banner.past_due_${account.situation}`, 'banner.past_due'], { amount: money(standing.amount), date: day(standing.since) });
      break;
    case 'payment_due':
      message = t('banner.payment_due', { amount: money(standing.amount), date: day(standing.date) });
      break;
    case 'owed':
      message = t('banner.owed', { amount: money(standing.amount) });
      break;
  }
  const badge = standing.kind === 'processing' ? 'processing' : account.status;
  return (
    <div part="banner" class={`banner banner-${STATUS_TONE[badge]}`}>
      <StatusBadge label={t(`status.${badge}`)} tone={STATUS_TONE[badge]} />
      <p>{message}</p>
    </div>
  );
}

function InvoiceList({ invoices }: { invoices: readonly OutstandingInvoice[] }) {
  const { t } = useI18n();
  if (invoices.length === 0) return <p>{t('overview.noInvoices')}</p>;
  return (
    <ul class="invoice-list">
      {invoices.map((invoice) => (
        <li key={invoice.id} class="invoice-row">
          <InvoiceFacts invoice={invoice} tone={STATUS_TONE[invoice.status]} />
        </li>
      ))}
    </ul>
  );
}

function ContactCard({
  contact,
  merchant,
  callback,
  onOpen,
}: {
  contact: HumanContact;
  merchant: string;
  callback: boolean;
  /** Opens the contact screen (call-back request), when it exists. */
  onOpen: (() => void) | undefined;
}) {
  const { t } = useI18n();
  return (
    <Section title={t('overview.contact', { merchant })} class="contact">
      <p class="contact-name">
        <strong>{contact.name}</strong>
        {contact.role ? (
          <span class="contact-role" lang={contact.lang ?? undefined}>
            {contact.role}
          </span>
        ) : null}
      </p>
      {contact.hours ? <p>{t('overview.hours', { hours: contact.hours })}</p> : null}
      {contact.channels.length > 0 ? (
        <ul class="channels">
          {contact.channels.map((channel, index) => (
            <li key={index}>
              <span class="channel-kind" lang={channel.label ? (contact.lang ?? undefined) : undefined}>
                {channel.label ?? t(`channel.${channel.kind}`)}
              </span>{' '}
              <ChannelValue channel={channel} />
            </li>
          ))}
        </ul>
      ) : null}
      {callback && contact.callbackAvailable ? <p>{t('overview.callback', { name: contact.name })}</p> : null}
      {onOpen ? (
        <Button onClick={onOpen}>{t(callback && contact.callbackAvailable ? 'overview.requestCallback' : 'overview.contactOpen', { name: contact.name })}</Button>
      ) : null}
    </Section>
  );
}

/** A channel as a link when it has a safe scheme for its kind, otherwise as text. */
function ChannelValue({ channel }: { channel: ContactChannel }) {
  const href = channelHref(channel);
  if (!href) return <span>{channel.value}</span>;
  const external = href.startsWith('https:');
  return (
    <a href={href} target={external ? '_blank' : undefined} rel={external ? 'noopener noreferrer' : undefined}>
      {channel.value}
    </a>
  );
}

/**
 * Builds a link only from what each kind may be: an email address, a phone number, an https
 * chat URL. Anything else (a `javascript:` "chat URL", a postal address) stays text.
 */
export function channelHref(channel: ContactChannel): string | undefined {
  const value = channel.value.trim();
  switch (channel.kind) {
    case 'email':
      return /^[^\s@:/]+@[^\s@:/]+$/.test(value) ? `mailto:${value}` : undefined;
    case 'phone':
      return /^\+?[0-9 ()./-]{3,}$/.test(value) ? `tel:${value.replace(/[^0-9+]/g, '')}` : undefined;
    case 'chat':
      return /^https:\/\//i.test(value) ? value : undefined;
    default:
      return undefined;
  }
}
