// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { BillfoldClient } from '../../api/types.ts';
import type { Feature, FeedbackRequest } from '../../contract/index.ts';
import { createI18n, ensureLanguage, ensureScreenStrings } from '../../i18n/create-i18n.ts';
import { i18nValue } from '../../test-support/mount.tsx';
import { I18nContext } from '../../i18n/i18n-context.ts';
import { createPortalStore, type StoreEvent } from '../../state/portal-store.ts';
import type { StoreContext } from '../../state/remote.ts';
import { loyalAccount } from '../../test-support/accounts.ts';
import { FeedbackPrompt } from './feedback-prompt.tsx';

let host: HTMLElement | undefined;
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
  host = undefined;
});

async function mount(features: Feature[]) {
  const i18n = createI18n('en');
  // The prompt's English comes with the other screens' (it loads after a journey, with them).
  await ensureScreenStrings(i18n);
  const sent: FeedbackRequest[] = [];
  const events: StoreEvent[] = [];
  const store = createPortalStore({ emit: (event) => events.push(event) });
  const client = { getAccount: async () => loyalAccount({ features }), sendFeedback: async (body: FeedbackRequest) => (sent.push(body), { id: 'fb_1' }) };
  store.setClient(client as unknown as BillfoldClient, { load: false });
  await store.reload();
  // A screen's model completes a journey the way every screen does: through its context.
  let context!: StoreContext;
  store.model(function probe(c) {
    context = c;
    return {};
  });
  host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const mountPoint = document.createElement('div');
  root.append(mountPoint);
  await act(async () =>
    render(
      <I18nContext.Provider value={i18nValue(i18n, 'en')}>
        <FeedbackPrompt store={store} />
      </I18nContext.Provider>,
      mountPoint,
    ),
  );
  const complete = (callbackId: string) => act(() => context.reportChange({ type: 'callback-requested', callbackId }));
  const settle = () => act(async () => void (await new Promise((resolve) => setTimeout(resolve, 0))));
  const button = (text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text)!;
  return { root, store, sent, events, complete, settle, button };
}

describe('the feedback prompt', () => {
  it('appears after a completed journey, not as a dialog, and sends the rating once', async () => {
    const { root, sent, events, complete, settle, button } = await mount(['callback', 'feedback']);
    expect(root.querySelector('section')).toBeNull();
    await complete('cb_1');
    const prompt = root.querySelector('section')!;
    expect(root.getElementById(prompt.getAttribute('aria-labelledby')!)?.textContent).toBe('How was this?');
    expect(prompt.textContent).toContain('How was requesting a call back?');
    expect(root.querySelector('dialog, [role=dialog]')).toBeNull();
    const radios = [...root.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => root.querySelector(`label[for="${r.id}"]`)?.textContent)).toEqual([
      '1 — Very poor',
      '2 — Poor',
      '3 — Okay',
      '4 — Good',
      '5 — Very good',
    ]);
    await act(() => radios[3]!.click());
    const comment = root.querySelector('textarea')!;
    await act(() => {
      comment.value = 'Lovely';
      comment.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => button('Send feedback').click());
    await settle();
    expect(sent).toEqual([{ rating: 4, comment: 'Lovely', journey: 'callback' }]);
    expect(root.textContent).toContain('Thanks for telling us.');
    expect(events.filter((e) => e.type === 'change').map((e) => e.type === 'change' && e.change.type)).toEqual([
      'callback-requested',
      'feedback-sent',
    ]);
    await act(() => button('Close').click());
    expect(root.querySelector('section')).toBeNull();
    // The same journey again: not asked a second time.
    await complete('cb_2');
    expect(root.querySelector('section')).toBeNull();
  });

  it('"No thanks" hides it for that journey', async () => {
    const { root, complete, button } = await mount(['callback', 'feedback']);
    await complete('cb_1');
    await act(() => button('No thanks').click());
    expect(root.querySelector('section')).toBeNull();
    await complete('cb_2');
    expect(root.querySelector('section')).toBeNull();
  });

  it('stays away when the merchant switched feedback off', async () => {
    const { root, complete } = await mount(['callback']);
    await complete('cb_1');
    expect(root.querySelector('section')).toBeNull();
  });
});
