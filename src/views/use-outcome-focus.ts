import { useEffect } from 'preact/hooks';

// The outcome each model has already moved focus to. Per model rather than per component, so a
// screen that is re-created (navigating away and back) does not steal focus again for an old one.
const focused = new WeakMap<object, number>();

/**
 * Takes the customer to the outcome of their action, once per outcome: `outcome` is a model's
 * counter, bumped each time an action ends (saved, failed, invalid, conflict); `focus` moves focus
 * to what now needs attention. Outcome 0 (nothing done yet) focuses nothing.
 */
export function useOutcomeFocus(model: object, outcome: number, focus: () => void): void {
  useEffect(() => {
    if (focused.get(model) === outcome) return;
    focused.set(model, outcome);
    if (outcome !== 0) focus();
  }, [model, outcome]);
}
