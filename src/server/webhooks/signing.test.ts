/**
 * What the README tells a merchant about webhooks holds: the Python verifier it prints accepts a
 * request the kit signed and refuses a tampered one, and its table names every event type.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES } from './events.ts';
import { generateWebhookSecret, signWebhook } from './signing.ts';

const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
const start = readme.indexOf('## Webhooks to your back office');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const python = /\*\*Verifying in Python\*\*[\s\S]*?```python\n([\s\S]*?)```/.exec(section)?.[1];

/** Whether python3 runs here (it does on the project's machines; a bare container may lack it). */
const hasPython = (() => {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

/** Run the README's `verify_billfold_webhook` on one request; resolves `ok` or the error it raised. */
function verifyInPython(secret: string, headers: Record<string, string>, body: string): string {
  const harness = `${python}
import json, sys
given = json.load(sys.stdin)
try:
    verify_billfold_webhook(given["secret"], given["headers"], given["body"].encode())
    print("ok")
except ValueError as error:
    print(error)
`;
  return execFileSync('python3', ['-c', harness], { input: JSON.stringify({ secret, headers, body }), encoding: 'utf8' }).trim();
}

describe('webhook signatures', () => {
  const secret = generateWebhookSecret();
  const body = JSON.stringify({ type: 'question.asked', timestamp: new Date().toISOString(), data: { customerId: 'cus_1', note: 'Grüße' } });

  it('are what the standardwebhooks package expects', () => {
    const headers = signWebhook(secret, 'msg_1', new Date(), body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(new Webhook(secret).sign('msg_1', new Date(Number(headers['webhook-timestamp']) * 1000), body)).toBe(headers['webhook-signature']);
  });

  it.skipIf(!hasPython)('are verified by the README’s Python function, which refuses a changed body, another secret and an old timestamp', () => {
    expect(python).toContain('def verify_billfold_webhook');
    const headers = { ...signWebhook(secret, 'msg_2', new Date(), body) };
    expect(verifyInPython(secret, headers, body)).toBe('ok');
    expect(verifyInPython(secret, headers, body.replace('cus_1', 'cus_2'))).toBe('no valid signature');
    expect(verifyInPython(generateWebhookSecret(), headers, body)).toBe('no valid signature');
    const old = { ...signWebhook(secret, 'msg_2', new Date(Date.now() - 10 * 60_000), body) };
    expect(verifyInPython(secret, old, body)).toBe('timestamp outside the tolerance');
  });

  it('are documented for every event type the kit sends', () => {
    const documented = [...section.matchAll(/^\| `([a-z_]+\.[a-z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...WEBHOOK_EVENT_TYPES]);
  });
});
