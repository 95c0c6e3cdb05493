/**
 * Isotonic regression as scikit-learn 1.2's `IsotonicRegression(increasing=True,
 * out_of_bounds='clip')` with unit sample weights: the fitted points are `X_thresholds_` and
 * `y_thresholds_`, and prediction interpolates linearly between them (np.interp), clipped outside.
 */
export interface IsotonicMap {
  /** Increasing scores (sklearn's `X_thresholds_`). */
  x: number[];
  /** Non-decreasing calibrated values at those scores (`y_thresholds_`). */
  y: number[];
}

// sklearn's `_make_unique` merges scores closer than np.finfo(float64).resolution to the first
// score of their group, so near-duplicates from float rounding pool as ties.
const TIE_RESOLUTION = 1e-15;

/** Sorted (x, y), ties averaged: sklearn's lexsort((y, x)) followed by `_make_unique`. */
function uniqueSorted(f: ArrayLike<number>, y: ArrayLike<number>): { x: number[]; y: number[]; w: number[] } {
  const order = Array.from({ length: f.length }, (_, i) => i);
  order.sort((i, j) => f[i]! - f[j]! || y[i]! - y[j]!);
  const out = { x: [] as number[], y: [] as number[], w: [] as number[] };
  let currentX = f[order[0]!]!;
  let sumY = 0;
  let weight = 0;
  for (const i of order) {
    if (f[i]! - currentX >= TIE_RESOLUTION) {
      out.x.push(currentX);
      out.y.push(sumY / weight);
      out.w.push(weight);
      currentX = f[i]!;
      sumY = 0;
      weight = 0;
    }
    sumY += y[i]!;
    weight += 1;
  }
  out.x.push(currentX);
  out.y.push(sumY / weight);
  out.w.push(weight);
  return out;
}

/**
 * Pool adjacent violators in place, as sklearn's `_inplace_contiguous_isotonic_regression`: the
 * same block bookkeeping and order of sums, so the pooled values (and the points kept after) match
 * it to the last bit.
 */
function poolAdjacentViolators(y: number[], w: number[]): void {
  const n = y.length;
  // For an active block [i..j]: target[i] = j and target[j] = i.
  const target = Int32Array.from({ length: n }, (_, i) => i);
  let i = 0;
  while (i < n) {
    let k = target[i]! + 1;
    if (k === n) break;
    if (y[i]! < y[k]!) {
      i = k;
      continue;
    }
    let sumWy = w[i]! * y[i]!;
    let sumW = w[i]!;
    for (;;) {
      const prevY = y[k]!;
      sumWy += w[k]! * y[k]!;
      sumW += w[k]!;
      k = target[k]! + 1;
      if (k === n || prevY < y[k]!) {
        y[i] = sumWy / sumW;
        w[i] = sumW;
        target[i] = k - 1;
        target[k - 1] = i;
        // Step back one block: the merged block may now violate the one before it.
        if (i > 0) i = target[i - 1]!;
        break;
      }
    }
  }
  for (i = 0; i < n;) {
    const k = target[i]! + 1;
    for (let j = i + 1; j < k; j++) y[j] = y[i]!;
    i = k;
  }
}

/** Fits the increasing map from scores `f` to targets `y` (0/1 labels for calibration). */
export function fitIsotonic(f: ArrayLike<number>, y: ArrayLike<number>): IsotonicMap {
  if (f.length === 0) throw new RangeError('isotonic regression: no rows to fit');
  if (y.length !== f.length) throw new RangeError('isotonic regression: scores and labels differ in length');
  for (let i = 0; i < f.length; i++) {
    if (!Number.isFinite(f[i]!))
      throw new RangeError(`isotonic regression: score ${f[i]} at row ${i} is not finite`);
  }
  const u = uniqueSorted(f, y);
  poolAdjacentViolators(u.y, u.w);
  // Drop inner points whose value equals both neighbours': they change no interpolated value.
  const map: IsotonicMap = { x: [], y: [] };
  const n = u.y.length;
  for (let i = 0; i < n; i++) {
    const inner = i > 0 && i < n - 1;
    if (inner && u.y[i] === u.y[i - 1] && u.y[i] === u.y[i + 1]) continue;
    map.x.push(u.x[i]!);
    map.y.push(u.y[i]!);
  }
  return map;
}

/** The calibrated value of one score: np.interp over the map, clipped to its ends; NaN stays NaN. */
export function applyIsotonic(map: IsotonicMap, f: number): number {
  const { x, y } = map;
  const last = x.length - 1;
  if (Number.isNaN(f)) return NaN;
  if (f <= x[0]!) return y[0]!;
  if (f >= x[last]!) return y[last]!;
  // Binary search for j with x[j] <= f < x[j + 1].
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= f) lo = mid;
    else hi = mid;
  }
  if (x[lo] === f) return y[lo]!;
  const slope = (y[lo + 1]! - y[lo]!) / (x[lo + 1]! - x[lo]!);
  return slope * (f - x[lo]!) + y[lo]!;
}
