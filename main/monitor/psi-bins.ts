/** The reference-decile bins that numeric PSI is computed over. */
import { quantileSorted } from './quantile';

/** Edges and per-side counts of the PSI bins; counts[k] is the rows with exactly k edges below them. */
export interface PsiBins {
  /** The distinct reference deciles (10%…90%), ascending; up to 9, fewer when the reference has ties. */
  edges: Float64Array;
  reference: Uint32Array;
  current: Uint32Array;
}

/**
 * Edges are the unique values of the reference's 10%, 20%, …, 90% quantiles (numpy's linear
 * method); a value's bin is the number of edges strictly below it, so bin k is (e[k-1], e[k]] and a
 * value equal to an edge falls in the bin that edge closes. With a heavily tied reference the
 * duplicate deciles collapse, giving fewer, wider bins rather than empty zero-width ones.
 */
export function psiBins(ref: Float64Array, cur: Float64Array): PsiBins {
  const deciles: number[] = [];
  if (ref.length > 0) for (let k = 1; k <= 9; k++) deciles.push(quantileSorted(ref, k / 10));
  deciles.sort((a, b) => a - b);
  const unique = deciles.filter((v, k) => k === 0 || v !== deciles[k - 1]);
  const edges = Float64Array.from(unique);
  return { edges, reference: countBelow(edges, ref), current: countBelow(edges, cur) };
}

/** Bin counts for an ascending sample: one pass, since both the sample and the edges are sorted. */
function countBelow(edges: Float64Array, sorted: Float64Array): Uint32Array {
  const counts = new Uint32Array(edges.length + 1);
  let bin = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    while (bin < edges.length && (edges[bin] as number) < v) bin++;
    counts[bin] = (counts[bin] as number) + 1;
  }
  return counts;
}
