/** Shared-edge histograms of reference and current, for drawing small drift charts. */
import { StudioError } from '../../contract/errors';

/** Counts of both sides on the same edges; `edges` has one more entry than each counts array. */
export interface SharedHistogram {
  edges: Float64Array;
  reference: Uint32Array;
  current: Uint32Array;
}

/**
 * `bins` equal-width bins spanning the finite values of both sides, as
 * `np.histogram(x, bins=np.histogram_bin_edges(np.concatenate([ref, cur]), bins))`: bins are
 * [e_k, e_k+1) with the last one closed, and a constant column gets the range [v − 0.5, v + 0.5].
 * Infinite values cannot sit on a finite axis and are left out. Empty edges when nothing is finite.
 * For display only: the drift statistics never depend on these bins.
 */
export function sharedHistogram(ref: Float64Array, cur: Float64Array, bins = 10): SharedHistogram {
  if (!Number.isInteger(bins) || bins < 1)
    throw new StudioError('bad_input', `histogram bins must be a positive integer, got ${bins}`);
  let lo = Infinity;
  let hi = -Infinity;
  for (const side of [ref, cur]) {
    for (let i = 0; i < side.length; i++) {
      const v = side[i] as number;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi)
    return { edges: new Float64Array(0), reference: new Uint32Array(0), current: new Uint32Array(0) };
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const edges = linspace(lo, hi, bins + 1);
  return { edges, reference: countIn(edges, ref), current: countIn(edges, cur) };
}

/** `np.linspace(start, stop, num)` to the bit: i·step + start, with the last point set to stop. */
function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) out[i] = (step === 0 ? (i / div) * delta : i * step) + start;
  out[num - 1] = stop;
  return out;
}

/** Finite values into [e_k, e_k+1) bins, the last closed; by comparison with the edges, as numpy settles it. */
function countIn(edges: Float64Array, values: Float64Array): Uint32Array {
  const bins = edges.length - 1;
  const counts = new Uint32Array(bins);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    // Number of edges ≤ v, minus one: the bin whose left edge is the last one not above v.
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((edges[mid] as number) <= v) lo = mid + 1;
      else hi = mid;
    }
    const bin = Math.min(lo - 1, bins - 1);
    counts[bin] = (counts[bin] as number) + 1;
  }
  return counts;
}
