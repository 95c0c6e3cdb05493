/**
 * How differently the members behave: Pearson correlation of their scores and the rate at which
 * their predicted classes disagree. High correlation / low disagreement means little to gain
 * from combining them.
 */
import { column, mean } from './numeric';

export interface PairwiseMatrix {
  names: string[];
  /** Square, symmetric, row/column i = names[i]. null where undefined (a constant score). */
  matrix: (number | null)[][];
}

/**
 * The score compared between members: binary → P(second class); multiclass → all probabilities
 * flattened row-major; regression → the predictions themselves.
 */
export function diversityScores(scores: Float64Array, k: number | null): Float64Array {
  return k === 2 ? column(scores, 2, 1) : scores;
}

/**
 * `np.corrcoef` over the members' scores: covariance divided by both standard deviations, clipped
 * to [-1, 1]. A member with constant scores has no defined correlation (NumPy gives NaN): null.
 */
export function correlationMatrix(names: string[], scores: Float64Array[]): PairwiseMatrix {
  const centred = scores.map((s) => {
    const m = mean(s);
    return s.map((v) => v - m);
  });
  const m = scores.length;
  const cov: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const a = centred[i]!;
      const b = centred[j]!;
      let dot = 0;
      for (let r = 0; r < a.length; r++) dot += a[r]! * b[r]!;
      cov[i]![j] = cov[j]![i] = dot; // the 1/(n-1) factor cancels in the ratio
    }
  }
  const sd = cov.map((row, i) => Math.sqrt(row[i]!));
  const matrix = cov.map((row, i) =>
    row.map((c, j) => {
      const r = c / sd[i]! / sd[j]!;
      return Number.isFinite(r) ? Math.min(1, Math.max(-1, r)) : null;
    }),
  );
  return { names, matrix };
}

/** Fraction of rows on which two members predict different classes. */
export function disagreementMatrix(names: string[], predictions: Int32Array[]): PairwiseMatrix {
  const matrix = predictions.map((a) =>
    predictions.map((b) => {
      let differ = 0;
      for (let r = 0; r < a.length; r++) if (a[r] !== b[r]) differ++;
      return differ / a.length;
    }),
  );
  return { names, matrix };
}
