/** What the sandbox processor does with a pending payment when it settles. */
import type { SandboxOutcome } from '../sandbox-cards.ts';
import { isCardExpired } from '../sandbox-cards.ts';
import type { MethodRow } from '../rows.ts';

/**
 * The outcome of charging `method` at `now`: the method's own sandbox outcome, except that a card
 * past its expiry month (in UTC) is refused as expired, and a payment whose method is gone is
 * declined.
 */
export function chargeOutcome(method: MethodRow | undefined, now: Date): SandboxOutcome {
  if (!method) return 'bank_declined';
  if (method.type === 'card' && isCardExpired(method.exp_month ?? 1, method.exp_year ?? 2000, now)) return 'card_expired';
  return method.outcome;
}
