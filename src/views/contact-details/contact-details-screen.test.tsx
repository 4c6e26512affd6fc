// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { createRef } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BillfoldError } from '../../api/errors.ts';
import type { BillfoldClient, Versioned } from '../../api/types.ts';
import type { ContactDetails } from '../../contract/index.ts';
import { createI18n, ensureLanguage, ensureScreenStrings } from '../../i18n/create-i18n.ts';
import { i18nValue } from '../../test-support/mount.tsx';
import { I18nContext } from '../../i18n/i18n-context.ts';
import { createPortalStore } from '../../state/portal-store.ts';
import { loyalAccount } from '../../test-support/accounts.ts';
import ContactDetailsScreen from './contact-details-screen.tsx';

function juergen(): ContactDetails {
  return {
    name: 'Jürgen Becker',
    email: 'juergen.becker@example.de',
    phone: '+49 89 1234567',
    billingAddress: { line1: 'Leopoldstraße 45', line2: null, city: 'München', postalCode: '80802', region: 'Bayern', country: 'DE' },
    taxId: null,
    recipients: [],
    preferences: { channel: 'email', reminderDaysBefore: 5, language: 'de' },
  };
}

let host: HTMLElement | undefined;
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
  host = undefined;
});

/** The screen over a hand-written client, in a shadow root like the element's. */
async function mount(locale: string, client: Partial<BillfoldClient>) {
  const i18n = createI18n(locale);
  await Promise.all([ensureLanguage(i18n, locale), ensureScreenStrings(i18n)]);
  const store = createPortalStore({ emit: () => {} });
  store.setClient({ getAccount: async () => loyalAccount(), ...client } as BillfoldClient, { load: false });
  host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const mountPoint = document.createElement('div');
  root.append(mountPoint);
  await act(async () => {
    render(
      <I18nContext.Provider value={i18nValue(i18n, locale)}>
        <ContactDetailsScreen store={store} route={{ view: 'contact-details' }} account={loyalAccount()} headingRef={createRef()} />
      </I18nContext.Provider>,
      mountPoint,
    );
  });
  await vi.waitFor(() => expect(root.querySelector('form')).not.toBeNull());
  const input = (label: string) => {
    const element = [...root.querySelectorAll('label')].find((l) => l.textContent?.replace(/\s*\(optional\)$/, '') === label);
    if (!element) throw new Error(`no label "${label}"`);
    return root.getElementById(element.htmlFor) as HTMLInputElement;
  };
  const type = async (label: string, value: string) =>
    act(() => {
      const field = input(label);
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
  const submit = async () =>
    act(async () => {
      root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  return { root, input, type, submit };
}

const versioned = (value: ContactDetails, etag = '"1"'): Versioned<ContactDetails> => ({ value, etag });

describe('ContactDetailsScreen', () => {
  it('labels every control and explains refused fields beside them and in a summary that focuses the field', async () => {
    const update = vi.fn();
    const { root, input, type, submit } = await mount('en', {
      getContactDetails: async () => versioned(juergen()),
      updateContactDetails: update,
    });
    expect(input('Town or city').value).toBe('München');
    // Every control has a label (the radios have theirs, the group a legend).
    for (const control of root.querySelectorAll('input, select')) {
      expect(control.id && root.querySelector(`label[for="${control.id}"]`), control.outerHTML).toBeTruthy();
    }
    expect((root.querySelector('select[autocomplete="country"]') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Germany');

    await type('Email address', 'juergen@');
    await type('Postal code', '');
    await submit();
    expect(update).not.toHaveBeenCalled();

    const postal = input('Postal code');
    expect(postal.getAttribute('aria-invalid')).toBe('true');
    const describedBy = postal.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy.map((id) => root.getElementById(id)?.textContent)).toContain('Please fill this in.');

    const summary = root.querySelector('.error-summary') as HTMLElement;
    expect(root.activeElement).toBe(summary);
    const links = [...summary.querySelectorAll('a')];
    expect(links.map((a) => a.textContent)).toEqual([
      'Email address: Enter an email address like name@example.com.',
      'Postal code: Please fill this in.',
    ]);
    await act(() => links[1]!.click());
    expect(root.activeElement).toBe(postal);
  });

  it('speaks German, with country names from Intl', async () => {
    const { root, input } = await mount('de', { getContactDetails: async () => versioned(juergen()) });
    expect(root.textContent).toContain('Rechnungsadresse');
    expect(input('Ort').value).toBe('München');
    expect((root.querySelector('select[autocomplete="country"]') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Deutschland');
    expect([...root.querySelectorAll('button')].map((b) => b.textContent)).toContain('Änderungen speichern');
  });

  it('shows a change saved meanwhile in words beside the customer\'s value, and applies the edit again', async () => {
    let current = versioned(juergen(), '"1"');
    const puts: string[] = [];
    const { root, type, submit } = await mount('en', {
      getContactDetails: async () => current,
      updateContactDetails: async (body, etag) => {
        puts.push(etag);
        if (etag !== current.etag) throw new BillfoldError('conflict', 'stale', { status: 412 });
        current = versioned(body, `"${Number(current.etag.slice(1, -1)) + 1}"`);
        return current;
      },
    });
    await type('Phone number', '+49 89 7654321');
    current = versioned({ ...juergen(), billingAddress: { ...juergen().billingAddress, country: 'AT' }, preferences: { ...juergen().preferences, channel: 'post' } }, '"2"');
    await submit();
    await vi.waitFor(() => expect(root.querySelector('.conflict')).not.toBeNull());
    const conflict = root.querySelector('.conflict') as HTMLElement;
    expect(root.activeElement).toBe(conflict.querySelector('h3'));
    const rows = [...conflict.querySelectorAll('li')].map((li) => [...li.querySelectorAll('p, dd')].map((n) => n.textContent));
    expect(rows).toEqual([
      ['Country', 'Austria', 'Germany'],
      ['How should we contact you?', 'Post', 'Email'],
    ]);
    const apply = [...conflict.querySelectorAll('button')].find((b) => b.textContent === 'Apply my changes again')!;
    await act(async () => {
      apply.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    await vi.waitFor(() => expect(root.querySelector('[role="status"]')?.textContent).toBe('Your changes are saved: phone number.'));
    expect(puts).toEqual(['"1"', '"2"']);
    expect(current.value).toMatchObject({ phone: '+49 89 7654321', billingAddress: { country: 'AT' }, preferences: { channel: 'post' } });
  });
});
