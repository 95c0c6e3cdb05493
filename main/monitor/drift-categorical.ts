/** Drift of one text/categorical column between a reference sample and a current sample. */
import { psiFromCounts } from './psi';

/** A category value; null or undefined is "missing" and is counted apart, never as a category. */
export type CategoryValue = string | null | undefined;

export interface CategoricalDrift {
  /** PSI over the reference's categories plus one "other" bucket for categories the reference never had. */
  psi: number;
  /** Jensen–Shannon distance (natural log, so in [0, √ln 2]) over the union of categories. */
  jensenShannon: number;
  /** Share of the current's present rows whose category the reference never had (the "other" bucket). */
  unseenShare: number;
  reference: { rows: number; present: number; missingShare: number };
  current: { rows: number; present: number; missingShare: number };
  /** The union of categories: the reference's in code-point order, then the unseen ones in code-point order. */
  categories: string[];
  /** Counts per entry of `categories`, on each side. */
  referenceCounts: Uint32Array;
  currentCounts: Uint32Array;
}

/**
 * Compares a current categorical sample with a reference one. The empty string is a category like
 * any other (a reader that means "missing" passes null). When either side has no present values
 * the statistics are NaN.
 *
 * How unseen categories are treated differs between the two statistics, on purpose:
 * - PSI needs bins fixed by the reference (that is what makes it comparable across batches), so
 *   every category the reference never had goes into one "other" bucket, whose reference share is
 *   0 and therefore floored at 1e-4; a new category costs as much as any other bin that appears.
 * - Jensen–Shannon compares two distributions on one support. We use the union of categories, each
 *   unseen category its own entry, which is what scipy.spatial.distance.jensenshannon computes on
 *   count vectors laid out on the union; no floor is needed, since the mixture m = (p + q)/2 is
 *   positive wherever either side has mass. Lumping unseen categories into "other" would give the
 *   same value (up to rounding): where the reference has p = 0 a category contributes q·ln 2 / 2 to
 *   the divergence, which is linear in q, so splitting that mass any way changes nothing. The union
 *   is kept because it is the textbook definition and what scipy compares against.
 */
export function categoricalDrift(
  reference: readonly CategoryValue[],
  current: readonly CategoryValue[],
): CategoricalDrift {
  const refCounts = countCategories(reference);
  const curCounts = countCategories(current);
  const refPresent = total(refCounts);
  const curPresent = total(curCounts);

  // Code-point order (not localeCompare): deterministic, and the same order numpy's sort gives.
  const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const seen = [...refCounts.keys()].sort(byCodePoint);
  const unseen = [...curCounts.keys()].filter((c) => !refCounts.has(c)).sort(byCodePoint);
  const categories = [...seen, ...unseen];
  const referenceCounts = Uint32Array.from(categories, (c) => refCounts.get(c) ?? 0);
  const currentCounts = Uint32Array.from(categories, (c) => curCounts.get(c) ?? 0);

  // PSI bins: the reference's categories, then "other" = every unseen category together.
  const psiRef = new Uint32Array(seen.length + 1);
  psiRef.set(referenceCounts.subarray(0, seen.length));
  const psiCur = new Uint32Array(seen.length + 1);
  psiCur.set(currentCounts.subarray(0, seen.length));
  let other = 0;
  for (let k = seen.length; k < categories.length; k++) other += currentCounts[k] as number;
  psiCur[seen.length] = other;

  return {
    psi: psiFromCounts(psiRef, refPresent, psiCur, curPresent),
    jensenShannon: jensenShannonDistance(referenceCounts, currentCounts),
    unseenShare: curPresent === 0 ? NaN : other / curPresent,
    reference: side(reference.length, refPresent),
    current: side(current.length, curPresent),
    categories,
    referenceCounts,
    currentCounts,
  };
}

/**
 * Jensen–Shannon distance between two count vectors on the same support, natural log:
 * √((KL(p‖m) + KL(q‖m)) / 2) with m = (p + q)/2, as scipy.spatial.distance.jensenshannon(p, q, base=e).
 * Terms with p = 0 contribute 0. Rounding can leave the divergence a hair below 0 for nearly equal
 * inputs; that is clamped to 0 so the distance is never NaN. NaN when either vector sums to 0.
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const pTotal = total(p);
  const qTotal = total(q);
  if (pTotal === 0 || qTotal === 0) return NaN;
  let left = 0;
  let right = 0;
  for (let k = 0; k < p.length; k++) {
    const pk = (p[k] as number) / pTotal;
    const qk = (q[k] as number) / qTotal;
    const m = (pk + qk) / 2;
    if (pk > 0) left += pk * Math.log(pk / m);
    if (qk > 0) right += qk * Math.log(qk / m);
  }
  return Math.sqrt(Math.max(0, (left + right) / 2));
}

function countCategories(values: readonly CategoryValue[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null && v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function total(counts: Map<string, number> | ArrayLike<number>): number {
  let sum = 0;
  if (counts instanceof Map) for (const c of counts.values()) sum += c;
  else for (let k = 0; k < counts.length; k++) sum += counts[k] as number;
  return sum;
}

function side(rows: number, present: number): { rows: number; present: number; missingShare: number } {
  return { rows, present, missingShare: rows === 0 ? NaN : (rows - present) / rows };
}
