/**
 * Asks the merchant's server for a session token for the signed-in customer. Here that is the
 * demo server's `/demo/session` (`?persona=` and `?fresh=` pick whose billing is shown); in your
 * app, an endpoint of yours that checks the customer's login and calls `createSessionToken`.
 */
export async function fetchSessionToken(): Promise<string> {
  const params = new URLSearchParams(location.search);
  const response = await fetch('/demo/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona: params.get('persona') ?? 'loyal', fresh: params.get('fresh') ?? undefined }),
  });
  if (!response.ok) throw new Error(`The session endpoint answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
