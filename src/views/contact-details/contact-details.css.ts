/** Styles of the contact details screen (the form's own pieces: recipients and the conflict). */
export default `
.contact-details, .contact-form { display: grid; gap: 1rem; }
.recipient-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
.recipient-fields {
  display: grid;
  gap: 0.5rem 1rem;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
  align-items: start;
}
.recipient .field + .field { margin-top: 0; }
.conflict { border: 3px solid var(--_warning); }
.conflict-changes { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
.conflict-change { border-top: 1px solid var(--_border); padding-top: 0.5rem; }
.conflict-field { font-weight: 600; }
.conflict-change dl {
  display: grid;
  gap: 0.25rem 1rem;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
}
.conflict-change dd { font-size: 1rem; }
`;
