/**
 * Styles every screen and form shares: the screen's intro, the field chrome of `ui/field.tsx`,
 * the error summary, the actions row and the confirmation of `form-shell.tsx`.
 */
export default `
.screen-intro, .field-hint, .field-optional { color: var(--_muted); }
.field { display: grid; gap: 0.25rem; justify-items: start; margin: 0; }
.field + .field, .field + .field-group, .field-group + .field { margin-top: 0.5rem; }
.field-label { font-weight: 600; }
.field-optional { font-weight: 400; }
.field-hint, .field-error { margin: 0; font-size: 0.9375rem; }
.field-error { color: var(--_danger); font-weight: 600; }
.input {
  font: inherit;
  color: var(--_text);
  background: var(--_bg);
  border: 2px solid var(--_muted);
  border-radius: calc(var(--billfold-radius, 12px) * 0.5);
  min-height: 44px;
  padding: 0.375rem 0.625rem;
  width: 100%;
  max-width: 32rem;
}
.input-short { max-width: 10rem; }
.input-date { max-width: 14rem; }
.textarea { min-height: 6rem; resize: vertical; line-height: 1.5; max-width: 40rem; }
select.input { cursor: pointer; }
.field-invalid .input { border-color: var(--_danger); border-width: 3px; }
.field-group { border: 0; padding: 0; min-width: 0; }
.field-group legend { padding: 0; margin-bottom: 0.25rem; }
.choices { display: grid; gap: 0.25rem; }
.choice { display: flex; align-items: center; gap: 0.5rem; min-height: 44px; }
.choice input { width: 1.375rem; height: 1.375rem; margin: 0; accent-color: var(--_accent); cursor: pointer; }
.choice label { cursor: pointer; padding-block: 0.5rem; }
.field-set {
  margin: 0;
  min-width: 0;
  padding: 0.75rem;
  border: 1px solid var(--_border);
  border-radius: calc(var(--billfold-radius, 12px) * 0.67);
  display: grid;
  gap: 0.5rem;
}
.field-set-legend { font-weight: 600; padding-inline: 0.25rem; }
.form-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.form-actions .button-secondary { justify-self: auto; }
/* The status stays in the accessibility tree while empty: a live region that appears together
   with its message is often not announced. */
.confirmation-ok {
  padding: 0.75rem 1rem;
  background: var(--_ok-bg);
  color: var(--_ok);
  border: 1px solid var(--_ok);
  border-radius: var(--billfold-radius, 12px);
  font-weight: 600;
}
.error-summary {
  display: grid;
  gap: 0.5rem;
  padding: 1rem;
  background: var(--_bg);
  border: 3px solid var(--_danger);
  border-radius: var(--billfold-radius, 12px);
}
.error-summary h3 { margin: 0; color: var(--_danger); }
.error-summary ul { margin: 0; padding-inline-start: 1.25rem; display: grid; gap: 0.25rem; }
.error-summary a[href] { color: var(--_danger); font-weight: 600; }
`;
