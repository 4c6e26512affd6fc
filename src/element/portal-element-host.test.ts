// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { accountAdapter, loyalAccount } from '../test-support/accounts.ts';
import { defineBillfoldPortal } from './define.ts';
import { BillfoldErrorEvent, BillfoldEvents } from './events.ts';
import type { BillfoldPortal } from './portal-element.ts';
import { mountPortal as mount, portalText as text, until, useDefinedPortal } from '../test-support/portal.ts';

useDefinedPortal();

describe('protecting the host page', () => {
  const SECRETS = ['session-token', 'get-session-token', 'token', 'sessiontoken', 'getsessiontoken'];

  it.each(SECRETS)('removes a %s attribute present at upgrade, warns, and never uses its value', async (name) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const tag = `leaky-${name}-portal`;
    // Server-rendered markup, or a framework that bound the secret before the element was defined.
    document.body.innerHTML = `<${tag} api-base="/billing-api" ${name}="eyJ.secret.jwt"></${tag}>`;
    defineBillfoldPortal(tag);
    const el = document.querySelector(tag) as BillfoldPortal;
    expect(el.hasAttribute(name)).toBe(false);
    expect(document.body.innerHTML).not.toContain('eyJ.secret.jwt');
    expect(el.sessionToken).toBeUndefined();
    expect(el.getSessionToken).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`removed the "${name}" attribute`));
  });

  it('removes a secret attribute set after the element was connected', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = mount((e) => (e.client = accountAdapter(async () => loyalAccount())));
    el.setAttribute('session-token', 'eyJ.secret.jwt');
    expect(el.outerHTML).not.toContain('eyJ.secret.jwt');
    expect(el.sessionToken).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('says so after 5 s when it has api-base but no token and no getter', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const errors: BillfoldErrorEvent[] = [];
      document.addEventListener(BillfoldEvents.error, (e) => errors.push(e));
      const waiting = mount((e) => (e.apiBase = '/billing-api'));
      const served = mount((e) => (e.apiBase = '/billing-api'));
      await Promise.resolve();
      vi.advanceTimersByTime(4000);
      // A token that comes in time stops the clock for that portal.
      served.getSessionToken = () => new Promise(() => {});
      await Promise.resolve();
      vi.advanceTimersByTime(999);
      expect(errors).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.target).toBe(waiting);
      expect(errors[0]?.error.kind).toBe('missing_session_token');
      expect(errors[0]?.operation).toBe('configuration');
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('neither a `sessionToken` nor a `getSessionToken`'));
      vi.advanceTimersByTime(60_000);
      expect(errors).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not report a missing token for a portal removed before the 5 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const el = mount((e) => (e.apiBase = '/billing-api'));
      await Promise.resolve();
      el.remove();
      vi.advanceTimersByTime(10_000);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
