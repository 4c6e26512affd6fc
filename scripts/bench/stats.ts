/**
 * The arithmetic of `npm run bench`: medians, spreads and ratios to a floor measured in the
 * same run. A busy machine makes single loads meaningless; the median of interleaved runs and
 * the ratio to a floor that suffered the same noise are what the figures rest on.
 */

/** The middle value (the mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The value below which `p` (0..1) of the values fall, by linear interpolation. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** A measurement over several runs: its median, and how far the runs spread (quartiles). */
export interface Summary {
  median: number;
  p25: number;
  p75: number;
  max: number;
  runs: number;
}

/** The median and quartiles of the samples. */
export function summarize(samples: readonly number[]): Summary {
  return {
    median: median(samples),
    p25: quantile(samples, 0.25),
    p75: quantile(samples, 0.75),
    max: samples.length ? Math.max(...samples) : Number.NaN,
    runs: samples.length,
  };
}

/**
 * How many times the floor a measurement is: the median of the paired ratios (run i of the page
 * against run i of the floor), which cancels noise that hit both loads of a round alike.
 */
export function pairedRatio(samples: readonly number[], floor: readonly number[]): number {
  const pairs = Math.min(samples.length, floor.length);
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) if (floor[i]! > 0) ratios.push(samples[i]! / floor[i]!);
  return median(ratios);
}

/** `123 ms (p25–p75 110–140)`. */
export function formatMs(summary: Summary): string {
  return `${summary.median.toFixed(0)} ms (p25–p75 ${summary.p25.toFixed(0)}–${summary.p75.toFixed(0)}, n=${summary.runs})`;
}

/** Rotates `items` by `by` places, so interleaved rounds do not always load the same page first. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = ((by % items.length) + items.length) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
