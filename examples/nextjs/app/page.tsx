import { Billing } from './billing';

/** A server component: rendered to HTML on the server, the portal hydrates in the browser. */
export default function AccountPage() {
  return (
    <main>
      <h1>Your Acme account</h1>
      <Billing />
    </main>
  );
}
