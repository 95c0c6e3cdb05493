/** Label-free performance estimates from the ensemble's own probabilities. */
import { rowCount } from './matrix-shape';

/**
 * Mean over rows of the ensemble's probability of its predicted class (its largest probability):
 * the accuracy the ensemble expects of itself. It equals the true accuracy only if the ensemble is
 * calibrated, so read it as a trend against the same number on the reference data, not as a
 * measurement. Rows with any NaN probability have no prediction and are left out; NaN when no row is left.
 */
export function estimatedAccuracy(proba: Float64Array, classCount: number): number {
  const rows = rowCount(proba.length, classCount, 'ensemble probabilities');
  let sum = 0;
  let compensation = 0; // Neumaier: a million rows of ~0.9 stay within an ulp of numpy's pairwise sum
  let used = 0;
  for (let r = 0; r < rows; r++) {
    let top = -Infinity;
    let missing = false;
    for (let k = r * classCount; k < (r + 1) * classCount; k++) {
      const p = proba[k] as number;
      if (Number.isNaN(p)) missing = true;
      else if (p > top) top = p;
    }
    if (missing) continue;
    const t = sum + top;
    compensation += Math.abs(sum) >= Math.abs(top) ? sum - t + top : top - t + sum;
    sum = t;
    used++;
  }
  return used === 0 ? NaN : (sum + compensation) / used;
}
