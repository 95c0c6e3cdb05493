/**
 * Row-wise classification combiners, exactly as DESIGN.md "Combiners (exact)" defines them.
 * Inputs: each member's N×K probabilities in ensemble class order and the members' weights
 * (any positive scale; members with weight 0 take no part). Sums run in member order with the
 * weights as given and are divided by their total last, the way scikit-learn's VotingClassifier
 * (np.average, np.bincount) computes them, so exact ties resolve the same way.
 * A row where a taking-part member has a NaN score comes out NaN with prediction -1 (missing).
 */
import { argmaxRow, medianInPlace, renormaliseRow } from './row-math';

export interface ClassificationResult {
  /** Ensemble class index per row; -1 = missing (NaN scores). */
  prediction: Int32Array;
  /** N×K, row-major, ensemble class order. */
  proba: Float64Array;
}

export interface ClassificationInput {
  probas: readonly Float64Array[];
  weights: ArrayLike<number>;
  rowCount: number;
  classCount: number;
}

/** P = Σ w_i P_i / Σ w_i; prediction = argmax, ties to the first class. */
export function softVote({
  probas,
  weights,
  rowCount,
  classCount,
}: ClassificationInput): ClassificationResult {
  const proba = new Float64Array(rowCount * classCount);
  const total = addWeighted(proba, probas, weights);
  for (let i = 0; i < proba.length; i++) proba[i] = (proba[i] as number) / total;
  return { prediction: argmaxRows(proba, rowCount, classCount), proba };
}

/** Each member votes its argmax (ties first); weighted vote totals; proba = weighted vote shares. */
export function hardVote({
  probas,
  weights,
  rowCount,
  classCount,
}: ClassificationInput): ClassificationResult {
  const proba = new Float64Array(rowCount * classCount);
  const prediction = new Int32Array(rowCount);
  const total = weightTotal(weights);
  for (let r = 0; r < rowCount; r++) {
    const base = r * classCount;
    let missing = false;
    for (let i = 0; i < probas.length; i++) {
      const w = weights[i] as number;
      if (w === 0) continue;
      const vote = argmaxRow(probas[i] as Float64Array, base, classCount);
      if (vote < 0) {
        missing = true;
        break;
      }
      proba[base + vote] = (proba[base + vote] as number) + w;
    }
    if (missing) {
      proba.fill(NaN, base, base + classCount);
      prediction[r] = -1;
      continue;
    }
    // Argmax of the raw totals (as np.bincount(..., weights).argmax()) before turning them into shares.
    prediction[r] = argmaxRow(proba, base, classCount);
    for (let k = 0; k < classCount; k++) proba[base + k] = (proba[base + k] as number) / total;
  }
  return { prediction, proba };
}

/**
 * P ∝ Π P_i^{w_i} (weights normalised), computed as exp(Σ w_i ln P_i − max) for range.
 * Zero-safe: a class to which any taking-part member gives 0 gets 0. When that leaves every class
 * at 0 (the members' supports do not intersect) the row falls back to the soft vote, which is
 * the arithmetic counterpart and never all-zero.
 */
export function geometricMean(input: ClassificationInput): ClassificationResult {
  const { probas, weights, rowCount, classCount } = input;
  const total = weightTotal(weights);
  const proba = new Float64Array(rowCount * classCount);
  let fallback: ClassificationResult | null = null;
  for (let r = 0; r < rowCount; r++) {
    const base = r * classCount;
    let max = -Infinity;
    let missing = false;
    for (let k = 0; k < classCount; k++) {
      let s = 0;
      for (let i = 0; i < probas.length; i++) {
        const w = weights[i] as number;
        if (w !== 0) s += (w / total) * Math.log((probas[i] as Float64Array)[base + k] as number);
      }
      proba[base + k] = s;
      if (Number.isNaN(s)) missing = true;
      else if (s > max) max = s;
    }
    if (missing) {
      proba.fill(NaN, base, base + classCount);
    } else if (max === -Infinity) {
      fallback ??= softVote(input);
      proba.set(fallback.proba.subarray(base, base + classCount), base);
    } else {
      for (let k = 0; k < classCount; k++) proba[base + k] = Math.exp((proba[base + k] as number) - max);
      renormaliseRow(proba, base, classCount);
    }
  }
  return { prediction: argmaxRows(proba, rowCount, classCount), proba };
}

/**
 * Per class, the unweighted median of the taking-part members' P_i (np.median: mean of the middle
 * two for an even count), renormalised. If every median is 0 the row falls back to the soft vote.
 */
export function medianVote(input: ClassificationInput): ClassificationResult {
  const { probas, weights, rowCount, classCount } = input;
  const members = probas.filter((_, i) => (weights[i] as number) !== 0);
  const scratch = new Float64Array(members.length);
  const proba = new Float64Array(rowCount * classCount);
  let fallback: ClassificationResult | null = null;
  for (let r = 0; r < rowCount; r++) {
    const base = r * classCount;
    let missing = false;
    for (let k = 0; k < classCount && !missing; k++) {
      for (let i = 0; i < members.length; i++) {
        const p = (members[i] as Float64Array)[base + k] as number;
        if (Number.isNaN(p)) missing = true;
        scratch[i] = p;
      }
      proba[base + k] = medianInPlace(scratch, members.length);
    }
    if (missing) {
      proba.fill(NaN, base, base + classCount);
    } else if (!renormaliseRow(proba, base, classCount)) {
      fallback ??= softVote(input);
      proba.set(fallback.proba.subarray(base, base + classCount), base);
    }
  }
  return { prediction: argmaxRows(proba, rowCount, classCount), proba };
}

export function argmaxRows(proba: Float64Array, rowCount: number, classCount: number): Int32Array {
  const prediction = new Int32Array(rowCount);
  for (let r = 0; r < rowCount; r++) prediction[r] = argmaxRow(proba, r * classCount, classCount);
  return prediction;
}

/** out += w_i · P_i in member order (members with weight 0 skipped); returns Σ w_i. */
function addWeighted(out: Float64Array, parts: readonly Float64Array[], weights: ArrayLike<number>): number {
  for (let i = 0; i < parts.length; i++) {
    const w = weights[i] as number;
    if (w === 0) continue;
    const part = parts[i] as Float64Array;
    for (let j = 0; j < out.length; j++) out[j] = (out[j] as number) + w * (part[j] as number);
  }
  return weightTotal(weights);
}

export function weightTotal(weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i] as number;
  return total;
}
