import { useState } from 'react';
import { fetchSessionToken } from './session.ts';

/** The merchant's account page: the portal, and a log of what it told the page. */
export function App() {
  const [events, setEvents] = useState<string[]>([]);
  const note = (line: string) => setEvents((lines) => [...lines, line]);
  return (
    <main>
      <h1>Your Acme account</h1>
      {/* React 19 sets properties and `on<event>` listeners on a defined custom element. */}
      <billfold-portal
        api-base="/billing-api"
        getSessionToken={fetchSessionToken}
        onbillfold-ready={() => note('billfold-ready')}
        onbillfold-payment-made={(event) => note(`billfold-payment-made ${event.detail.status}`)}
        onbillfold-error={(event) => note(`billfold-error ${event.error.kind}`)}
      />
      <ol aria-label="Portal events">
        {events.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ol>
    </main>
  );
}
