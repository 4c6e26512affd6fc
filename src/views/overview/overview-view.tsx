import type { AccountSummary, AccountStatus, ContactChannel, Feature, HumanContact, OutstandingInvoice } from '../../contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { Button } from '../../ui/button.tsx';
import { Money } from '../../ui/money.tsx';
import { Section } from '../../ui/section.tsx';
import { StatusBadge, type BadgeTone } from '../../ui/status-badge.tsx';
import { MerchantHtml } from '../../ui/merchant-html.tsx';
import type { PortalStore } from '../../state/portal-store.ts';
import { OverviewInvoices } from './overview-invoices.tsx';

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

/** Statuses whose banner names a date; they have a `_nodate` wording when none is known. */
const DATED: ReadonlySet<AccountStatus> = new Set(['payment_due', 'past_due', 'on_plan']);

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
          <MerchantHtml html={account.merchantNoteHtml} />
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
  const { status, situation } = account;
  // The date that matters is the oldest open due date; for a healthy account, the next charge.
  const dueDates = account.outstandingInvoices.map((i) => i.dueDate).sort();
  const date = dueDates[0] ?? account.nextCharge?.date;
  const values = {
    amount: formatMoney(account.balance, locale),
    date: date ? formatDate(date, locale) : '',
    context: account.customer.segment,
  };
  // i18next tries each key with the segment as context, then without: the most specific
  // wording wins (e.g. past_due + first_missed + loyal), the plain status wording is the floor.
  let message: string;
  if (status === 'good' && account.nextCharge) {
    const { amount, date: chargeDate } = account.nextCharge;
    message = t('banner.good_next', {
      context: values.context,
      amount: formatMoney(amount, locale),
      date: formatDate(chargeDate, locale),
    });
  } else if (DATED.has(status) && !date) {
    message = t(`banner.${status}_nodate`, values);
  } else {
    message = t([`banner.${status}_${situation}`, `banner.${status}`], values);
  }
  return (
    <div part="banner" class={`banner banner-${STATUS_TONE[status]}`}>
      <StatusBadge label={t(`status.${status}`)} tone={STATUS_TONE[status]} />
      <p>{message}</p>
    </div>
  );
}

function InvoiceList({ invoices }: { invoices: readonly OutstandingInvoice[] }) {
  const { t, locale } = useI18n();
  if (invoices.length === 0) return <p>{t('overview.noInvoices')}</p>;
  return (
    <ul class="invoice-list">
      {invoices.map((invoice) => (
        <li key={invoice.id} class="invoice-row">
          <span class="invoice-number">{t('overview.invoiceNumber', { number: invoice.number })}</span>
          <Money value={invoice.amountDue} locale={locale} />
          <span class="invoice-due">{t('overview.due', { date: formatDate(invoice.dueDate, locale, 'medium') })}</span>
          <StatusBadge label={t(`status.${invoice.status}`)} tone={STATUS_TONE[invoice.status]} />
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
        {contact.role ? <span class="contact-role">{contact.role}</span> : null}
      </p>
      {contact.hours ? <p>{t('overview.hours', { hours: contact.hours })}</p> : null}
      {contact.channels.length > 0 ? (
        <ul class="channels">
          {contact.channels.map((channel, index) => (
            <li key={index}>
              <span class="channel-kind">{channel.label ?? t(`channel.${channel.kind}`)}</span>{' '}
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
