/**
 * Small numeric kernels shared by the metrics. Where scikit-learn's result depends on how NumPy
 * orders floating-point operations, these follow NumPy so that results agree to the last bits
 * rather than merely to 1e-12.
 */

/** NumPy's block size for pairwise summation (numpy/core/src/umath/loops_utils.h.src). */
const PAIRWISE_BLOCK = 128;

/**
 * Sum of `values[start .. start+count)` in the order NumPy's `np.sum` adds a contiguous float64
 * array: pairwise, with eight interleaved partial sums inside each block. Plain left-to-right
 * summation would differ from sklearn by a few ulps per thousand rows.
 */
export function pairwiseSum(values: ArrayLike<number>, start = 0, count = values.length - start): number {
  if (count < 8) {
    let sum = -0; // NumPy starts from -0.0 so that an all-(-0) array sums to -0.
    for (let i = 0; i < count; i++) sum += values[start + i]!;
    return sum;
  }
  if (count <= PAIRWISE_BLOCK) {
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let j = 0; j < 8; j++) r[j] = values[start + j]!;
    let i = 8;
    for (; i < count - (count % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j]! += values[start + i + j]!;
    }
    let sum = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < count; i++) sum += values[start + i]!;
    return sum;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, count - half);
}

/** `np.mean` of a contiguous 1-D float64 array. */
export function mean(values: ArrayLike<number>): number {
  return pairwiseSum(values) / values.length;
}

/** `np.percentile(sorted, q)` with the default 'linear' method (q in percent; `sorted` ascending). */
export function percentile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  // NumPy 1.22+ (_quantile): virtual index = n*q + (alpha + q*(1 - alpha - beta)) - 1 with
  // alpha = beta = 1, written the same way so the interpolation weight has the same bits.
  const quantile = q / 100;
  const virtualIndex = n * quantile + (1 + quantile * (1 - 1 - 1)) - 1;
  const previous = Math.floor(virtualIndex);
  const gamma = virtualIndex - previous;
  const lo = Math.min(Math.max(previous, 0), n - 1);
  const hi = Math.min(Math.max(previous + 1, 0), n - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  // NumPy's _lerp: a + (b - a)*t, computed from the upper end when t >= 0.5.
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/** Row-wise argmax of an N×K row-major matrix; ties go to the first column (as np.argmax). */
export function argmaxRows(probabilities: Float64Array, k: number): Int32Array {
  const n = probabilities.length / k;
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    let best = 0;
    let bestValue = probabilities[r * k]!;
    for (let c = 1; c < k; c++) {
      const v = probabilities[r * k + c]!;
      // `>` keeps the first maximum; NaN never wins (NumPy would pick it, but members never emit NaN here).
      if (v > bestValue) {
        best = c;
        bestValue = v;
      }
    }
    out[r] = best;
  }
  return out;
}

/** Column `c` of an N×K row-major matrix. */
export function column(matrix: Float64Array, k: number, c: number): Float64Array {
  const n = matrix.length / k;
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) out[r] = matrix[r * k + c]!;
  return out;
}
