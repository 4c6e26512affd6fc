// Registers <billfold-portal> before React renders it, so React 19 sets `getSessionToken` as a
// property and the `onbillfold-*` props as listeners from the first render.
import 'billfold/define';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
