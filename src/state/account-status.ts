import type { AccountSummary, FailureReason, Money } from '../contract/index.ts';

/**
 * What the overview's banner says, with every date taken from the fact it describes: the payment
 * in flight, the plan's next instalment, the moved due date, the oldest overdue invoice, the next
 * due date, or the next charge. Never a nearby field: a banner that states a date in the past, or
 * blames a card for an empty account, is where "I thought I already paid" begins.
 */
export type Standing =
  | { kind: 'good'; next?: { amount: Money; date: string } }
  | { kind: 'processing'; amount: Money; since: string }
  | { kind: 'payment_failed'; amount: Money; reason: FailureReason }
  | { kind: 'instalments'; balance: Money; next: { amount: Money; date: string } }
  | { kind: 'extension'; amount: Money; date: string }
  | { kind: 'on_plan'; balance: Money }
  | { kind: 'past_due'; amount: Money; since: string }
  | { kind: 'payment_due'; amount: Money; date: string }
  | { kind: 'owed'; amount: Money };

/** The account's standing, derived from the facts the account summary carries. */
export function standingOf(account: AccountSummary): Standing {
  const invoices = account.outstandingInvoices;
  const earliest = <T>(items: readonly T[], date: (item: T) => string) =>
    [...items].sort((a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0))[0];

  // A payment on its way comes first: the customer has acted, and must see that it is in hand.
  const inFlight = invoices.filter((i) => i.status === 'processing' && i.pendingPayment);
  if (inFlight.length > 0) {
    const first = earliest(inFlight, (i) => i.pendingPayment!.createdAt)!;
    const amount = inFlight.reduce((sum, i) => sum + i.pendingPayment!.amount.amount, 0);
    return { kind: 'processing', amount: { amount, currency: first.pendingPayment!.amount.currency }, since: first.pendingPayment!.createdAt };
  }

  switch (account.status) {
    case 'payment_failed':
      // The payment's own amount: with two bills open, the balance is not what failed.
      return { kind: 'payment_failed', amount: account.lastFailedAmount ?? account.balance, reason: account.lastFailureReason ?? 'other' };
    case 'on_plan': {
      const planned = invoices.filter((i) => i.status === 'on_plan' && i.plan);
      const extensions = planned.filter((i) => i.plan!.kind === 'extension');
      const instalments = planned.filter((i) => i.plan!.kind === 'instalments');
      const next = earliest(instalments, (i) => i.plan!.nextDueDate);
      if (next) return { kind: 'instalments', balance: account.balance, next: { amount: next.plan!.nextAmount, date: next.plan!.nextDueDate } };
      const moved = earliest(extensions, (i) => i.plan!.nextDueDate);
      if (moved) return { kind: 'extension', amount: moved.amountDue, date: moved.plan!.nextDueDate };
      return { kind: 'on_plan', balance: account.balance };
    }
    case 'past_due': {
      const oldest = earliest(invoices.filter((i) => i.status === 'past_due'), (i) => i.dueDate);
      return oldest ? { kind: 'past_due', amount: account.balance, since: oldest.dueDate } : { kind: 'owed', amount: account.balance };
    }
    case 'payment_due': {
      const next = earliest(invoices.filter((i) => i.status === 'open'), (i) => i.dueDate);
      return next ? { kind: 'payment_due', amount: account.balance, date: next.dueDate } : { kind: 'owed', amount: account.balance };
    }
    case 'good':
      return account.nextCharge ? { kind: 'good', next: { amount: account.nextCharge.amount, date: account.nextCharge.date } } : { kind: 'good' };
  }
}
