/** Styles of the contact screen: the person, their channels, the call-back request. */
export default `
.contact-screen, .callback-form, .contact-callback { display: grid; gap: 1rem; }
.contact-who { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
.contact-photo {
  width: 6rem;
  height: 6rem;
  border-radius: 999px;
  object-fit: cover;
  border: 1px solid var(--_border);
  background: var(--_surface);
}
.contact-role, .contact-intro, .contact-channel-kind { color: var(--_muted); }
.contact-channels { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.25rem; }
.contact-channels li { display: flex; flex-wrap: wrap; align-items: center; gap: 0 0.75rem; min-height: 44px; }
.contact-channel-kind { min-width: 4rem; }
.contact-channel-value { white-space: pre-line; overflow-wrap: anywhere; }
a.contact-channel-value { display: inline-flex; align-items: center; min-height: 44px; }
`;
