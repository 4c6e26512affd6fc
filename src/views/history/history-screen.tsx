import { useEffect, useId, useRef } from 'preact/hooks';
import type { HistoryEntry } from '../../contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { createHistoryModel, type ChannelFilter } from '../../state/history.ts';
import type { Route } from '../../state/routes.ts';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/field.tsx';
import type { ScreenProps } from '../screens.ts';
import { ChannelIcon } from './channel-icon.tsx';
import { LoadFailed, Remote, Screen } from '../screen.tsx';

const H = 'history';

/**
 * One timeline of what was sent to the customer and what they sent, on every channel, newest
 * first: when, on which channel, which way, what and where to — so "I never received the invoice"
 * is checked in a second. Deep link: `view="history"`.
 */
export default function HistoryScreen({ store, headingRef }: ScreenProps) {
  const { t } = useI18n();
  const model = store.model(createHistoryModel);
  const filterId = useId();
  const listRef = useRef<HTMLOListElement>(null);
  // The last entry shown before "Show more", so focus can move to the first new one.
  const lastBefore = useRef<string | undefined>(undefined);
  useEffect(() => {
    // Fresh on every visit: a question or a call back just now belongs on the timeline.
    void model.reload();
  }, [model]);

  const state = model.state.value;
  const visible = model.visible.value;
  const filter = model.filter.value;
  const pagesAdded = model.pagesAdded.value;
  const showInvoices = store.features.value.includes('invoices');

  useEffect(() => {
    const before = lastBefore.current;
    if (before === undefined) return;
    lastBefore.current = undefined;
    const items = [...(listRef.current?.querySelectorAll<HTMLElement>('li[data-id]') ?? [])];
    const index = items.findIndex((item) => item.dataset.id === before);
    // The first entry after the old last one; if the filter hides every new one, the old last.
    (items[index + 1] ?? items[index])?.focus();
  }, [pagesAdded]);

  const content = (
    <Remote state={state} onRetry={() => void model.reload()} loading={t(`${H}.loading`)}>
      {(data) => {
        const channels = model.channels.value;
        const channelName = (channel: ChannelFilter) => t(channel === 'all' ? `${H}.allChannels` : `${H}.channels.${channel}`);
        return (
          <>
            {channels.length > 1 ? (
              <div class="history-filter">
                <SelectField
                  id={filterId}
                  label={t(`${H}.filter`)}
                  value={filter}
                  onChange={(value) => model.setFilter(value as ChannelFilter)}
                  choices={(['all', ...channels] as ChannelFilter[]).map((channel) => ({ value: channel, label: channelName(channel) }))}
                />
              </div>
            ) : null}
            <p role="status" class="history-count">
              {filter === 'all'
                ? t(`${H}.count`, { count: visible.length })
                : t(`${H}.countOn`, { count: visible.length, channel: channelName(filter) })}
            </p>
            {model.entries.value.length === 0 ? (
              <p>{t(`${H}.empty`)}</p>
            ) : (
              <ol class="history-list" ref={listRef} aria-label={t(`${H}.listLabel`)}>
                {visible.map((entry) => (
                  <Entry key={entry.id} entry={entry} showInvoices={showInvoices} navigate={store.navigate} />
                ))}
              </ol>
            )}
            {model.moreError.value ? (
              <LoadFailed error={model.moreError.value} onRetry={() => void loadMore()} />
            ) : null}
            {model.hasMore.value && !model.moreError.value ? (
              <Button onClick={() => void loadMore()} busy={model.loadingMore.value}>
                {model.loadingMore.value ? t(`${H}.loadingMore`) : t(`${H}.more`)}
              </Button>
            ) : null}
          </>
        );
      }}
    </Remote>
  );

  function loadMore(): Promise<void> {
    const shown = model.visible.peek();
    lastBefore.current = shown[shown.length - 1]?.id;
    return model.loadMore();
  }

  return (
    <Screen class="history" title={t(`${H}.title`)} intro={t(`${H}.intro`)} headingRef={headingRef}>
      {content}
    </Screen>
  );
}

interface EntryProps {
  entry: HistoryEntry;
  showInvoices: boolean;
  navigate: (route: Route) => void;
}

function Entry({ entry, showInvoices, navigate }: EntryProps) {
  const { t, locale } = useI18n();
  const outbound = entry.direction === 'outbound';
  return (
    <li class={`history-entry history-${entry.direction}`} data-id={entry.id} tabIndex={-1}>
      <span class="history-channel-icon">
        <ChannelIcon channel={entry.channel} />
      </span>
      <div class="history-body">
        <p class="history-subject" lang={entry.lang ?? undefined}>
          {entry.subject}
        </p>
        <dl class="history-facts">
          <div>
            <dt>{t(`${H}.when`)}</dt>
            <dd>
              <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, locale)}</time>
            </dd>
          </div>
          <div>
            <dt>{t(`${H}.channel`)}</dt>
            <dd>{t(`${H}.channels.${entry.channel}`)}</dd>
          </div>
          <div>
            <dt>{t(`${H}.what`)}</dt>
            <dd>
              {t(`${H}.kinds.${entry.kind}`)} · {t(outbound ? `${H}.toYou` : `${H}.fromYou`)}
            </dd>
          </div>
          {entry.sentTo ? (
            <div>
              <dt>{t(outbound ? `${H}.sentTo` : `${H}.sentFrom`)}</dt>
              <dd class="history-address">{entry.sentTo}</dd>
            </div>
          ) : null}
        </dl>
        {showInvoices && entry.invoiceId ? (
          <button type="button" class="link-button" onClick={() => navigate({ view: 'invoices', id: entry.invoiceId! })}>
            {t(`${H}.viewInvoice`)}
            <span class="visually-hidden"> {t(`${H}.viewInvoiceOf`, { subject: entry.subject })}</span>
          </button>
        ) : null}
      </div>
    </li>
  );
}
