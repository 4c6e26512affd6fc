// @vitest-environment jsdom
import { createRef, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BillfoldError } from '../../api/errors.ts';
import type { BillfoldClient, Versioned } from '../../api/types.ts';
import type { BillingCycle } from '../../contract/index.ts';
import { createI18n, ensureLanguage, ensureScreenStrings } from '../../i18n/create-i18n.ts';
import { i18nValue } from '../../test-support/mount.tsx';
import { I18nContext } from '../../i18n/i18n-context.ts';
import { createPortalStore } from '../../state/portal-store.ts';
import { loyalAccount } from '../../test-support/accounts.ts';
import BillingCycleScreen from './billing-cycle-screen.tsx';

const gbp = (amount: number) => ({ amount, currency: 'GBP' });

function cycle(billingDay = 1): Versioned<BillingCycle> {
  return {
    etag: '"1"',
    value: {
      interval: 'month',
      billingDay,
      allowedBillingDays: [1, 2, 3, 22],
      options: [
        { interval: 'month', pricePerPeriod: gbp(1050), yearlySavings: gbp(0) },
        { interval: 'quarter', pricePerPeriod: gbp(3090), yearlySavings: gbp(240) },
        { interval: 'year', pricePerPeriod: gbp(11880), yearlySavings: gbp(720) },
      ],
      nextInvoiceDate: '2026-12-01',
    },
  };
}

let host: HTMLElement | undefined;
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
  host = undefined;
});

async function mount(locale: string, client: Partial<BillfoldClient>) {
  const i18n = createI18n(locale);
  await Promise.all([ensureLanguage(i18n, locale), ensureScreenStrings(i18n)]);
  const store = createPortalStore({ emit: () => {} });
  const account = loyalAccount();
  store.setClient({ getAccount: async () => account, ...client } as BillfoldClient, { load: false });
  host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const mountPoint = document.createElement('div');
  root.append(mountPoint);
  await act(async () => {
    render(
      <I18nContext.Provider value={i18nValue(i18n, locale)}>
        <BillingCycleScreen store={store} route={{ view: 'billing-cycle' }} account={account} headingRef={createRef()} />
      </I18nContext.Provider>,
      mountPoint,
    );
  });
  await vi.waitFor(() => expect(root.querySelector('form')).not.toBeNull());
  const text = () => root.textContent ?? '';
  const daySelect = () => root.querySelector('select') as HTMLSelectElement;
  const act0 = (fn: () => void) => act(async () => {
    fn();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name);
  return { root, text, daySelect, act0, button };
}

describe('BillingCycleScreen', () => {
  it('names the cycle in force, every option with its price and saving, and the allowed days as ordinals', async () => {
    const { root, text, daySelect } = await mount('en-GB', { getBillingCycle: async () => cycle(22) });
    expect(text()).toContain("You're billed £10.50 every month on the 22nd.");
    const radios = [...root.querySelectorAll('input[type="radio"]')] as HTMLInputElement[];
    expect(radios.map((r) => root.querySelector(`label[for="${r.id}"]`)?.textContent)).toEqual([
      'Monthly£10.50 per monthyour current cycle',
      'Quarterly£30.90 per quarteryou save £2.40 a year',
      'Yearly£118.80 per yearyou save £7.20 a year',
    ]);
    expect([...daySelect().options].map((o) => o.textContent)).toEqual([
      'The 1st of the month',
      'The 2nd of the month',
      'The 3rd of the month',
      'The 22nd of the month',
    ]);
  });

  it('shows a 422 beside the billing day, focused, and takes the customer back to choosing', async () => {
    const { root, text, daySelect, act0, button } = await mount('en-GB', {
      getBillingCycle: async () => cycle(),
      previewBillingCycle: async (body) => ({
        ...body,
        effectiveDate: '2026-12-01',
        nextInvoiceDate: '2026-12-02',
        nextInvoiceAmount: gbp(11919),
        adjustments: [{ kind: 'proration', description: '1 day', amount: gbp(39) }],
      }),
      changeBillingCycle: async () => {
        throw new BillfoldError('validation', 'invalid', {
          status: 422,
          fields: [{ path: 'billingDay', code: 'not_allowed', message: 'This day of the month cannot be chosen.' }],
        });
      },
    });
    const yearly = root.querySelectorAll('input[type="radio"]')[2] as HTMLInputElement;
    await act0(() => yearly.click());
    await act0(() => {
      daySelect().value = '2';
      daySelect().dispatchEvent(new Event('change', { bubbles: true }));
    });
    await vi.waitFor(() => expect(text()).toContain('Proration'));
    expect(text()).toContain('The change takes effect on 1 December 2026.');
    await act0(() => button('Review the change')!.click());
    expect(text()).toContain("You'll be billed £118.80 every year on the 2nd, starting 2 December 2026.");
    expect(text()).toContain('Your first invoice on the new cycle will be £119.19.');
    await act0(() => button('Confirm the change')!.click());
    await vi.waitFor(() => expect(root.activeElement).toBe(daySelect()));
    expect(daySelect().getAttribute('aria-invalid')).toBe('true');
    const described = daySelect().getAttribute('aria-describedby')!.split(' ').map((id) => root.getElementById(id)?.textContent);
    expect(described).toContain("This day can't be chosen as your billing day. Please pick one of the days offered.");
    // The choice is kept.
    expect(yearly.checked).toBe(true);
    expect(daySelect().value).toBe('2');
  });
});
