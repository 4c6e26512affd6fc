// @vitest-environment jsdom
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { createI18n } from '../i18n/create-i18n.ts';
import { i18nValue } from '../test-support/mount.tsx';
import { I18nContext } from '../i18n/i18n-context.ts';
import type { PortalStore } from '../state/portal-store.ts';
import { ScreenBoundary } from './app.tsx';

function Boom(): never {
  throw new TypeError("Cannot read properties of undefined (reading 'amount')");
}

describe('ScreenBoundary', () => {
  it('turns a screen that cannot render into a plain message with Try again, and tells the host', async () => {
    const reported: unknown[] = [];
    const reload = vi.fn(async () => {});
    const store = { reportRenderError: (cause: unknown) => reported.push(cause), reload } as unknown as PortalStore;
    const i18n = createI18n('en');
    const root = document.createElement('div');
    document.body.append(root);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <I18nContext.Provider value={i18nValue(i18n, 'en')}>
        <ScreenBoundary store={store}>
          <Boom />
        </ScreenBoundary>
      </I18nContext.Provider>,
      root,
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('The billing service sent something unexpected');
    expect(reported).toHaveLength(1);
    root.querySelector('button')!.click();
    expect(reload).toHaveBeenCalledOnce();
    error.mockRestore();
    root.remove();
  });
});
