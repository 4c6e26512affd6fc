// @vitest-environment jsdom
import { createRef, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BillfoldError } from '../../api/errors.ts';
import type { BillfoldClient } from '../../api/types.ts';
import type { AccountSummary, PaymentPlans, PlanPolicy } from '../../contract/index.ts';
import { createI18n, ensureLanguage, ensureScreenStrings } from '../../i18n/create-i18n.ts';
import { i18nValue } from '../../test-support/mount.tsx';
import { I18nContext } from '../../i18n/i18n-context.ts';
import { createPortalStore } from '../../state/portal-store.ts';
import { loyalAccount } from '../../test-support/accounts.ts';
import PaymentPlanScreen from './payment-plan-screen.tsx';

const gbp = (amount: number) => ({ amount, currency: 'GBP' });

const policy: PlanPolicy = {
  enabled: true,
  maxInstalments: 6,
  minInstalmentAmount: gbp(1000),
  maxDeferralDays: 30,
  eligibleInvoiceIds: ['inv_1'],
};

let host: HTMLElement | undefined;
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
  host = undefined;
});

/** The screen over a hand-written client, in a shadow root like the element's. */
async function mount(locale: string, client: Partial<BillfoldClient>, account: AccountSummary = loyalAccount()) {
  const i18n = createI18n(locale);
  await Promise.all([ensureLanguage(i18n, locale), ensureScreenStrings(i18n)]);
  const store = createPortalStore({ emit: () => {} });
  store.setClient({ getAccount: async () => account, ...client } as BillfoldClient, { load: false });
  // Loaded so the account's features (which gate the contact button) reach the store.
  await store.reload();
  host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const mountPoint = document.createElement('div');
  root.append(mountPoint);
  await act(async () => {
    render(
      <I18nContext.Provider value={i18nValue(i18n, locale)}>
        <PaymentPlanScreen store={store} route={{ view: 'payment-plan' }} account={account} headingRef={createRef()} />
      </I18nContext.Provider>,
      mountPoint,
    );
  });
  await vi.waitFor(() => expect(root.querySelector('.loading')).toBeNull());
  const text = () => root.textContent ?? '';
  const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name);
  const click = async (name: string) =>
    act(async () => {
      const target = button(name);
      if (!target) throw new Error(`no button "${name}"`);
      target.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  const select = async (value: string) =>
    act(() => {
      const element = root.querySelector('select') as HTMLSelectElement;
      element.value = value;
      element.dispatchEvent(new Event('change', { bubbles: true }));
    });
  return { root, text, button, click, select };
}

const plans = (p: PlanPolicy = policy): PaymentPlans => ({ policy: p, plans: [] });

describe('PaymentPlanScreen', () => {
  it('words the offer for a loyal customer who missed one payment, and offers only counts within the policy', async () => {
    const { root, text } = await mount('en', { getPaymentPlans: async () => plans() });
    expect(text()).toContain('After all these years with Fernhill Broadband, one missed payment is nothing to worry about.');
    // £42.50 with instalments of at least £10: two to four.
    const options = [...root.querySelectorAll('select option')].map((o) => o.textContent);
    expect(options).toEqual(['Choose…', '2 instalments of about £21.25', '3 instalments of about £14.16', '4 instalments of about £10.62']);
    expect(text()).toContain("I'd rather not say");
    for (const control of root.querySelectorAll('input, select, textarea')) {
      expect(control.id && root.querySelector(`label[for="${control.id}"]`), control.outerHTML).toBeTruthy();
    }
  });

  it('says kindly when plans are not offered and points to the named contact, in German', async () => {
    const account = loyalAccount({ situation: 'repeated_missed', customer: { ...loyalAccount().customer, segment: 'regular' } });
    const { root, text } = await mount(
      'de',
      { getPaymentPlans: async () => plans({ ...policy, enabled: false, maxInstalments: 0, maxDeferralDays: 0 }) },
      account,
    );
    expect(text()).toContain('Wir sind für Sie da.');
    expect(text()).toContain('Ratenzahlungen werden hier nicht online angeboten');
    expect(root.querySelector('form')).toBeNull();
  });

  it('explains a schedule the backend would not approve and offers no way to send it', async () => {
    const request = vi.fn();
    const { text, button, click, select } = await mount('en', {
      getPaymentPlans: async () => plans(),
      previewPaymentPlan: async () => ({
        kind: 'instalments',
        total: gbp(4250),
        schedule: [
          { dueDate: '2026-12-01', amount: gbp(2125), status: 'upcoming' },
          { dueDate: '2027-01-01', amount: gbp(2125), status: 'upcoming' },
        ],
        withinPolicy: false,
        violations: ['instalment_too_small', 'something_new'],
      }),
      requestPaymentPlan: request,
    });
    await select('2');
    await click('See the schedule');
    expect(text()).toContain("This isn't something we can agree to here");
    expect(text()).toContain('Each instalment would be smaller than Fernhill Broadband can offer here.');
    expect(text()).toContain('This request is outside what Fernhill Broadband can offer here.');
    expect(button('Send my request')).toBeUndefined();
    expect(button('Contact Priya Shah')).toBeDefined();
    expect(request).not.toHaveBeenCalled();
  });

  it("shows a 422's field messages beside the invoices and in a summary that takes focus", async () => {
    const { root, text, click, select } = await mount('en', {
      getPaymentPlans: async () => plans(),
      previewPaymentPlan: async (body) => ({
        kind: body.kind,
        total: gbp(4250),
        schedule: [{ dueDate: '2026-12-01', amount: gbp(4250), status: 'upcoming' }],
        withinPolicy: true,
        violations: [],
      }),
      requestPaymentPlan: async () => {
        throw new BillfoldError('validation', 'invalid', {
          status: 422,
          fields: [{ path: 'invoiceIds', code: 'not_eligible', message: 'None of these invoices can be covered by a plan.' }],
        });
      },
    });
    await select('2');
    await click('See the schedule');
    await click('Send my request');
    const summary = root.querySelector('.error-summary') as HTMLElement;
    expect(root.activeElement).toBe(summary);
    expect(summary.textContent).toContain('None of these invoices can be covered by a plan.');
    const fieldset = root.querySelector('fieldset[aria-describedby]')!;
    expect(root.getElementById(fieldset.getAttribute('aria-describedby')!)?.textContent).toBe('None of these invoices can be covered by a plan.');
    expect(text()).toContain('See the schedule');
  });
});
