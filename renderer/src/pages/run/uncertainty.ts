/**
 * The uncertainty view's numbers, from the first rows of a scored output read back with
 * `data.preview`: a histogram of `uncertainty.entropy` and the rows with the smallest margin
 * between the top two probabilities. Pure, so it is tested without a browser.
 */
export const ENTROPY = 'uncertainty.entropy';
export const MARGIN = 'uncertainty.margin';

type Cell = string | number | boolean | null;

function num(v: Cell | undefined): number | null {
  if (v === null || v === undefined || v === '' || typeof v === 'boolean') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Values of one column as numbers (rows without a number left out). */
export function columnValues(columns: readonly string[], rows: readonly Cell[][], name: string): number[] {
  const at = columns.indexOf(name);
  if (at < 0) return [];
  return rows.map((r) => num(r[at])).filter((v): v is number => v !== null);
}

/** Equal-width bins from 0 to the largest value (entropy is never negative); `bins` bars. */
export function histogram(values: readonly number[], bins = 20): { edges: number[]; counts: number[] } {
  const top = values.reduce((a, v) => Math.max(a, v), 0) || 1;
  const width = top / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const k = Math.min(bins - 1, Math.max(0, Math.floor(v / width)));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return { edges: Array.from({ length: bins + 1 }, (_, i) => i * width), counts };
}

/** The indices of the `n` rows with the smallest margin, smallest first (ties: file order). */
export function leastCertain(columns: readonly string[], rows: readonly Cell[][], n = 10): number[] {
  const at = columns.indexOf(MARGIN);
  if (at < 0) return [];
  return rows
    .map((r, i) => ({ i, m: num(r[at]) }))
    .filter((x): x is { i: number; m: number } => x.m !== null)
    .sort((a, b) => a.m - b.m || a.i - b.i)
    .slice(0, n)
    .map((x) => x.i);
}
