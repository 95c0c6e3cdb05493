/**
 * ROC curve and area, following scikit-learn 1.2's `roc_curve(drop_intermediate=True)` and
 * `roc_auc_score` step by step, so that ties in scores and the trapezoid sum give the same bits.
 */
import { pairwiseSum } from './numeric';

export interface RocCurve {
  /** False-positive rate per threshold, starting at 0. */
  fpr: number[];
  /** True-positive rate per threshold, starting at 0. */
  tpr: number[];
  /**
   * Decreasing score thresholds. The first one is `max score + 1` as in sklearn 1.2 (sklearn ≥ 1.3
   * uses +Infinity there, which JSON cannot hold).
   */
  thresholds: number[];
}

/**
 * `_binary_clf_curve`: cumulative false/true positives at each distinct score, scores descending.
 * Only the counts at the end of each run of equal scores are kept, so the order inside a tie does
 * not matter; that lets us sort the positives' and negatives' scores separately with the native
 * numeric sort and merge them, instead of sorting row indices with a comparator (≈10× faster).
 */
function binaryClfCurve(positive: Uint8Array, scores: Float64Array) {
  let positives = 0;
  for (let i = 0; i < positive.length; i++) positives += positive[i]!;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(scores.length - positives);
  let pi = 0;
  let ni = 0;
  for (let i = 0; i < scores.length; i++) {
    if (positive[i]) pos[pi++] = scores[i]!;
    else neg[ni++] = scores[i]!;
  }
  pos.sort();
  neg.sort();
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  // Walk both ascending arrays from their top ends, one distinct score at a time.
  let p = pos.length - 1;
  let q = neg.length - 1;
  let tp = 0;
  let fp = 0;
  while (p >= 0 || q >= 0) {
    const threshold = Math.max(p >= 0 ? pos[p]! : -Infinity, q >= 0 ? neg[q]! : -Infinity);
    while (p >= 0 && pos[p] === threshold) {
      tp++;
      p--;
    }
    while (q >= 0 && neg[q] === threshold) {
      fp++;
      q--;
    }
    tps.push(tp);
    fps.push(fp);
    thresholds.push(threshold);
  }
  return { fps, tps, thresholds };
}

/** ROC curve of `scores` for the rows where `positive` is 1. */
export function rocCurve(positive: Uint8Array, scores: Float64Array): RocCurve {
  let { fps, tps, thresholds } = binaryClfCurve(positive, scores);
  if (fps.length > 2) {
    // Drop points collinear with their neighbours: keep where the second difference of fps or
    // tps is non-zero (a corner), plus both ends.
    const keep: number[] = [0];
    for (let i = 1; i < fps.length - 1; i++) {
      const d2f = fps[i + 1]! - 2 * fps[i]! + fps[i - 1]!;
      const d2t = tps[i + 1]! - 2 * tps[i]! + tps[i - 1]!;
      if (d2f !== 0 || d2t !== 0) keep.push(i);
    }
    keep.push(fps.length - 1);
    fps = keep.map((i) => fps[i]!);
    tps = keep.map((i) => tps[i]!);
    thresholds = keep.map((i) => thresholds[i]!);
  }
  const totalNeg = fps[fps.length - 1] ?? 0;
  const totalPos = tps[tps.length - 1] ?? 0;
  // With no negatives (or positives) sklearn warns and returns NaN rates.
  const fpr = [0, ...fps].map((v) => (totalNeg > 0 ? v / totalNeg : NaN));
  const tpr = [0, ...tps].map((v) => (totalPos > 0 ? v / totalPos : NaN));
  return { fpr, tpr, thresholds: [(thresholds[0] ?? 0) + 1, ...thresholds] };
}

/** `sklearn.metrics.auc` (np.trapz) over a curve whose x never decreases. */
export function trapezoid(x: readonly number[], y: readonly number[]): number {
  const terms = new Float64Array(Math.max(0, x.length - 1));
  for (let i = 0; i < terms.length; i++) terms[i] = ((x[i + 1]! - x[i]!) * (y[i + 1]! + y[i]!)) / 2;
  return pairwiseSum(terms);
}

/** Indicator of `labels === classIndex`. */
export function oneVsRest(labels: Int32Array, classIndex: number): Uint8Array {
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = labels[i] === classIndex ? 1 : 0;
  return out;
}
