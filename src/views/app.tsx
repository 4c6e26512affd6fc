import { useEffect, useErrorBoundary, useMemo, useRef, useState } from 'preact/hooks';
import type { ComponentChildren, ComponentType, RefObject } from 'preact';
import { adoptScreenStyles, prefetchScreenStyles } from '../element/styles.css.ts';
import { formatRoute, type PortalStore } from '../state/portal-store.ts';
import { SCREENS, SECTIONS, screensOf, type ViewName } from '../state/screens.ts';
import { loadScreen, type ScreenProps } from './screens.ts';
import { LoadFailed, Loading } from './screen.tsx';
import { I18nContext, useI18n } from '../i18n/i18n-context.ts';
import type { Translator } from '../i18n/translator.ts';
import { baseLanguage, textDirection } from '../i18n/languages.ts';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { OverviewView } from './overview/overview-view.tsx';
import { payDialog } from './overview/overview-invoices.tsx';
import { lazyChunk } from '../lib/lazy-chunk.ts';

/** Props of {@link App}. */
export interface AppProps {
  store: PortalStore;
  /** This element's own strings (replaced when the host changes `translations`). */
  translator: Translator;
}

/** The instances already warned about an unshipped language (once each). */
const warned = new WeakSet<Translator>();

/** The root of one portal: picks the language, then the state to show. */
export function App({ store, translator }: AppProps) {
  const locale = store.locale.value;
  const ready = translator.ready(locale);
  const [, languageLoaded] = useState(0);
  useEffect(() => {
    if (!ready) void translator.load(locale).then(() => languageLoaded((n) => n + 1));
  }, [translator, locale, ready]);
  const value = useMemo(() => {
    const { t, lang } = translator.strings(locale);
    // Formatting follows the strings' language when the requested one is not shipped.
    const format = baseLanguage(lang) === baseLanguage(locale) ? locale : lang;
    return { t, locale: format, lang, dir: textDirection(lang) };
  }, [translator, locale, ready]);
  useEffect(() => {
    if (ready && baseLanguage(value.lang) !== baseLanguage(locale) && !warned.has(translator)) {
      warned.add(translator);
      console.warn(`Billfold: no strings for "${locale}"; the portal speaks ${value.lang}. Add them with the translations property.`);
    }
  }, [value, ready]);
  // Until the customer's language has arrived (a small chunk, usually before the data), show
  // nothing rather than a flash of English.
  if (!ready) return <section part="portal" class="portal" aria-busy="true" />;
  return (
    <I18nContext.Provider value={value}>
      <Portal store={store} translator={translator} />
    </I18nContext.Provider>
  );
}

