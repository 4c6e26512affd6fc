import { sessionToken } from './demo-process.ts';
import { expect, test } from './fixtures.ts';

// Its own server and database: this spec restarts the process, which the shared server must not see.

test.describe('persistence', () => {
  test.describe.configure({ timeout: 180_000 });

  test('a change to contact details survives a server restart', async ({ page, ownDemo }) => {
    let demo = await ownDemo.start();
    const api = `${demo.baseURL}/billing-api`;
    const token = await sessionToken(demo.baseURL, 'loyal');
    const auth = { authorization: `Bearer ${token}` };

    const before = await fetch(`${api}/contact-details`, { headers: auth });
    expect(before.status).toBe(200);
    const etag = before.headers.get('etag');
    expect(etag).toBeTruthy();
    const details = (await before.json()) as { billingAddress: { line1: string; city: string } };
    const newLine1 = `${Math.floor(Math.random() * 900) + 100} Restart Lane`;
    expect(details.billingAddress.line1).not.toBe(newLine1);

    const put = await fetch(`${api}/contact-details`, {
      method: 'PUT',
      headers: {
        ...auth,
        'content-type': 'application/json',
        'if-match': etag!,
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ ...details, billingAddress: { ...details.billingAddress, line1: newLine1 } }),
    });
    expect(put.status, await put.clone().text()).toBe(200);

    demo = await ownDemo.restart();

    // A token minted before the restart still works: sessions are self-contained.
    const after = await fetch(`${api}/contact-details`, { headers: auth });
    expect(after.status).toBe(200);
    const saved = (await after.json()) as { billingAddress: { line1: string } };
    expect(saved.billingAddress.line1).toBe(newLine1);
    // The stale ETag no longer matches: the record really changed on disk.
    expect(after.headers.get('etag')).not.toBe(etag);

    // And the widget, served by the restarted process, still greets the same customer.
    await page.goto(`${demo.baseURL}/`);
    await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
  });
});
