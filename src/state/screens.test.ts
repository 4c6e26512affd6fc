import { describe, expect, it } from 'vitest';
import { ALL_FEATURES } from '../contract/index.ts';
import { journeyOf, SCREENS, VIEWS } from './screens.ts';

describe('the screen registry', () => {
  it('gives every screen but the overview a feature switch of its own', () => {
    const features = VIEWS.map((view) => SCREENS[view].feature).filter((feature) => feature !== null);
    expect(new Set(features).size).toBe(VIEWS.length - 1);
    for (const feature of features) expect(ALL_FEATURES).toContain(feature);
  });

  it('names the journey each completed change ends, and none for changes that are not journeys', () => {
    expect(journeyOf('payment-made')).toBe('payment');
    expect(journeyOf('callback-requested')).toBe('callback');
    expect(journeyOf('payment-method-removed')).toBeUndefined();
    expect(journeyOf('feedback-sent')).toBeUndefined();
  });

  it('starts each screen\'s links with the screen itself', () => {
    for (const view of VIEWS) expect(SCREENS[view].links[0]).toBe(view);
  });
});
