/**
 * Reliability curve as scikit-learn 1.2's `calibration_curve(y, p, n_bins, strategy='uniform')`,
 * plus the row count per bin (sklearn computes it but does not return it).
 */
export interface CalibrationCurve {
  /** Fraction of positives in each non-empty bin. */
  probTrue: number[];
  /** Mean predicted probability in each non-empty bin. */
  probPred: number[];
  /** Rows in each non-empty bin. */
  counts: number[];
  /** Index (0 … nBins-1) of each non-empty bin, so a plot can place empty bins. */
  bins: number[];
  nBins: number;
}

export function calibrationCurve(
  positive: Uint8Array,
  probabilities: Float64Array,
  nBins = 10,
): CalibrationCurve {
  // np.linspace(0, 1, nBins + 1): edge i is i * (1/nBins); only the inner edges are searched.
  const step = 1 / nBins;
  const inner = Array.from({ length: nBins - 1 }, (_, i) => (i + 1) * step);
  const sums = new Float64Array(nBins);
  const trues = new Float64Array(nBins);
  const totals = new Float64Array(nBins);
  for (let r = 0; r < probabilities.length; r++) {
    // Models compute in float32: a probability may land a rounding step outside [0, 1].
    const raw = probabilities[r]!;
    const p = raw > 1 && raw <= 1 + 1e-6 ? 1 : raw < 0 && raw >= -1e-6 ? 0 : raw;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`calibration curve: probability ${raw} is outside [0, 1]`);
    // np.searchsorted(side='left'): the number of inner edges strictly below p, so a value on an
    // edge falls into the lower bin.
    let bin = 0;
    while (bin < inner.length && inner[bin]! < p) bin++;
    sums[bin]! += p;
    trues[bin]! += positive[r]!;
    totals[bin]! += 1;
  }
  const curve: CalibrationCurve = { probTrue: [], probPred: [], counts: [], bins: [], nBins };
  for (let b = 0; b < nBins; b++) {
    if (totals[b] === 0) continue;
    curve.probTrue.push(trues[b]! / totals[b]!);
    curve.probPred.push(sums[b]! / totals[b]!);
    curve.counts.push(totals[b]!);
    curve.bins.push(b);
  }
  return curve;
}