function Portal({ store, translator }: { store: PortalStore; translator: Translator }) {
  const { t, lang, dir } = useI18n();
  const state = store.account.value;
  const route = store.route.value;
  const heading = useRef<HTMLHeadingElement>(null);
  // The portal's own element: screens adopt their styles into the shadow root it is in.
  const portal = useRef<HTMLElement>(null);
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

  useEffect(() => {
    if (state.status === 'ready') prefetchNextScreen(store, translator);
  }, [state.status === 'ready', translator]);

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
        {/* Back only inside a record (an invoice, a thread): top-level screens are a click away above. */}
        {route.id && store.canGoBack.value ? <Button onClick={store.back}>{t('portal.back')}</Button> : null}
        {route.view === 'overview' ? (
          <ScreenBoundary store={store} key={formatRoute(route)}>
            <OverviewView account={state.data} features={store.features.value} headingRef={heading} store={store} />
          </ScreenBoundary>
        ) : (
          <ScreenBoundary store={store} key={formatRoute(route)}>
            <LazyScreen
              translator={translator}
              portal={portal}
              store={store}
              route={route}
              account={state.data}
              headingRef={heading}
              onShown={focusHeadingIfPending}
            />
          </ScreenBoundary>
        )}
        <LazyFeedbackPrompt store={store} translator={translator} />
      </>
    );
  } else {
    content = <Loading text={t('portal.loading')} />;
  }

  return (
    <section part="portal" class="portal" aria-label={t('portal.label')} lang={lang} dir={dir} ref={portal}>
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

/**
 * The portal's own navigation: a few top-level destinations (Overview, Invoices & payments, Your
 * account, Help), and the screens of the current one as a second row when it has several. Only
 * what this customer is offered; a destination opens its first screen.
 */
function PortalNav({ store }: { store: PortalStore }) {
  const { t } = useI18n();
  const current = store.route.value.view;
  const offered = store.offered.value;
  if (offered.length < 2) return null;
  const here = SCREENS[current].section;
  const sections = SECTIONS.filter((section) => screensOf(section, offered).length > 0);
  const within = screensOf(here, offered);
  return (
    <>
      <nav part="nav" class="portal-nav" aria-label={t('nav.label')}>
        <ul>
          {sections.map((section) => (
            <li key={section}>
              <button
                type="button"
                class="nav-link"
                aria-current={section === here ? 'page' : undefined}
                onClick={() => {
                  if (section !== here) store.navigate({ view: screensOf(section, offered)[0]! });
                }}
              >
                {t(`nav.sections.${section}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {within.length > 1 ? (
        <nav part="nav" class="portal-nav portal-subnav" aria-label={t('nav.within', { section: t(`nav.sections.${here}`) })}>
          <ul>
            {within.map((view) => (
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
      ) : null}
    </>
  );
}

/**
 * Loads a screen's code on first use, then renders it. `onShown` runs once the screen is on
 * screen, so focus can move to its heading (the shell's own effect ran before it existed).
 */
function LazyScreen({
  onShown,
  translator,
  portal,
  ...props
}: ScreenProps & { onShown: () => void; translator: Translator; portal: RefObject<HTMLElement> }) {
  const { t } = useI18n();
  const view = props.route.view;
  const [loaded, setLoaded] = useState<{ view: ViewName; Screen: ComponentType<ScreenProps> } | { view: ViewName; failed: true }>();
  useEffect(() => {
    let live = true;
    const screen = loadScreen(view);
    // Its English and its styles come with it (the first screen bundles only its own).
    const styles = portal.current ? adoptScreenStyles(portal.current, view) : undefined;
    if (screen) void Promise.all([screen, translator.loadScreens(), styles]).then(
      ([module]) => live && setLoaded({ view, Screen: module.default }),
      (error: unknown) => {
        console.error(`Billfold: could not load the ${view} screen`, error);
        if (live) setLoaded({ view, failed: true });
      },
    );
    return () => {
      live = false;
    };
  }, [view, translator]);
  if (!loaded || loaded.view !== view) return <Loading text={t('portal.loading')} />;
  if ('failed' in loaded) return <Alert message={t('error.network')} />;
  return <LoadedScreen Screen={loaded.Screen} props={props} onShown={onShown} />;
}

function LoadedScreen({ Screen, props, onShown }: { Screen: ComponentType<ScreenProps>; props: ScreenProps; onShown: () => void }) {
  useEffect(onShown, [Screen]);
  return <Screen {...props} />;
}

/** The feedback prompt with its form and its English: a lazy chunk, as it shows only after a completed journey. */
const feedbackPrompt = lazyChunk(() => import('./feedback/feedback-prompt.tsx').then((module) => module.FeedbackPrompt));

/**
 * Loads the feedback prompt (and the English it speaks) once there is a journey to ask about and
 * the merchant wants feedback, then renders it; until then it is not on the page, nor its code.
 */
function LazyFeedbackPrompt({ store, translator }: { store: PortalStore; translator: Translator }) {
  const wanted = store.features.value.includes('feedback') && store.completedJourney.value !== undefined;
  const [Prompt, setPrompt] = useState(() => feedbackPrompt.loaded());
  useEffect(() => {
    if (!wanted || Prompt) return;
    let live = true;
    void Promise.all([feedbackPrompt.load(), translator.loadScreens()]).then(
      ([loaded]) => live && setPrompt(() => loaded),
      // Optional, so a failed load costs the customer nothing; the next journey tries again.
      (error: unknown) => console.warn('Billfold: could not load the feedback prompt', error),
    );
    return () => {
      live = false;
    };
  }, [wanted, Prompt, translator]);
  return Prompt ? <Prompt store={store} /> : null;
}

/**
 * Once the first screen is up and the browser is idle, fetches the screen a customer most likely
 * opens next (the first other one offered, usually the invoices), the other screens' English and,
 * when something is owed, the pay dialog, so that click does not wait for the network.
 */
function prefetchNextScreen(store: PortalStore, translator: Translator): void {
  const next = store.offered.peek().find((view) => view !== 'overview');
  const prefetch = () => {
    if (next) void loadScreen(next)?.catch(() => undefined);
    if (next) prefetchScreenStyles(next);
    // "Pay now" is on the overview itself whenever something is owed.
    const account = store.account.peek();
    if (account.status === 'ready' && account.data.outstandingInvoices.length > 0) void payDialog.load().catch(() => undefined);
    void translator.loadScreens().catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(prefetch, { timeout: 5000 });
  else setTimeout(prefetch, 1000);
}
