import { useEffect, useErrorBoundary, useMemo, useRef, useState } from 'preact/hooks';
import type { i18n } from 'i18next';
import type { ComponentChildren, ComponentType } from 'preact';
import { formatRoute, type PortalStore } from '../state/portal-store.ts';
import { SCREENS, type ViewName } from '../state/screens.ts';
import { loadScreen, type ScreenProps } from './screens.ts';
import { LoadFailed, Loading } from './screen.tsx';
import { I18nContext, useI18n } from '../i18n/i18n-context.ts';
import { ensureLanguage, isLanguageReady } from '../i18n/create-i18n.ts';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { OverviewView } from './overview/overview-view.tsx';
import { FeedbackPrompt } from './feedback/feedback-prompt.tsx';

/** Props of {@link App}. */
export interface AppProps {
  store: PortalStore;
  /** This element's own i18next instance (replaced when the host changes `translations`). */
  i18n: i18n;
}

/** The root of one portal: picks the language, then the state to show. */
export function App({ store, i18n }: AppProps) {
  const locale = store.locale.value;
  const ready = isLanguageReady(i18n, locale);
  const [, languageLoaded] = useState(0);
  useEffect(() => {
    if (!ready) void ensureLanguage(i18n, locale).then(() => languageLoaded((n) => n + 1));
  }, [i18n, locale, ready]);
  const value = useMemo(() => ({ t: i18n.getFixedT(locale), locale }), [i18n, locale, ready]);
  // Until the customer's language has arrived (a small chunk, usually before the data), show
  // nothing rather than a flash of English.
  if (!ready) return <section part="portal" class="portal" aria-busy="true" />;
  return (
    <I18nContext.Provider value={value}>
      <Portal store={store} />
    </I18nContext.Provider>
  );
}

function Portal({ store }: { store: PortalStore }) {
  const { t, locale } = useI18n();
  const state = store.account.value;
  const route = store.route.value;
  const heading = useRef<HTMLHeadingElement>(null);
  const retry = useRef<HTMLDivElement>(null);
  const lastRoute = useRef(formatRoute(route));
  // Set when the customer pressed "Try again": the button vanishes, so focus must land somewhere
  // meaningful once the outcome is known instead of falling back to the page.
  const focusPending = useRef(false);
  // Set on navigation: focus moves to the new screen's heading once it is on screen (a lazy
  // screen renders its heading a little later).
  const focusHeading = useRef(false);

  const focusHeadingIfPending = () => {
    if (focusHeading.current && heading.current) {
      heading.current.focus();
      focusHeading.current = false;
    }
  };

  useEffect(() => {
    const key = formatRoute(route);
    if (lastRoute.current !== key) {
      lastRoute.current = key;
      focusHeading.current = true;
    }
    focusHeadingIfPending();
  });

  useEffect(() => {
    if (!focusPending.current) return;
    // The store's current status, not this render's: Preact may run a stale effect late
    // (at the start of the next render), e.g. the error render's effect after the click.
    // Also, until that render is committed, the element to focus may not exist yet.
    const status = store.account.peek().status;
    const target =
      status === 'ready' ? heading.current : status === 'error' ? retry.current?.querySelector('button') : null;
    if (!target) return;
    target.focus();
    focusPending.current = false;
  }, [state]);

  let content;
  if (!store.configured.value) {
    content = <Alert message={t('config.missing')} />;
  } else if (state.status === 'error') {
    content = (
      <div ref={retry}>
        <LoadFailed
          error={state.error}
          onRetry={() => {
            focusPending.current = true;
            void store.reload();
          }}
        />
      </div>
    );
  } else if (state.status === 'ready') {
    content = (
      <>
        <PortalNav store={store} />
        {store.canGoBack.value ? <Button onClick={store.back}>{t('portal.back')}</Button> : null}
        {route.view === 'overview' ? (
          <ScreenBoundary store={store} key={formatRoute(route)}>
            <OverviewView account={state.data} features={store.features.value} headingRef={heading} store={store} />
          </ScreenBoundary>
        ) : (
          <ScreenBoundary store={store} key={formatRoute(route)}>
            <LazyScreen
              store={store}
              route={route}
              account={state.data}
              headingRef={heading}
              onShown={focusHeadingIfPending}
            />
          </ScreenBoundary>
        )}
        <FeedbackPrompt store={store} />
      </>
    );
  } else {
    content = <Loading text={t('portal.loading')} />;
  }

  return (
    <section part="portal" class="portal" aria-label={t('portal.label')} lang={locale}>
      {content}
    </section>
  );
}

/**
 * Keeps one screen's failure to render (data no view expected, a bug) from blanking the whole
 * portal: the customer sees a plain message with "Try again", the host gets `billfold-error`.
 */
export function ScreenBoundary({ store, children }: { store: PortalStore; children: ComponentChildren }) {
  const { t } = useI18n();
  const [error, reset] = useErrorBoundary((cause: unknown) => {
    console.error('Billfold: a screen failed to render', cause);
    store.reportRenderError(cause);
  });
  if (error) {
    return (
      <Alert message={t('error.unexpected_response')}>
        <Button
          variant="primary"
          onClick={() => {
            reset();
            void store.reload();
          }}
        >
          {t('error.retry')}
        </Button>
      </Alert>
    );
  }
  return <>{children}</>;
}

/** The portal's own navigation: one button per screen this customer may use. */
function PortalNav({ store }: { store: PortalStore }) {
  const { t } = useI18n();
  const current = store.route.value.view;
  const views = store.offered.value;
  if (views.length < 2) return null;
  return (
    <nav part="nav" class="portal-nav" aria-label={t('nav.label')}>
      <ul>
        {views.map((view) => (
          <li key={view}>
            <button
              type="button"
              class="nav-link"
              aria-current={view === current ? 'page' : undefined}
              onClick={() => store.navigate({ view })}
            >
              {t(SCREENS[view].navLabel)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Loads a screen's code on first use, then renders it. `onShown` runs once the screen is on
 * screen, so focus can move to its heading (the shell's own effect ran before it existed).
 */
function LazyScreen({ onShown, ...props }: ScreenProps & { onShown: () => void }) {
  const { t } = useI18n();
  const view = props.route.view;
  const [loaded, setLoaded] = useState<{ view: ViewName; Screen: ComponentType<ScreenProps> } | { view: ViewName; failed: true }>();
  useEffect(() => {
    let live = true;
    loadScreen(view)?.then(
      (module) => live && setLoaded({ view, Screen: module.default }),
      (error: unknown) => {
        console.error(`Billfold: could not load the ${view} screen`, error);
        if (live) setLoaded({ view, failed: true });
      },
    );
    return () => {
      live = false;
    };
  }, [view]);
  if (!loaded || loaded.view !== view) return <Loading text={t('portal.loading')} />;
  if ('failed' in loaded) return <Alert message={t('error.network')} />;
  return <LoadedScreen Screen={loaded.Screen} props={props} onShown={onShown} />;
}

function LoadedScreen({ Screen, props, onShown }: { Screen: ComponentType<ScreenProps>; props: ScreenProps; onShown: () => void }) {
  useEffect(onShown, [Screen]);
  return <Screen {...props} />;
}
