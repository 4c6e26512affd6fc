/** Styles of the billing cycle screen (form controls come from the shared field styles). */
export default `
.billing-cycle, .cycle-content, .cycle-form { display: grid; gap: 1rem; }
.cycle-intro, .cycle-option-price, .cycle-adjustment-text { color: var(--_muted); }
.cycle-options { display: grid; gap: 0.5rem; }
.cycle-option {
  display: flex;
  align-items: flex-start;
  gap: 0.75rem;
  padding: 0.75rem;
  border: 1px solid var(--_border);
  border-radius: calc(var(--billfold-radius, 12px) * 0.67);
  min-height: 44px;
}
.cycle-option:has(input:checked) { border: 2px solid var(--_accent); padding: calc(0.75rem - 1px); }
.cycle-option input { width: 1.375rem; height: 1.375rem; margin: 0.125rem 0 0; accent-color: var(--_accent); cursor: pointer; flex: none; }
.cycle-option label { display: grid; gap: 0.125rem; cursor: pointer; flex: 1; }
.cycle-option-name { font-weight: 600; }
.cycle-option-saves, .cycle-option-current { font-size: 0.9375rem; font-weight: 600; }
.cycle-option-saves { color: var(--_ok); }
.cycle-option-current { color: var(--_info); }
.cycle-preview-body { display: grid; gap: 0.5rem; }
.cycle-figures { display: grid; gap: 0.5rem; }
.cycle-subheading { margin: 0; font-size: 1rem; }
.cycle-adjustments { margin: 0; padding-inline-start: 1.25rem; display: grid; gap: 0.25rem; }
.cycle-adjustment-kind { font-weight: 600; }
.cycle-adjustment-text { display: block; font-size: 0.9375rem; }
.cycle-confirm { border: 2px solid var(--_accent); }
.cycle-commitment { font-size: 1.125rem; font-weight: 600; }
.cycle-conflict, .cycle-done {
  display: grid;
  gap: 0.5rem;
  padding: 1rem;
  border-radius: var(--billfold-radius, 12px);
  background: var(--_surface);
}
.cycle-conflict { border: 1px solid var(--_border); border-inline-start: 6px solid var(--_warning); }
.cycle-conflict h4, .cycle-done h3 { margin: 0; font-size: 1.0625rem; }
.cycle-done { border: 1px solid var(--_ok); border-inline-start: 6px solid var(--_ok); }
`;
