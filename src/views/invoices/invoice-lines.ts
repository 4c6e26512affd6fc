import type { InvoiceLine, LineKind, Money } from '../../contract/index.ts';

/** The kinds shown as groups of charges, in the order a customer reads a bill. Taxes come apart. */
export const LINE_GROUP_ORDER = ['subscription', 'usage', 'one_time', 'fee', 'discount', 'credit'] as const satisfies readonly LineKind[];

/** A kind of charge other than tax. */
export type ChargeKind = (typeof LINE_GROUP_ORDER)[number];

/** The lines of one kind and what they add up to. */
export interface LineGroup {
  kind: ChargeKind;
  lines: InvoiceLine[];
  /** The sum of the group's amounts (all lines of an invoice share its currency). */
  total: Money;
}

/** An invoice's lines split for display: charge groups in reading order, and the tax lines. */
export interface GroupedLines {
  groups: LineGroup[];
  taxes: InvoiceLine[];
}

/**
 * Groups an invoice's lines by kind (subscription, usage, one-time, fees, discounts, credits),
 * keeping the backend's order within a group, and sets the tax lines apart. Empty groups are
 * left out.
 */
export function groupLines(lines: readonly InvoiceLine[]): GroupedLines {
  const byKind = new Map<LineKind, InvoiceLine[]>();
  for (const line of lines) {
    let bucket = byKind.get(line.kind);
    if (!bucket) byKind.set(line.kind, (bucket = []));
    bucket.push(line);
  }
  const groups: LineGroup[] = [];
  for (const kind of LINE_GROUP_ORDER) {
    const groupLines = byKind.get(kind);
    if (!groupLines?.length) continue;
    const currency = groupLines[0]!.amount.currency;
    groups.push({ kind, lines: groupLines, total: { amount: groupLines.reduce((sum, l) => sum + l.amount.amount, 0), currency } });
  }
  return { groups, taxes: byKind.get('tax') ?? [] };
}

/** How many lines of a group show at first; long groups (metered usage) reveal more on request. */
export const INITIAL_LINES = 50;

/** How many more lines each "Show more" reveals. */
export const MORE_LINES = 100;
