/** Two-sample Kolmogorov–Smirnov statistic. */

/**
 * sup over x of |F_ref(x) − F_cur(x)| for two ascending, NaN-free samples: the statistic of
 * `scipy.stats.ks_2samp`. Both empirical CDFs are evaluated after consuming every copy of a value,
 * so ties (between or within samples) are handled exactly, as scipy's searchsorted(side='right').
 * NaN when either sample is empty.
 */
export function ksStatistic(ref: Float64Array, cur: Float64Array): number {
  const n1 = ref.length;
  const n2 = cur.length;
  if (n1 === 0 || n2 === 0) return NaN;
  let i = 0;
  let j = 0;
  let sup = 0;
  while (i < n1 && j < n2) {
    const x = Math.min(ref[i] as number, cur[j] as number);
    while (i < n1 && (ref[i] as number) <= x) i++;
    while (j < n2 && (cur[j] as number) <= x) j++;
    // Same arithmetic as scipy (each CDF divided first, then subtracted) so equal inputs give equal bits.
    const d = Math.abs(i / n1 - j / n2);
    if (d > sup) sup = d;
  }
  // Once one sample is used up its CDF is 1 and the other's only rises towards 1: no larger gap follows.
  return sup;
}
