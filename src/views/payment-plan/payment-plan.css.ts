/** Styles of the payment plan screen (form controls come from the shared field styles). */
export default `
.payment-plan, .plan-content, .plan-form, .plan-requests { display: grid; gap: 1rem; }
.plan-intro, .plan-meta { color: var(--_muted); }
.plan-card { gap: 0.5rem; }
.plan-card-head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; }
.plan-card-head h4 { margin: 0; font-size: 1rem; }
.plan-decision { margin: 0; display: grid; gap: 0.25rem; }
.plan-decision figcaption { font-weight: 600; }
.plan-decision blockquote { margin: 0; padding-inline-start: 0.75rem; border-inline-start: 3px solid var(--_border); }
.plan-schedule { border-collapse: collapse; width: 100%; max-width: 36rem; }
.plan-schedule th, .plan-schedule td { text-align: start; padding: 0.375rem 0.5rem 0.375rem 0; border-bottom: 1px solid var(--_border); vertical-align: middle; }
.plan-schedule thead th { font-size: 0.9375rem; color: var(--_muted); }
.plan-schedule tfoot th, .plan-schedule tfoot td { font-weight: 600; border-bottom: 0; }
.plan-schedule .plan-amount { text-align: end; }
.plan-total { font-weight: 600; }
.plan-note { min-height: 6rem; resize: vertical; }
.plan-date { min-width: 10rem; }
.plan-review { border: 2px solid var(--_accent); }
.plan-review-kind { font-weight: 600; }
.plan-outside, .plan-done {
  display: grid;
  gap: 0.5rem;
  padding: 1rem;
  background: var(--_surface);
  border-radius: var(--billfold-radius, 12px);
}
.plan-outside { border: 1px solid var(--_border); border-inline-start: 6px solid var(--_warning); }
.plan-outside h4 { margin: 0; font-size: 1rem; }
.plan-outside ul { margin: 0; padding-inline-start: 1.25rem; }
.plan-done { border: 1px solid var(--_ok); border-inline-start: 6px solid var(--_ok); }
.plan-done h3 { margin: 0; }
`;
