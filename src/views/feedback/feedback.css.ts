/** Styles of the feedback prompt: a quiet card below the screen, never a modal. */
export default `
.feedback { border-inline-start: 6px solid var(--_accent); }
.feedback-intro { color: var(--_muted); }
.feedback-form { display: grid; gap: 1rem; }
`;
