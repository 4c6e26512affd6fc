/** Styles of the history screen: one timeline, readable at 320px. */
export default `
.history { display: grid; gap: 1rem; }
.history-intro, .history-count, .history-facts dt { color: var(--_muted); }
.history-list { list-style: none; margin: 0; padding: 0; display: grid; }
.history-entry {
  display: grid;
  grid-template-columns: 2.5rem minmax(0, 1fr);
  gap: 0.75rem;
  padding-block: 0.75rem;
  border-top: 1px solid var(--_border);
}
.history-entry:first-child { border-top: 0; }
.history-channel-icon {
  display: grid;
  place-items: center;
  width: 2.5rem;
  height: 2.5rem;
  border-radius: 999px;
  background: var(--_surface);
  border: 1px solid var(--_border);
  color: var(--_text);
}
.history-inbound .history-channel-icon { background: var(--_info-bg); color: var(--_info); }
.history-body { display: grid; gap: 0.25rem; min-width: 0; }
.history-subject { font-weight: 600; }
.history-facts {
  display: flex;
  flex-wrap: wrap;
  gap: 0.125rem 1.25rem;
}
.history-facts div { display: flex; flex-wrap: wrap; gap: 0 0.375rem; }
.history-facts dd { font-size: 1rem; font-weight: 400; }
.history-address { overflow-wrap: anywhere; }

`;
