/** The session secret the test servers verify tokens with (also in child processes, without vitest). */
export const secret = 'handler-test-secret-that-is-long-enough-0123456789';
