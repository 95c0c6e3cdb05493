/** Small numeric helpers shared by the combiners; each works on one row of a row-major matrix. */

/**
 * Index of the largest of `values[base .. base+count)`, ties to the first (as numpy's argmax);
 * -1 when any value is NaN, which the output writes as a missing prediction.
 */
export function argmaxRow(values: Float64Array, base: number, count: number): number {
  let best = -1;
  let bestValue = -Infinity;
  for (let k = 0; k < count; k++) {
    const v = values[base + k] as number;
    if (Number.isNaN(v)) return -1;
    if (best < 0 || v > bestValue) {
      best = k;
      bestValue = v;
    }
  }
  return best;
}

/** Median of the first `count` entries of `scratch` (sorted in place), as np.median: mean of the middle two. */
export function medianInPlace(scratch: Float64Array, count: number): number {
  const view = scratch.subarray(0, count);
  view.sort();
  const mid = count >> 1;
  return count % 2 === 1 ? (view[mid] as number) : ((view[mid - 1] as number) + (view[mid] as number)) / 2;
}

/** Divide a row by its sum; returns false (row untouched) when the sum is 0. */
export function renormaliseRow(values: Float64Array, base: number, count: number): boolean {
  let sum = 0;
  for (let k = 0; k < count; k++) sum += values[base + k] as number;
  if (sum === 0) return false;
  for (let k = 0; k < count; k++) values[base + k] = (values[base + k] as number) / sum;
  return true;
}
