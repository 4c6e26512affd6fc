import { errors, jwtVerify, SignJWT } from 'jose';

/** The `aud` of every session token: a token minted for another service is refused. */
export const SESSION_AUDIENCE = 'billfold';

/**
 * The longest a session token may live, in seconds (one hour). Minting refuses longer lifetimes and
 * verification refuses tokens issued longer ago, so a leaked token is useful for an hour at most
 * even if whoever minted it chose a far `exp`.
 */
export const MAX_SESSION_TTL_SECONDS = 3600;

/** A secret for HS256: a string of at least 32 characters, or the raw bytes. */
export type SessionSecret = string | Uint8Array;

/** Options of {@link createSessionToken}. */
export interface CreateSessionTokenOptions {
  /** The customer the token lets the bearer act as; becomes `sub`. */
  customerId: string;
  secret: SessionSecret;
  /**
   * Lifetime in seconds (default 900, at most {@link MAX_SESSION_TTL_SECONDS}); short, because the
   * widget asks the host for a fresh token when it expires.
   */
  ttlSeconds?: number;
  /** Becomes `iss`: who minted the token, e.g. your server's URL. Checked when the handler is given `sessionIssuer`. */
  issuer?: string;
}

/** A freshly minted session token. */
export interface SessionToken {
  token: string;
  /** ISO 8601 instant when the token stops working. */
  expiresAt: string;
}

/** What a valid token says. */
export interface SessionClaims {
  customerId: string;
  expiresAt: string;
}

function keyOf(secret: SessionSecret): Uint8Array {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  // HS256 is only as strong as its key; refuse to mint or accept with a guessable one.
  if (key.byteLength < 32) throw new TypeError('The session secret must be at least 32 bytes long.');
  return key;
}

/**
 * Mint a short-lived, customer-scoped session token (HS256 JWT) on the merchant's server, for
 * the page that embeds `<billfold-portal>`. The widget keeps it in memory only.
 */
export async function createSessionToken({
  customerId,
  secret,
  ttlSeconds = 900,
  issuer,
}: CreateSessionTokenOptions): Promise<SessionToken> {
  if (!customerId) throw new TypeError('customerId is required.');
  if (!(ttlSeconds > 0)) throw new TypeError('ttlSeconds must be positive.');
  if (ttlSeconds > MAX_SESSION_TTL_SECONDS) {
    throw new RangeError(`ttlSeconds must be at most ${MAX_SESSION_TTL_SECONDS} (one hour).`);
  }
  const now = Math.floor(Date.now() / 1000);
  const exp = now + Math.ceil(ttlSeconds);
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(customerId)
    .setAudience(SESSION_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .setJti(crypto.randomUUID());
  if (issuer !== undefined) jwt.setIssuer(issuer);
  const token = await jwt.sign(keyOf(secret));
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

/** Why a token was refused. */
export class SessionTokenError extends Error {
  override readonly name = 'SessionTokenError';
  readonly reason: 'expired' | 'invalid';

  constructor(reason: 'expired' | 'invalid', message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.reason = reason;
  }
}

/** Options of {@link verifySessionToken}. */
export interface VerifySessionTokenOptions {
  /** When set, the token's `iss` must be exactly this (a token minted by another system is refused). */
  issuer?: string;
}

/** A session-token verifier with its key imported once (see {@link createSessionVerifier}). */
export type SessionVerifier = (token: string) => Promise<SessionClaims>;

/**
 * A verifier for every request of a server: the secret is checked and imported as an HMAC key
 * once, not per token, and the verification options are built once. Checks exactly what
 * {@link verifySessionToken} checks. Throws a TypeError at once for a secret under 32 bytes.
 */
export function createSessionVerifier(secret: SessionSecret, options: VerifySessionTokenOptions = {}): SessionVerifier {
  const raw = keyOf(secret);
  // A non-extractable key used only to verify; imported on first use (WebCrypto is async).
  let key: Promise<CryptoKey> | undefined;
  const verifyOptions = {
    algorithms: ['HS256'],
    audience: SESSION_AUDIENCE,
    ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
    requiredClaims: ['sub', 'exp', 'iat'],
    // The same cap as minting: a token older than that is refused whatever its `exp` says.
    maxTokenAge: MAX_SESSION_TTL_SECONDS,
    // A few seconds for clocks that disagree between the merchant's servers.
    clockTolerance: 5,
  };
  return async (token) => {
    try {
      key ??= crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      const { payload } = await jwtVerify(token, await key, verifyOptions);
      if (typeof payload.sub !== 'string' || payload.sub === '') {
        throw new SessionTokenError('invalid', 'The session token names no customer.');
      }
      return { customerId: payload.sub, expiresAt: new Date((payload.exp ?? 0) * 1000).toISOString() };
    } catch (error) {
      if (error instanceof SessionTokenError) throw error;
      if (error instanceof errors.JWTExpired) {
        throw new SessionTokenError('expired', 'The session has expired.', error);
      }
      throw new SessionTokenError('invalid', 'The session token is not valid.', error);
    }
  };
}

/**
 * Verify a session token: HS256 only, audience `billfold`, with a subject, not expired, issued
 * at most {@link MAX_SESSION_TTL_SECONDS} ago, and by `options.issuer` when one is given. Rejects
 * with {@link SessionTokenError}. A server verifying many tokens with one secret should use
 * {@link createSessionVerifier}, which imports the key once.
 */
export async function verifySessionToken(
  token: string,
  secret: SessionSecret,
  options: VerifySessionTokenOptions = {},
): Promise<SessionClaims> {
  let verifier: SessionVerifier;
  try {
    verifier = createSessionVerifier(secret, options);
  } catch (error) {
    throw new SessionTokenError('invalid', 'The session token is not valid.', error);
  }
  return verifier(token);
}
