import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createSessionToken, MAX_SESSION_TTL_SECONDS, SessionTokenError, verifySessionToken } from './session.ts';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';

describe('session tokens', () => {
  it('round-trips the customer and expiry', async () => {
    const { token, expiresAt } = await createSessionToken({ customerId: 'cus_1', secret, ttlSeconds: 60 });
    const claims = await verifySessionToken(token, secret);
    expect(claims.customerId).toBe('cus_1');
    expect(claims.expiresAt).toBe(expiresAt);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(50_000);
  });

  it('refuses an expired token as expired', async () => {
    const key = new TextEncoder().encode(secret);
    const past = Math.floor(Date.now() / 1000) - 120;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('cus_1')
      .setAudience('billfold')
      .setIssuedAt(past - 900)
      .setExpirationTime(past)
      .sign(key);
    await expect(verifySessionToken(token, secret)).rejects.toMatchObject({ name: 'SessionTokenError', reason: 'expired' });
  });

  it('refuses a token signed with another secret, for another audience, or without a subject', async () => {
    const other = await createSessionToken({ customerId: 'cus_1', secret: `${secret}-other` });
    await expect(verifySessionToken(other.token, secret)).rejects.toBeInstanceOf(SessionTokenError);

    const key = new TextEncoder().encode(secret);
    const exp = Math.floor(Date.now() / 1000) + 600;
    const wrongAudience = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('cus_1').setAudience('other-service').setExpirationTime(exp).sign(key);
    await expect(verifySessionToken(wrongAudience, secret)).rejects.toMatchObject({ reason: 'invalid' });

    const noSubject = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setAudience('billfold').setExpirationTime(exp).sign(key);
    await expect(verifySessionToken(noSubject, secret)).rejects.toMatchObject({ reason: 'invalid' });

    await expect(verifySessionToken('not.a.jwt', secret)).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('refuses a token signed with HS512 under the same secret', async () => {
    const key = new TextEncoder().encode(secret);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('cus_1')
      .setAudience('billfold')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key);
    await expect(verifySessionToken(token, secret)).rejects.toMatchObject({ name: 'SessionTokenError', reason: 'invalid' });
  });

  it('refuses a token without exp, or without iat', async () => {
    const key = new TextEncoder().encode(secret);
    const now = Math.floor(Date.now() / 1000);
    const noExpiry = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('cus_1').setAudience('billfold').setIssuedAt(now).sign(key);
    await expect(verifySessionToken(noExpiry, secret)).rejects.toMatchObject({ reason: 'invalid' });
    const noIssuedAt = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('cus_1').setAudience('billfold').setExpirationTime(now + 600).sign(key);
    await expect(verifySessionToken(noIssuedAt, secret)).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('mints tokens for an hour at most', async () => {
    expect(MAX_SESSION_TTL_SECONDS).toBe(3600);
    const longest = await createSessionToken({ customerId: 'cus_1', secret, ttlSeconds: MAX_SESSION_TTL_SECONDS });
    expect((await verifySessionToken(longest.token, secret)).customerId).toBe('cus_1');
    await expect(createSessionToken({ customerId: 'cus_1', secret, ttlSeconds: MAX_SESSION_TTL_SECONDS + 1 })).rejects.toBeInstanceOf(RangeError);
    await expect(createSessionToken({ customerId: 'cus_1', secret, ttlSeconds: 86_400 })).rejects.toBeInstanceOf(RangeError);
  });

  it('refuses a token issued more than an hour ago, whatever its exp says', async () => {
    const key = new TextEncoder().encode(secret);
    const now = Math.floor(Date.now() / 1000);
    const sign = (issuedAt: number) =>
      new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('cus_1').setAudience('billfold').setIssuedAt(issuedAt).setExpirationTime(now + 86_400).sign(key);
    await expect(verifySessionToken(await sign(now - MAX_SESSION_TTL_SECONDS - 60), secret)).rejects.toMatchObject({ reason: 'expired' });
    expect((await verifySessionToken(await sign(now - 60), secret)).customerId).toBe('cus_1');
  });

  it('refuses a guessable secret', async () => {
    await expect(createSessionToken({ customerId: 'cus_1', secret: 'short' })).rejects.toThrow(/32 bytes/);
  });
});
