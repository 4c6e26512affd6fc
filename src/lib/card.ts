/**
 * Card expiry, the same rule for the widget and the server kit: a card works through the last
 * day of its expiry month, so it fails any charge in a later month.
 */

/** A card's expiry as the contract carries it. */
export interface CardExpiry {
  expMonth: number;
  expYear: number;
}

/** Whether a card stops working before `date` (`YYYY-MM-DD`). */
export function expiresBefore(card: CardExpiry, date: string): boolean {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return card.expYear < year || (card.expYear === year && card.expMonth < month);
}

/** Whether a card's expiry month has passed on `today` (`YYYY-MM-DD`). */
export function isCardExpired(card: CardExpiry, today: string): boolean {
  return expiresBefore(card, today);
}
