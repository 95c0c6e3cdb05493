/**
 * `rank_mean` (binary): Σ w_i rank_i(P_i(positive)) / N over the whole scored file (DESIGN.md).
 * A rank needs every row, so this is a buffered final step: while chunks are scored, `add` keeps
 * only each member's positive-class scores (one Float64Array of N per member, grown by doubling);
 * `finish` ranks them (average ranks for ties, as scipy.stats.rankdata) and returns the N scores;
 * `rankMeanChunk` turns a slice of them into the usual prediction/proba result.
 * NaN scores are left out of a member's ranking (its N is the count of the others) and make that
 * row's result NaN — scipy's default would make the whole file NaN instead.
 */
import type { ClassificationResult } from './combiners-classification';
import { weightTotal } from './combiners-classification';

export class RankMeanCollector {
  private readonly scores: Float64Array[];
  private length = 0;

  /** @param weights one per member; members with weight 0 are not ranked. */
  constructor(private readonly weights: ArrayLike<number>) {
    this.scores = Array.from({ length: weights.length }, () => new Float64Array(1024));
  }

  get rowCount(): number {
    return this.length;
  }

  /** Appends a chunk: each member's N×2 probabilities in ensemble class order; keeps column 1. */
  add(probas: readonly Float64Array[], rowCount: number): void {
    this.reserve(this.length + rowCount);
    probas.forEach((p, i) => {
      const store = this.scores[i] as Float64Array;
      for (let r = 0; r < rowCount; r++) store[this.length + r] = p[r * 2 + 1] as number;
    });
    this.length += rowCount;
  }

  /** The combined score s ∈ (0, 1] per row of the file, in row order. */
  finish(): Float64Array {
    const n = this.length;
    const total = weightTotal(this.weights);
    const out = new Float64Array(n);
    this.scores.forEach((store, i) => {
      const w = (this.weights[i] as number) / total;
      if (w === 0) return;
      const { ranks, count } = averageRanks(store.subarray(0, n));
      for (let r = 0; r < n; r++) out[r] = (out[r] as number) + (w * (ranks[r] as number)) / count;
    });
    return out;
  }

  private reserve(capacity: number): void {
    const current = this.scores[0]?.length ?? 0;
    if (capacity <= current) return;
    let next = current;
    while (next < capacity) next *= 2;
    this.scores.forEach((store, i) => {
      const grown = new Float64Array(next);
      grown.set(store.subarray(0, this.length));
      this.scores[i] = grown;
    });
  }
}

/**
 * 1-based ranks with ties given their average rank (scipy.stats.rankdata(method='average')).
 * NaN values get rank NaN and are not counted.
 */
export function averageRanks(values: Float64Array): { ranks: Float64Array; count: number } {
  const n = values.length;
  const ranks = new Float64Array(n).fill(NaN);
  const order = new Uint32Array(n);
  let count = 0;
  for (let r = 0; r < n; r++) if (!Number.isNaN(values[r])) order[count++] = r;
  const valid = order.subarray(0, count);
  valid.sort((a, b) => (values[a] as number) - (values[b] as number));
  for (let start = 0; start < count;) {
    const value = values[valid[start] as number] as number;
    let end = start + 1;
    while (end < count && values[valid[end] as number] === value) end++;
    // Positions start..end-1 hold rank start+1..end; their average is (start + 1 + end) / 2.
    const rank = (start + 1 + end) / 2;
    for (let j = start; j < end; j++) ranks[valid[j] as number] = rank;
    start = end;
  }
  return { ranks, count };
}

/**
 * Rows [start, start+rowCount) of the combined scores as a result: proba = [1 − s, s] and the
 * prediction is its argmax with ties to the first class (s > 0.5 → the positive class).
 */
export function rankMeanChunk(scores: Float64Array, start: number, rowCount: number): ClassificationResult {
  const proba = new Float64Array(rowCount * 2);
  const prediction = new Int32Array(rowCount);
  for (let r = 0; r < rowCount; r++) {
    const s = scores[start + r] as number;
    proba[r * 2] = 1 - s;
    proba[r * 2 + 1] = s;
    prediction[r] = Number.isNaN(s) ? -1 : s > 1 - s ? 1 : 0;
  }
  return { prediction, proba };
}
