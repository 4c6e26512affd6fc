// The demo merchant page's own script. No inline scripts: the page runs under a strict CSP.
// It plays the merchant's role: get a session token from "our server" (POST /demo/session),
// hand it to <billfold-portal>, and give the widget a way to get a fresh one when it expires.
(() => {
  'use strict';

  const TAG = 'billfold-portal';
  const API_BASE = '/billing-api';
  const personaSelect = document.getElementById('persona');
  const languageSelect = document.getElementById('language');
  const themeSelect = document.getElementById('theme');
  const slot = document.getElementById('portal-slot');
  const log = document.getElementById('event-log');
  const status = document.getElementById('demo-status');
  const resetButton = document.getElementById('reset-demo');
  const customerName = document.getElementById('customer-name');

  // Deep links such as /?persona=german&theme=dark pick the starting state. `view` and
  // `features` become the element's attributes, as a merchant would write them
  // (/?view=invoices/inv_1&features=invoices+questions). `fresh` asks the demo server for a copy
  // of the persona of its own, named by that key, so a test starts from untouched data.
  const params = new URLSearchParams(location.search);
  const pick = (select, value) => {
    if (value !== null && Array.from(select.options).some((o) => o.value === value)) select.value = value;
  };
  pick(personaSelect, params.get('persona'));
  pick(languageSelect, params.get('lang'));
  pick(themeSelect, params.get('theme'));
  const attributes = ['view', 'features'].filter((name) => params.has(name)).map((name) => [name, params.get(name)]);
  const fresh = params.get('fresh');

  // The payment provider's hosted fields (demo/sandbox-psp.ts) on their own origin; the demo
  // server says where. Without it the portal explains that adding a method is not available.
  const collector = (async () => {
    try {
      const response = await fetch('/demo/sandbox-psp');
      if (!response.ok) return undefined;
      const { origin } = await response.json();
      const { createSandboxCollector } = await import('/sandbox-collector.js');
      return createSandboxCollector({ origin });
    } catch (error) {
      console.error('The sandbox payment provider is not available:', error);
      return undefined;
    }
  })();

  /** The page's query for the current choices; the other parameters (view, features, fresh) stay. */
  function currentQuery() {
    const next = new URLSearchParams(location.search);
    next.set('persona', personaSelect.value);
    if (languageSelect.value) next.set('lang', languageSelect.value);
    else next.delete('lang');
    next.set('theme', themeSelect.value);
    return next;
  }

  /** The page's own links keep the customer, language and theme. */
  function updateLinks(query) {
    document.getElementById('billing-link').href = `${location.pathname}?${query}`;
    document.getElementById('classic-link').href = `/?${query}`;
    document.getElementById('module-link').href = `/module.html?${query}`;
  }

  function remember() {
    // So a reload opens the same portal.
    const query = currentQuery();
    history.replaceState(null, '', `${location.pathname}?${query}`);
    updateLinks(query);
  }

  const systemDark = matchMedia('(prefers-color-scheme: dark)');

  /**
   * The whole page follows the theme, not only the portal: demo.css keys its palette off
   * data-scheme, the scheme in force ("System" resolved here, and again when the system's changes).
   */
  function applyPageSettings() {
    const theme = themeSelect.value;
    document.documentElement.dataset.theme = theme;
    document.documentElement.dataset.scheme = theme === 'system' ? (systemDark.matches ? 'dark' : 'light') : theme;
    customerName.textContent = personaSelect.selectedOptions[0]?.textContent ?? '';
  }
  systemDark.addEventListener('change', () => applyPageSettings());

  function say(message) {
    status.textContent = message;
  }

  /** What the merchant's server does: mint a short-lived token for the signed-in customer. */
  async function mint(persona) {
    const response = await fetch('/demo/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fresh ? { persona, fresh } : { persona }),
    });
    if (!response.ok) throw new Error(`Could not start a session (${response.status})`);
    const body = await response.json();
    return body.token;
  }

  function applySettings(portal) {
    if (languageSelect.value) portal.setAttribute('locale', languageSelect.value);
    else portal.removeAttribute('locale');
    portal.setAttribute('theme', themeSelect.value);
  }

  let generation = 0;
  async function mount() {
    const mine = ++generation;
    const persona = personaSelect.value;
    let token;
    try {
      token = await mint(persona);
    } catch (error) {
      console.error(error);
    }
    await customElements.whenDefined(TAG);
    // A newer persona choice won while this one was minting.
    if (mine !== generation) return;
    const portal = document.createElement(TAG);
    portal.setAttribute('api-base', API_BASE);
    for (const [name, value] of attributes) portal.setAttribute(name, value);
    applySettings(portal);
    portal.getSessionToken = () => mint(persona);
    if (token) portal.sessionToken = token;
    slot.replaceChildren(portal);
    // The overview needs no payment provider: the portal renders first and takes the collector
    // when it arrives (adding a method says it is unavailable until then).
    void collector.then((paymentMethodCollector) => {
      if (paymentMethodCollector && mine === generation) portal.paymentMethodCollector = paymentMethodCollector;
    });
  }

  function current() {
    return slot.querySelector(TAG);
  }

  personaSelect.addEventListener('change', () => {
    remember();
    applyPageSettings();
    void mount();
  });
  languageSelect.addEventListener('change', () => {
    remember();
    const portal = current();
    if (portal) applySettings(portal);
  });
  themeSelect.addEventListener('change', () => {
    remember();
    applyPageSettings();
    const portal = current();
    if (portal) applySettings(portal);
  });
  document.getElementById('demo-form').addEventListener('submit', (event) => event.preventDefault());

  // Back to the start: the shared customers as first seeded, then a portal that reads them anew.
  // The button stays enabled (a disabled button would drop keyboard focus); a second press while
  // one reset runs is ignored.
  let resetting = false;
  resetButton.addEventListener('click', async () => {
    if (resetting) return;
    resetting = true;
    resetButton.setAttribute('aria-disabled', 'true');
    say('Resetting the demo data…');
    try {
      const response = await fetch('/demo/reset', { method: 'POST' });
      if (!response.ok) throw new Error(`POST /demo/reset answered ${response.status}`);
      await mount();
      say(
        fresh
          ? 'The demo data is reset. This page shows a copy of its own (?fresh=), which is left as it was.'
          : 'The demo data is reset: every customer is back where the demo starts.',
      );
    } catch (error) {
      console.error(error);
      say('The demo data could not be reset. Nothing was changed; please try again.');
    } finally {
      resetting = false;
      resetButton.removeAttribute('aria-disabled');
    }
  });

  // Acme's own page around the portal is a look-alike: say so instead of going nowhere.
  for (const link of document.querySelectorAll('[data-not-in-demo]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      say(`${link.textContent} is not part of this demo: only Bills and payments is.`);
    });
  }
  document.getElementById('sign-out').addEventListener('click', () => {
    say('This is a demo, so there is no signing out: choose another customer in the demo settings.');
  });

  // Show the widget's events the way a merchant would hook analytics to them.
  for (const type of [
    'billfold-ready',
    'billfold-error',
    'billfold-view-change',
    'billfold-session-expired',
    'billfold-contact-details-updated',
    'billfold-payment-method-added',
    'billfold-payment-method-removed',
    'billfold-payment-method-default',
    'billfold-billing-cycle-changed',
    'billfold-payment-plan-requested',
    'billfold-payment-made',
    'billfold-question-asked',
    'billfold-callback-requested',
    'billfold-feedback-sent',
  ]) {
    document.addEventListener(type, (event) => {
      const item = document.createElement('li');
      const detail = event.view ?? event.operation ?? event.error?.kind ?? '';
      item.textContent = `${new Date().toLocaleTimeString()} ${type}${detail ? ` (${detail})` : ''}`;
      item.dataset.event = type;
      log.prepend(item);
      while (log.children.length > 20) log.lastElementChild.remove();
    });
  }

  updateLinks(currentQuery());
  applyPageSettings();
  void mount();
})();
