import { describe, expect, it } from 'vitest';
import type { ContactDetails } from '../contract/index.ts';
import type { BillingAdapter } from './adapter.ts';
import { VersionConflictError } from './errors.ts';
import { formatEtag, ifMatchAccepts, parseIfMatch } from './etag.ts';
import { createBillfoldHandler } from './handler.ts';
import { direct, errorCode, tokenFor, useTestServer } from './test-server.ts';

const t = useTestServer();
const { call } = t;

describe('ETag and If-Match', () => {
  it('formats any version as a valid strong entity tag, distinct for distinct versions', () => {
    const versions = ['7', 'a"b', 'ab', 'a\\b', 'a%22b', 'two words', 'Jürgen', ''];
    const tags = versions.map(formatEtag);
    for (const tag of tags) expect(tag).toMatch(/^"[\x21\x23-\x7E]*"$/);
    expect(new Set(tags).size).toBe(versions.length);
    expect(formatEtag('7')).toBe('"7"');
  });

  it('parses If-Match lists: *, weak tags, and commas inside tags', () => {
    expect(parseIfMatch('*')).toBe('*');
    expect(parseIfMatch('W/"1", "2,3" ,"4"')).toEqual([
      { weak: true, tag: '"1"' },
      { weak: false, tag: '"2,3"' },
      { weak: false, tag: '"4"' },
    ]);
    expect(parseIfMatch('7')).toEqual([]);
    expect(ifMatchAccepts('*', 'anything')).toBe(true);
    expect(ifMatchAccepts('"1", "7"', '7')).toBe(true);
    expect(ifMatchAccepts('W/"7"', '7')).toBe(false);
    expect(ifMatchAccepts('7', '7')).toBe(false);
    expect(ifMatchAccepts(formatEtag('a"b\\c'), 'a"b\\c')).toBe(true);
    expect(ifMatchAccepts(formatEtag('abc'), 'a"b\\c')).toBe(false);
  });

  it('lets If-Match: * change the current version, and checks every tag of a list', async () => {
    const token = await tokenFor('cus_northwind');
    const read = await call('GET', '/contact-details', { token });
    const details = (await read.json()) as ContactDetails;
    const put = (phone: string, ifMatch: string) =>
      call('PUT', '/contact-details', { token, body: { ...details, phone }, headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': ifMatch } });

    const any = await put('+49 30 1111111', '*');
    expect(any.status).toBe(200);
    const etag = any.headers.get('etag')!;
    expect(etag).not.toBe(read.headers.get('etag'));

    const listed = await put('+49 30 2222222', `"stale", ${etag}`);
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as ContactDetails).phone).toBe('+49 30 2222222');
  });

  it('refuses a weak tag even when it names the current version', async () => {
    const token = await tokenFor('cus_northwind');
    const read = await call('GET', '/contact-details', { token });
    const details = (await read.json()) as ContactDetails;
    const weak = await call('PUT', '/contact-details', {
      token,
      body: { ...details, phone: '+49 30 3333333' },
      headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': `W/${read.headers.get('etag')!}` },
    });
    expect(weak.status).toBe(412);
    expect(await errorCode(weak)).toBe('precondition_failed');
    expect(weak.headers.get('etag')).toBe(read.headers.get('etag'));
  });

  it('round-trips versions that contain quotes and backslashes', async () => {
    let version = 'rev"1\\a';
    let received: string | undefined;
    const quirky: BillingAdapter = {
      ...t.options.adapter,
      getContactDetails: async (ctx) => ({ value: (await t.options.adapter.getContactDetails(ctx)).value, version }),
      updateContactDetails: async (ctx, body, expectedVersion) => {
        received = expectedVersion;
        if (expectedVersion !== version) throw new VersionConflictError(version);
        version = 'rev"2\\b';
        return { value: { ...(await t.options.adapter.getContactDetails(ctx)).value, ...body }, version };
      },
    };
    const handler = createBillfoldHandler({ ...t.options, adapter: quirky });
    const read = await direct(handler, 'GET', '/contact-details', { customerId: 'cus_northwind' });
    const etag = read.headers.get('etag')!;
    const details = (await read.json()) as ContactDetails;
    const updated = await direct(handler, 'PUT', '/contact-details', {
      customerId: 'cus_northwind',
      key: crypto.randomUUID(),
      ifMatch: etag,
      body: details,
    });
    expect(updated.status).toBe(200);
    expect(received).toBe('rev"1\\a');
    expect(updated.headers.get('etag')).toBe(formatEtag('rev"2\\b'));
    expect(updated.headers.get('etag')).not.toBe(etag);
  });


  it('sends an ETag, needs If-Match, refuses a stale one and answers a fresh one with a new ETag', async () => {
    const token = await tokenFor('cus_juergen');
    const read = await call('GET', '/contact-details', { token });
    const etag = read.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const details = (await read.json()) as ContactDetails;
    const changed = { ...details, phone: '+49 89 7654321' };

    const missing = await call('PUT', '/contact-details', { token, body: changed, headers: { 'idempotency-key': crypto.randomUUID() } });
    expect(missing.status).toBe(428);
    expect(await errorCode(missing)).toBe('precondition_required');

    const stale = await call('PUT', '/contact-details', { token, body: changed, headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': '"999"' } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe(etag);

    const fresh = await call('PUT', '/contact-details', { token, body: changed, headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': etag! } });
    expect(fresh.status).toBe(200);
    const newEtag = fresh.headers.get('etag');
    expect(newEtag).toMatch(/^"[^"]+"$/);
    expect(newEtag).not.toBe(etag);
    expect(((await fresh.json()) as ContactDetails).phone).toBe('+49 89 7654321');

    // The first reader's ETag is stale now: no silent overwrite.
    const lost = await call('PUT', '/contact-details', { token, body: details, headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': etag! } });
    expect(lost.status).toBe(412);
    expect(lost.headers.get('etag')).toBe(newEtag);
  });

  it('changes the billing cycle only with the current ETag', async () => {
    const token = await tokenFor('cus_daniela');
    const read = await call('GET', '/billing-cycle', { token });
    const etag = read.headers.get('etag')!;
    const change = { interval: 'quarter', billingDay: 15 };
    const ok = await call('PUT', '/billing-cycle', { token, body: change, headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': etag } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { interval: string }).interval).toBe('quarter');
    const stale = await call('PUT', '/billing-cycle', { token, body: change, headers: { 'idempotency-key': crypto.randomUUID(), 'if-match': etag } });
    expect(stale.status).toBe(412);
  });
});
