/** Styles of the questions screen (its rows share `.invoice-row`'s look, its links `.link-button`). */
export default `
.questions, .ask-form, .reply-form { display: grid; gap: 1rem; }
.questions-intro, .question-meta, .message-meta { color: var(--_muted); }
.question-list { list-style: none; margin: 0; padding: 0; display: grid; }
.question-open {
  font: inherit;
  font-weight: 600;
  color: var(--_accent);
  background: transparent;
  border: 0;
  padding: 0.5rem 0;
  min-height: 44px;
  text-align: start;
  text-decoration: underline;
  text-underline-offset: 0.15em;
  cursor: pointer;
  flex: 1 1 16rem;
}
.question-meta { flex-basis: 100%; }
.question-facts {
  display: grid;
  gap: 0.75rem;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr));
}
.question-facts dd { font-size: 1rem; }
.messages { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
.message {
  display: grid;
  gap: 0.25rem;
  padding: 0.75rem 1rem;
  border: 1px solid var(--_border);
  border-radius: var(--billfold-radius, 12px);
}
.message-merchant { background: var(--_surface); border-inline-start: 6px solid var(--_accent); }
.message-customer { margin-inline-start: clamp(0rem, 6vw, 3rem); }
.message-meta { display: flex; flex-wrap: wrap; gap: 0 0.5rem; }
.message-meta strong { color: var(--_text); }
.message-body { white-space: pre-wrap; }
`;
