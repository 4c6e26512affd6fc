// The demo's payment-method collector for <billfold-portal>: the merchant-side glue for the
// sandbox payment provider (demo/sandbox-psp.ts), the way a merchant would wrap Stripe Elements.
// It implements PaymentMethodCollector (src/payments/collector.ts): mount() puts the provider's
// hosted fields (an iframe on the provider's own origin) into the container Billfold gives it;
// submit() asks the iframe for a token; destroy() removes it. Card data stays in the iframe.

const MESSAGES = {
  ready: 'billfold-sandbox:ready',
  tokenize: 'billfold-sandbox:tokenize',
  result: 'billfold-sandbox:result',
  resize: 'billfold-sandbox:resize',
  submit: 'billfold-sandbox:submit',
};

const TITLES = { en: 'Secure card details', de: 'Sichere Kartendaten' };
const ERRORS = {
  en: {
    unavailable: 'The card form could not be loaded. Please try again later.',
    timeout: 'The card form did not answer. Please try again.',
  },
  de: {
    unavailable: 'Das Kartenformular konnte nicht geladen werden. Bitte versuchen Sie es später erneut.',
    timeout: 'Das Kartenformular hat nicht geantwortet. Bitte versuchen Sie es erneut.',
  },
};

/**
 * Creates the collector. `origin` is the sandbox provider's origin (e.g. http://127.0.0.1:5174).
 * @param {{ origin: string, readyTimeoutMs?: number, submitTimeoutMs?: number }} options
 */
export function createSandboxCollector({ origin, readyTimeoutMs = 15000, submitTimeoutMs = 15000 }) {
  const providerOrigin = new URL(origin).origin;
  return {
    /**
     * @param {HTMLElement} container
     * @param {{ locale: string, theme: 'light' | 'dark' }} context
     */
    mount(container, { locale, theme }) {
      const lang = String(locale).toLowerCase().startsWith('de') ? 'de' : 'en';
      const iframe = document.createElement('iframe');
      const src = new URL('/fields.html', providerOrigin);
      src.searchParams.set('parent', location.origin);
      src.searchParams.set('locale', lang);
      src.searchParams.set('theme', theme === 'dark' ? 'dark' : 'light');
      iframe.src = src.href;
      // The title names the frame for screen readers; the fields inside have their own labels.
      iframe.title = TITLES[lang];
      iframe.setAttribute('allow', 'payment');
      iframe.setAttribute('referrerpolicy', 'no-referrer');
      iframe.height = '420';

      let nextId = 0;
      /** @type {Map<number, (result: { token: string } | { error: string }) => void>} */
      const pending = new Map();
      let onReady;
      const ready = new Promise((resolve) => (onReady = resolve));

      function onMessage(event) {
        // Only the provider's origin, and only our own frame (two portals may each have one).
        if (event.origin !== providerOrigin || event.source !== iframe.contentWindow) return;
        const data = event.data;
        if (!data || typeof data.type !== 'string') return;
        if (data.type === MESSAGES.ready) onReady();
        else if (data.type === MESSAGES.resize && Number.isFinite(data.height)) {
          iframe.height = String(Math.min(Math.max(Math.ceil(data.height) + 4, 200), 1200));
        } else if (data.type === MESSAGES.submit) {
          // Enter inside the iframe: behave like the surrounding form's submit button.
          const form = container.closest('form');
          if (form) form.requestSubmit();
        } else if (data.type === MESSAGES.result) {
          const resolve = pending.get(data.id);
          if (!resolve) return;
          pending.delete(data.id);
          if (typeof data.token === 'string') resolve({ token: data.token });
          else resolve({ error: typeof data.error === 'string' ? data.error : ERRORS[lang].unavailable });
        }
      }
      window.addEventListener('message', onMessage);

      const session = {
        submit() {
          const id = ++nextId;
          return new Promise((resolve) => {
            const timer = setTimeout(() => {
              pending.delete(id);
              resolve({ error: ERRORS[lang].timeout });
            }, submitTimeoutMs);
            pending.set(id, (result) => {
              clearTimeout(timer);
              resolve(result);
            });
            iframe.contentWindow?.postMessage({ type: MESSAGES.tokenize, id }, providerOrigin);
          });
        },
        destroy() {
          window.removeEventListener('message', onMessage);
          for (const resolve of pending.values()) resolve({ error: ERRORS[lang].unavailable });
          pending.clear();
          iframe.remove();
        },
      };

      container.append(iframe);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          session.destroy();
          reject(new Error(ERRORS[lang].unavailable));
        }, readyTimeoutMs);
        ready.then(() => {
          clearTimeout(timer);
          resolve(session);
        });
      });
    },
  };
}
