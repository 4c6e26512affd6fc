import { createServer, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret } from '../src/server/index.ts';
import { freePort, startDemo, type DemoProcess } from './demo-process.ts';
import { expect, portalEvents, recordPortalEvents, setView, test } from './fixtures.ts';

// A demo server of its own, started with BILLFOLD_WEBHOOK_URL and BILLFOLD_WEBHOOK_SECRET pointing
// at a receiver in this process, the way a merchant's helpdesk would be.

/** A webhook as the merchant's endpoint received it. */
interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

test('a question asked in the portal reaches the merchant as a signed question.asked, sent again after a 500', async ({ page }) => {
  test.setTimeout(120_000);
  const secret = generateWebhookSecret();
  const deliveries: Delivery[] = [];
  // The first delivery fails on the merchant's side; every later one is taken.
  const receiver = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body });
      response.writeHead(deliveries.length === 1 ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const dataDir = await mkdtemp(join(tmpdir(), 'billfold-webhooks-'));
  let demo: DemoProcess | undefined;
  try {
    demo = await startDemo({
      port: await freePort(),
      dataDir,
      env: {
        BILLFOLD_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/billfold-events`,
        BILLFOLD_WEBHOOK_SECRET: secret,
      },
    });

    await recordPortalEvents(page);
    await page.goto(`${demo.baseURL}/?persona=business`);
    await expect(page.getByRole('heading', { name: 'Hello, Northwind team' })).toBeVisible();
    await setView(page, 'questions/new?invoice=inv_northwind_1');
    await expect(page.getByRole('heading', { level: 2, name: 'Ask about a charge' })).toBeVisible();
    await page.getByRole('radio', { name: 'I already paid' }).check();
    await page.getByRole('textbox', { name: 'Your message' }).fill('We paid this by bank transfer on the 3rd.');
    await page.getByRole('button', { name: 'Send question' }).click();
    await expect.poll(async () => (await portalEvents(page)).filter((e) => e.type === 'billfold-question-asked').length).toBe(1);
    const asked = (await portalEvents(page)).find((e) => e.type === 'billfold-question-asked');

    // The first attempt comes at once and is answered 500; the retry follows the first backoff (5 s).
    await expect.poll(() => deliveries.length, { timeout: 30_000 }).toBe(2);
    const verifier = new Webhook(secret);
    const [first, retry] = deliveries.map((delivery) => ({
      id: delivery.headers['webhook-id'],
      payload: verifier.verify(delivery.body, delivery.headers as Record<string, string>) as {
        type: string;
        data: { customerId: string; question: { id: string; topic: string; messages: { body: string }[] } };
      },
    }));
    expect(first!.payload).toMatchObject({
      type: 'question.asked',
      data: {
        customerId: 'cus_northwind',
        question: { id: asked?.detail?.questionId, topic: 'already_paid', messages: [{ body: 'We paid this by bank transfer on the 3rd.' }] },
      },
    });
    expect(first!.id).toMatch(/^msg_/);
    expect(retry!.id).toBe(first!.id);
    expect(retry!.payload).toEqual(first!.payload);
    // Taken the second time: nothing more is sent.
    await page.waitForTimeout(1500);
    expect(deliveries).toHaveLength(2);
  } finally {
    await demo?.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await rm(dataDir, { recursive: true, force: true });
  }
});
