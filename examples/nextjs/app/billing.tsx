'use client';

import { BillfoldPortal } from 'billfold/react';
import { useState } from 'react';
import { fetchSessionToken } from './session';

/**
 * A client component, because it passes functions (the token getter, the callbacks). The server
 * renders `<billfold-portal api-base="/billing-api">` into the HTML; `BillfoldPortal` sets the
 * getter and the listeners after hydration, and registers the element.
 */
export function Billing() {
  const [events, setEvents] = useState<string[]>([]);
  const note = (line: string) => setEvents((lines) => [...lines, line]);
  return (
    <>
      <BillfoldPortal
        apiBase="/billing-api"
        getSessionToken={fetchSessionToken}
        onReady={() => note('billfold-ready')}
        onPaymentMade={(event) => note(`billfold-payment-made ${event.detail.status}`)}
        onError={(event) => note(`billfold-error ${event.error.kind}`)}
      />
      <ol aria-label="Portal events">
        {events.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ol>
    </>
  );
}
