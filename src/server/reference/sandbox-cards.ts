import { toIsoDate } from '../../lib/calendar.ts';
import { isCardExpired as cardExpired } from '../../lib/card.ts';
import type { FailureReason, SuggestedAction } from '../../contract/index.ts';

/** What the sandbox processor does when a saved method is charged. */
export type SandboxOutcome = 'succeed' | 'insufficient_funds' | 'bank_declined' | 'card_expired';

/** A card as the sandbox payment provider's token describes it. */
export interface SandboxCard {
  type: 'card';
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  outcome: SandboxOutcome;
}

/** A SEPA bank account as the sandbox token describes it. */
export interface SandboxBankAccount {
  type: 'bank_account';
  bankName: string;
  last4: string;
  outcome: SandboxOutcome;
}

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  maestro: 'Maestro',
};

/**
 * Like the payment providers' test cards, the last four digits pick what a charge does:
 * 9995 is refused for insufficient funds, 0002 is declined by the bank, 0069 reports an
 * expired card; everything else succeeds.
 */
export function outcomeForLast4(last4: string): SandboxOutcome {
  if (last4 === '9995') return 'insufficient_funds';
  if (last4 === '0002') return 'bank_declined';
  if (last4 === '0069') return 'card_expired';
  return 'succeed';
}

/**
 * Read a sandbox token: `tok_sandbox_<brand>_<last4>_<mm>_<yyyy>` for a card,
 * `tok_sandbox_sepa_<last4>` for a bank account. `null` when it is not one.
 */
export function parseSandboxToken(token: string): SandboxCard | SandboxBankAccount | null {
  const sepa = /^tok_sandbox_sepa_([0-9]{4})$/.exec(token);
  if (sepa) {
    const last4 = sepa[1]!;
    return { type: 'bank_account', bankName: 'Sandbox Bank', last4, outcome: outcomeForLast4(last4) };
  }
  const card = /^tok_sandbox_([a-z]+)_([0-9]{4})_([0-9]{2})_([0-9]{4})$/.exec(token);
  if (!card) return null;
  const [, brandKey, last4, mm, yyyy] = card as unknown as [string, string, string, string, string];
  const brand = BRANDS[brandKey] ?? brandKey.charAt(0).toUpperCase() + brandKey.slice(1);
  const expMonth = Number(mm);
  const expYear = Number(yyyy);
  if (expMonth < 1 || expMonth > 12) return null;
  return { type: 'card', brand, last4, expMonth, expYear, outcome: outcomeForLast4(last4) };
}

/** Whether a card's expiry month has passed on `today`: the widget's own rule (`lib/card.ts`). */
export function isCardExpired(expMonth: number, expYear: number, today: Date): boolean {
  return cardExpired({ expMonth, expYear }, toIsoDate(today));
}

/** The failure a sandbox outcome produces, with the next step we suggest. */
export function failureFor(outcome: Exclude<SandboxOutcome, 'succeed'>): {
  reason: FailureReason;
  suggestedAction: SuggestedAction;
  message: string;
} {
  switch (outcome) {
    case 'card_expired':
      return {
        reason: 'card_expired',
        suggestedAction: 'update_payment_method',
        message: 'The card on file has expired. Add a current card and try again.',
      };
    case 'insufficient_funds':
      return {
        reason: 'insufficient_funds',
        suggestedAction: 'request_payment_plan',
        message: "The bank said there wasn't enough money available. A payment plan can spread the cost.",
      };
    case 'bank_declined':
      return {
        reason: 'bank_declined',
        suggestedAction: 'pay_with_other_method',
        message: 'The bank declined the payment without giving a reason. Another method may work.',
      };
  }
}
