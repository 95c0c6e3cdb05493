/** 1-Wasserstein (earth mover's) distance between two empirical distributions. */

/**
 * ∫ |F_ref(x) − F_cur(x)| dx for two ascending, NaN-free samples: `scipy.stats.wasserstein_distance`
 * without weights. Walks the merged sample; between consecutive merged values both CDFs are constant,
 * so each gap contributes |ΔCDF|·width. In the units of the column. NaN when either sample is empty
 * (and, as in scipy, NaN or Infinity when a sample holds ±Infinity).
 */
export function wassersteinDistance(ref: Float64Array, cur: Float64Array): number {
  const n1 = ref.length;
  const n2 = cur.length;
  if (n1 === 0 || n2 === 0) return NaN;
  let i = 0;
  let j = 0;
  let sum = 0;
  let compensation = 0; // Neumaier: thousands of small terms, kept within a few ulps of scipy's dot product
  let x = Math.min(ref[0] as number, cur[0] as number);
  while (i < n1 || j < n2) {
    while (i < n1 && (ref[i] as number) <= x) i++;
    while (j < n2 && (cur[j] as number) <= x) j++;
    if (i === n1 && j === n2) break;
    const next = Math.min(i < n1 ? (ref[i] as number) : Infinity, j < n2 ? (cur[j] as number) : Infinity);
    const term = Math.abs(i / n1 - j / n2) * (next - x);
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
    x = next;
  }
  return sum + compensation;
}
