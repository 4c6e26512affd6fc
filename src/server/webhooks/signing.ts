import { createHmac, randomBytes } from 'node:crypto';

/** The prefix of a Standard Webhooks signing secret. */
const SECRET_PREFIX = 'whsec_';

/** The signature's key: the base64 part of a `whsec_` secret, decoded. Throws for anything else. */
export function webhookSecretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new TypeError('A webhook secret starts with "whsec_".');
  const base64 = secret.slice(SECRET_PREFIX.length);
  const key = Buffer.from(base64, 'base64');
  // The specification asks for 24 to 64 random bytes; a shorter key is guessable.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || key.length < 24 || key.length > 64) {
    throw new TypeError('A webhook secret is "whsec_" followed by 24 to 64 bytes in base64.');
  }
  return key;
}

/** A new signing secret: `whsec_` and 32 random bytes in base64, for the merchant to store on both sides. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** The headers of one delivery attempt. */
export interface WebhookHeaders {
  'webhook-id': string;
  /** Seconds since the epoch, of this attempt. */
  'webhook-timestamp': string;
  /** `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`. */
  'webhook-signature': string;
}

/**
 * Sign one delivery attempt as the Standard Webhooks specification says: HMAC-SHA256 over
 * `${id}.${timestamp}.${body}` with the secret's decoded key, sent as `v1,<base64>`. The id stays
 * the same on a retry; the timestamp is the attempt's, so receivers can refuse replays of old
 * messages. Done with node:crypto rather than the `standardwebhooks` package, which would add
 * three runtime dependencies to every install for these few lines; the tests verify the result
 * with that package.
 */
export function signWebhook(secret: string, id: string, timestamp: Date, body: string): WebhookHeaders {
  const seconds = String(Math.floor(timestamp.getTime() / 1000));
  const signature = createHmac('sha256', webhookSecretKey(secret)).update(`${id}.${seconds}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': seconds, 'webhook-signature': `v1,${signature}` };
}
