import { describe, expect, it } from 'vitest';
import { ALL_FEATURES } from '../contract/index.ts';
import { changeDeclaration, journeyOf, SCREENS, VIEWS } from './screens.ts';

describe('the screen registry', () => {
  it('gives every screen but the overview a feature switch of its own', () => {
    const features = VIEWS.map((view) => SCREENS[view].feature).filter((feature) => feature !== null);
    expect(new Set(features).size).toBe(VIEWS.length - 1);
    for (const feature of features) expect(ALL_FEATURES).toContain(feature);
  });

  it('names the journey each completed change ends, and none for changes that are not journeys', () => {
    expect(journeyOf({ type: 'payment-made', invoiceId: 'i', paymentId: 'p', status: 'succeeded' })).toBe('payment');
    expect(journeyOf({ type: 'callback-requested', callbackId: 'c' })).toBe('callback');
    expect(journeyOf({ type: 'payment-method-removed', paymentMethodId: 'm' })).toBeUndefined();
    expect(journeyOf({ type: 'feedback-sent', journey: 'payment', rating: 5 })).toBeUndefined();
  });

  it('asks about a payment only once it went through', () => {
    expect(journeyOf({ type: 'payment-made', invoiceId: 'i', paymentId: 'p', status: 'pending' })).toBeUndefined();
    expect(journeyOf({ type: 'payment-made', invoiceId: 'i', paymentId: 'p', status: 'failed' })).toBeUndefined();
  });

  it('declares what each change makes stale', () => {
    expect(changeDeclaration('payment-plan-requested').affects).toEqual(expect.arrayContaining(['account', 'invoices', 'plans']));
    expect(changeDeclaration('payment-made').affects).toEqual(expect.arrayContaining(['account', 'invoices']));
  });

  it('starts each screen\'s links with the screen itself', () => {
    for (const view of VIEWS) expect(SCREENS[view].links[0]).toBe(view);
  });
});
