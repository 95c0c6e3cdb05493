/** Quantiles exactly as numpy's default `np.quantile(x, q)` (method 'linear', Hyndman & Fan 7). */

/**
 * The q-quantile of an ascending, NaN-free sample, bit for bit as numpy computes it: virtual index
 * (n-1)·q, then numpy's `_lerp`, which interpolates from the nearer end (b − d·(1−t) when t ≥ 0.5)
 * so that quantile edges match numpy to the last bit. That matters because PSI bins compare data
 * values against the edges with a strict `<`. Returns NaN for an empty sample.
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const virtual = (n - 1) * q;
  if (virtual >= n - 1) return sorted[n - 1] as number;
  if (virtual <= 0) return sorted[0] as number;
  const below = Math.floor(virtual);
  const t = virtual - below;
  const a = sorted[below] as number;
  const b = sorted[below + 1] as number;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
