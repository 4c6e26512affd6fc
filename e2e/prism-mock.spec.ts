/**
 * The published contract is enough: Stoplight Prism, a mock server that knows nothing of
 * Billfold but the generated OpenAPI document, answers the real widget (built, from dist/) on
 * every screen, and the widget's changes go through it — each request Prism validates against
 * the document (auth, Idempotency-Key, If-Match, bodies) and each answer is the document's
 * example, which the widget parses with its zod schemas.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readStaticFile } from '../demo/static-files.ts';
import { buildOpenApiDocument } from '../scripts/generate-openapi.ts';
import { freePort } from './demo-process.ts';
import { expect, expectPortalEvent, portalEvents, recordPortalEvents, setView, test } from './fixtures.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Prism must be up well within this, or CI pays for it on every run. */
const PRISM_START_BUDGET_MS = 20_000;

let prism: ChildProcess | undefined;
let prismUrl = '';
let host: Server | undefined;
let hostUrl = '';
let workDir = '';

/** Starts `prism mock` on the document alone and resolves once it listens, with how long that took. */
async function startPrism(documentPath: string, port: number): Promise<number> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules/@stoplight/prism-cli/dist/index.js'), 'mock', documentPath, '--host', '127.0.0.1', '--port', String(port)],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  prism = child;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within ${PRISM_START_BUDGET_MS} ms:\n${output}`)), PRISM_START_BUDGET_MS);
    const listen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', listen);
    child.stderr?.on('data', listen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code}:\n${output}`));
    });
  });
  return Date.now() - started;
}

/** A page as a merchant would write it: the built widget, a token, a payment provider's collector. */
function hostPage(apiBase: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Billfold on a Prism mock</title></head>
<body>
<main><billfold-portal api-base="${apiBase}" locale="en"></billfold-portal></main>
<script type="module" src="/host.js"></script>
</body></html>`;
}

/** A stand-in for a payment provider's hosted fields: one field, and a single-use token back. */
const HOST_SCRIPT = `import '/dist/define.js';
const portal = document.querySelector('billfold-portal');
portal.paymentMethodCollector = {
  async mount(container) {
    const label = document.createElement('label');
    label.textContent = 'Card number';
    const input = document.createElement('input');
    label.append(input);
    container.append(label);
    return { async submit() { return { token: 'tok_sandbox_mastercard_5556_0329' }; }, destroy() { label.remove(); } };
  },
};
portal.getSessionToken = async () => 'opaque-session-token';
portal.sessionToken = 'opaque-session-token';
`;

test.beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'billfold-prism-'));
  const documentPath = join(workDir, 'openapi.json');
  await writeFile(documentPath, JSON.stringify(buildOpenApiDocument('0.0.0-e2e')));
  const [prismPort, hostPort] = [await freePort(), await freePort()];
  const startMs = await startPrism(documentPath, prismPort);
  console.log(`prism-mock: Prism listened after ${startMs} ms`);
  prismUrl = `http://127.0.0.1:${prismPort}`;

  host = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(prismUrl));
      return;
    }
    if (path === '/host.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(HOST_SCRIPT);
      return;
    }
    const file = path.startsWith('/dist/') ? await readStaticFile(join(root, 'dist'), path.slice('/dist'.length)) : null;
    if (!file) response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': file.contentType }).end(file.body);
  });
  await new Promise<void>((resolve) => host!.listen(hostPort, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${hostPort}`;
});

test.afterAll(async () => {
  prism?.kill('SIGTERM');
  await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Opens the host page and waits for the overview: the account summary parsed. */
async function openPortal(page: import('@playwright/test').Page): Promise<void> {
  await recordPortalEvents(page);
  await page.goto(hostUrl);
  await expect(page.getByRole('heading', { name: 'Hello, Margaret' })).toBeVisible();
  await expectPortalEvent(page, 'billfold-ready');
}

/** Nothing the mock answered was refused by the widget. */
async function expectNoContractErrors(page: import('@playwright/test').Page): Promise<void> {
  await expect(page.locator('billfold-portal')).not.toContainText(/sent something unexpected/i);
  const errors = (await portalEvents(page)).filter((event) => event.type === 'billfold-error');
  expect(errors).toEqual([]);
}

test.describe('the portal on a Prism mock of the OpenAPI document alone', () => {
  test('renders every screen from the examples', async ({ page }) => {
    test.setTimeout(120_000);
    await openPortal(page);
    const portal = page.locator('billfold-portal');
    await expect(portal).toContainText('NWB-2026-0142');
    await expect(portal).toContainText('Thank you for ten years with us');

    const screens: [string, RegExp | string][] = [
      ['invoices', 'NWB-2026-0131'],
      ['invoices/inv_2026_0142', 'Calls to mobiles'],
      ['payment-methods', /4242/],
      ['contact-details', /Billing address/i],
      ['billing-cycle', /quarter/i],
      ['payment-plan', /instalment/i],
      ['payment-plan/inv_2026_0142', /instalment/i],
      ['questions', 'Calls to mobiles'],
      ['questions/q_5h1x', 'most of the minutes were calls'],
      ['questions/new?invoice=inv_2026_0142&line=line_0142_2', 'Calls to mobiles'],
      ['history', 'Your November invoice from Northwind Broadband'],
      ['contact', 'Priya Shah'],
    ];
    for (const [view, text] of screens) {
      await setView(page, view);
      await expect(portal.getByRole('heading', { level: 2 }).first(), view).toBeVisible();
      await expect(portal, view).toContainText(text);
      await expectNoContractErrors(page);
    }
  });

  test('takes changes through the mock: a payment that settles, feedback, contact details with If-Match, a reply', async ({ page }) => {
    test.setTimeout(90_000);
    await openPortal(page);
    const portal = page.locator('billfold-portal');

    // Pay: Prism checks the Idempotency-Key and the body, answers a pending payment, then the
    // settled one the widget polls for.
    await setView(page, 'invoices/inv_2026_0142');
    await portal.getByRole('button', { name: /^Pay now/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
    await expect(dialog.getByRole('radio', { name: /ending in 4242/ })).toBeChecked();
    await dialog.getByRole('button', { name: /^Pay £42\.08/ }).click();
    await expect(page.getByRole('status').filter({ hasText: /went through/ })).toBeVisible({ timeout: 15_000 });
    const payments = (await portalEvents(page)).filter((event) => event.type === 'billfold-payment-made');
    expect(payments.map((event) => event.detail?.status)).toEqual(['pending', 'succeeded']);

    // The feedback the journey asks for.
    await portal.getByRole('radio', { name: /^5 / }).check();
    await portal.getByRole('button', { name: 'Send feedback' }).click();
    await expectPortalEvent(page, 'billfold-feedback-sent');

    // Contact details: the ETag the mock sent comes back as If-Match, or Prism refuses the PUT.
    await setView(page, 'contact-details');
    const city = portal.getByRole('textbox', { name: 'Town or city' });
    await expect(city).toHaveValue('Bristol');
    await city.fill('Bath');
    await portal.getByRole('button', { name: 'Save changes' }).click();
    await expectPortalEvent(page, 'billfold-contact-details-updated');

    // A reply in a question's thread, answered with the message as stored.
    await setView(page, 'questions/q_5h1x');
    await portal.getByRole('textbox', { name: 'Your reply' }).fill('Yes please, send me the list.');
    await portal.getByRole('button', { name: 'Send reply' }).click();
    await expect(portal.getByRole('region', { name: 'Conversation' }).getByRole('listitem')).toHaveCount(3);
    await expectNoContractErrors(page);
  });
});
