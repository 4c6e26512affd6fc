/**
 * Styles of the invoice screens, the pay controls (also on the overview) and the modal dialog
 * primitive (`ui/dialog.tsx`). Colours come from the portal's tokens, so light and dark themes
 * keep their contrast.
 */
export default `
.invoices, .invoice-detail, .pay-panel, .charges, .line-group { display: grid; gap: 0.75rem; }
.muted { color: var(--_muted); }
.filter { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.filter select, .pay-form select {
  font: inherit;
  color: var(--_text);
  background: var(--_bg);
  border: 1px solid var(--_border);
  border-radius: 6px;
  min-height: 44px;
  padding: 0.25rem 0.5rem;
}
.link-button {
  font: inherit;
  font-weight: 600;
  color: var(--_accent);
  background: transparent;
  border: 0;
  padding: 0.25rem 0;
  min-height: 44px;
  text-align: start;
  text-decoration: underline;
  text-underline-offset: 0.15em;
  cursor: pointer;
}
.invoice-amount { font-weight: 600; }
.invoice-header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.row { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 0.25rem 1rem; }
.plain-list, .lines { list-style: none; margin: 0; padding: 0; display: grid; gap: 0; }
.plain-list > li, .lines > li { padding-block: 0.5rem; border-top: 1px solid var(--_border); }
.plain-list > li:first-child, .lines > li:first-child { border-top: 0; }
.line-group { padding-top: 0.5rem; border-top: 1px solid var(--_border); }
.line-group h4 { margin: 0; font-size: 1rem; }
.line-description { flex: 1 1 12rem; }
.line-details { font-size: 0.9375rem; }
.why summary {
  cursor: pointer;
  color: var(--_accent);
  min-height: 44px;
  display: flex;
  align-items: center;
  gap: 0.375rem;
  width: fit-content;
}
/* display:flex drops the native marker: draw one that says open or closed. */
.why summary::before { content: "+"; font-weight: 700; inline-size: 1ch; }
.why[open] summary::before { content: "\\2212"; }
.why summary::-webkit-details-marker { display: none; }
.why p { padding: 0.5rem 0.75rem; background: var(--_surface); border-radius: 6px; }
.totals-list { display: grid; gap: 0.25rem; }
.totals-list > div { display: flex; justify-content: space-between; gap: 1rem; }
.totals-list dd { font-size: 1rem; }
.totals-list .grand-total { font-weight: 700; border-top: 1px solid var(--_border); padding-top: 0.25rem; }
.merchant-note { margin: 0.5rem 0 0; padding-inline-start: 0.75rem; border-inline-start: 3px solid var(--_accent); }
.note-label { font-weight: 600; color: var(--_muted); }
.pay-status:empty { padding: 0; }
.pay-progress { padding: 0.75rem 1rem; border-radius: 8px; background: var(--_info-bg); color: var(--_info); }
.pay-progress-succeeded { background: var(--_ok-bg); color: var(--_ok); }
.pay-progress-failed { background: var(--_danger-bg); color: var(--_danger); }
.failure {
  display: grid;
  gap: 0.5rem;
  padding: 1rem;
  border: 1px solid var(--_border);
  border-inline-start: 6px solid var(--_danger);
  border-radius: var(--billfold-radius, 12px);
  background: var(--_surface);
}
.failure h3 { margin: 0; }
.failure-reason { font-weight: 600; }
.failure-actions { display: grid; gap: 0.5rem; }
.failure-actions-title { font-weight: 600; }
.overview-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; flex-basis: 100%; }
.dialog {
  color: var(--_text);
  background: var(--_bg);
  border: 1px solid var(--_border);
  border-radius: var(--billfold-radius, 12px);
  padding: 0;
  width: min(32rem, calc(100vw - 1rem));
  max-height: calc(100dvh - 1rem);
  overflow: auto;
}
.dialog::backdrop { background: rgb(0 0 0 / 0.55); }
.dialog-body { display: grid; gap: 0.75rem; padding: 1rem 1.25rem; }
.dialog-body h3 { font-size: 1.25rem; margin: 0; }
.pay-form { display: grid; gap: 0.75rem; }
.methods { border: 0; margin: 0; padding: 0; display: grid; gap: 0.25rem; }
.methods legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
.method-option {
  display: flex;
  align-items: center;
  gap: 0.75rem;
  min-height: 44px;
  padding: 0.25rem 0.5rem;
  border: 1px solid var(--_border);
  border-radius: 8px;
  cursor: pointer;
}
.method-option input { width: 1.25rem; height: 1.25rem; margin: 0; accent-color: var(--_accent); }
.method-default { color: var(--_muted); }
`;
