/**
 * Styles of the payment-methods screen. Colours come from the portal's tokens, so light and dark
 * keep their contrast; every control is at least 44px high; the layout holds at 320px wide.
 */
export default `
.payment-methods, .pm-list, .pm-add-form, .pm-add-form form { display: grid; gap: 0.75rem; }
.pm-intro, .pm-detail { margin: 0; }
.pm-list { list-style: none; margin: 0; padding: 0; }
.pm-item { display: grid; gap: 0.5rem; }
.pm-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem; }
.pm-name { margin: 0; font-size: 1.05rem; overflow-wrap: anywhere; }
.pm-expired { color: var(--_danger); font-weight: 600; }
.pm-warning { margin: 0; padding: 0.5rem 0.75rem; border-radius: 6px; color: var(--_text); background: var(--_warning-bg); border-inline-start: 4px solid var(--_warning); }
.pm-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.pm-confirm { display: grid; gap: 0.5rem; padding: 0.75rem; border: 1px solid var(--_border); border-radius: 6px; }
.pm-confirm p { margin: 0; }
.pm-confirm-title { font-weight: 700; }
.pm-outcome { margin: 0; padding: 0.5rem 0.75rem; border-radius: 6px; color: var(--_text); background: var(--_ok-bg); border-inline-start: 4px solid var(--_ok); }
.pm-outcome:focus-visible, .pm-confirm-title:focus-visible, .pm-add-form h3:focus-visible, .pm-field-error:focus-visible, .pm-refusal p:focus-visible, .alert p:focus-visible {
  outline: 3px solid var(--_focus); outline-offset: 2px;
}
.pm-collector iframe { display: block; width: 100%; min-height: 200px; border: 1px solid var(--_border); border-radius: 6px; background: var(--_bg); }
.pm-field-error { margin: 0; color: var(--_danger); font-weight: 600; }
.pm-check { display: flex; align-items: center; gap: 0.5rem; min-height: 44px; }
.pm-check input { width: 24px; height: 24px; margin: 0; accent-color: var(--_accent); }
.pm-check label { cursor: pointer; }
`;
