// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Payment } from '../../contract/index.ts';
import { mount } from '../../test-support/mount.tsx';
import { PaymentFailureExplanation } from './payment-failure.tsx';

const failed = (failure: Partial<NonNullable<Payment['failure']>>): Payment => ({
  id: 'pay_1',
  invoiceId: 'inv_1',
  amount: { amount: 8771, currency: 'EUR' },
  status: 'failed',
  createdAt: '2026-11-20T10:15:00Z',
  settledAt: '2026-11-20T10:15:06Z',
  paymentMethodId: 'pm_1',
  paymentMethodLabel: 'Visa •••• 4242',
  failure: { reason: 'insufficient_funds', message: null, nextRetryAt: null, suggestedAction: 'request_payment_plan', ...failure },
});

describe('a failed payment’s explanation', () => {
  it('marks the backend’s English words as English inside a German portal, the sentence around them German', async () => {
    const payment = failed({ message: "The bank said there wasn't enough money available.", lang: 'en' });
    const { container } = await mount(() => <PaymentFailureExplanation payment={payment} actions={[]} />, { locale: 'de' });
    const words = [...container.querySelectorAll('span[lang]')].find((span) => span.textContent === payment.failure!.message);
    expect(words?.getAttribute('lang')).toBe('en');
    expect(words?.parentElement?.textContent).toBe(`Die Angaben, die wir erhalten haben: ${payment.failure!.message}`);
  });

  it('leaves words of no stated language in the portal’s language', async () => {
    const payment = failed({ message: 'Ihre Bank hat abgelehnt.' });
    const { container } = await mount(() => <PaymentFailureExplanation payment={payment} actions={[]} />, { locale: 'de' });
    expect(container.textContent).toContain('Die Angaben, die wir erhalten haben: Ihre Bank hat abgelehnt.');
    expect(container.querySelector('span[lang]')).toBeNull();
  });
});
