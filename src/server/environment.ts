/**
 * Whether the server runs in production (`NODE_ENV=production`). Works where there is no
 * `process` (Deno, workers): there it is not production, so every check stays on.
 */
export function isProduction(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.NODE_ENV === 'production';
}
