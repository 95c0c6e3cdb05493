/** Per-row uncertainty columns for an ensemble's predictions, computed from typed arrays in one pass. */
import { argmaxRow } from '../ensemble/row-math';
import { StudioError } from '../../contract/errors';
import { rowCount } from './matrix-shape';

/** One member's classification output, aligned to the ensemble's class columns. */
export interface MemberClassOutput {
  /** Row-major N×C probabilities, columns in the ensemble's class order. */
  proba: Float64Array;
  /** The member's own predicted class per row, as an ensemble column index; -1 for no prediction. */
  predicted: Int32Array;
  /** The member's weight in the ensemble; any non-negative scale (normalised here). */
  weight: number;
}

/** One column per measure, each of length N; row r of every column describes the same scored row. */
export interface ClassificationUncertainty {
  /** The ensemble's predicted class: argmax of its probabilities, first on ties (np.argmax); -1 for a NaN row. */
  predicted: Int32Array;
  /** −Σ p ln p over the ensemble's probabilities (0·ln 0 = 0), in nats: 0 certain, ln C uniform. */
  entropy: Float64Array;
  /** Top probability minus the second (0 on a tie for first). */
  margin: Float64Array;
  /** Population std (ddof 0, unweighted) across members of each member's probability of the ensemble's class. */
  memberStd: Float64Array;
  /** Weighted share (weights summing to 1) of members whose own class differs from the ensemble's. */
  disagreement: Float64Array;
}

/**
 * Uncertainty of each row of a classification ensemble. Rows whose ensemble probabilities contain
 * NaN have no prediction: predicted −1 and NaN in every column. A member with no prediction (−1)
 * on a row counts as disagreeing there. With no members, memberStd and disagreement are NaN.
 *
 * memberStd is deliberately unweighted: it describes how far apart the models are, whatever the
 * ensemble's weighting; disagreement is weighted because it answers "how much of the ensemble's
 * vote went elsewhere".
 */
export function classificationUncertainty(
  proba: Float64Array,
  classCount: number,
  members: readonly MemberClassOutput[],
): ClassificationUncertainty {
  const rows = rowCount(proba.length, classCount, 'ensemble probabilities');
  members.forEach((m, i) => {
    if (m.proba.length !== proba.length || m.predicted.length !== rows) {
      throw new StudioError(
        'bad_input',
        `member ${i + 1}'s output does not have ${rows} rows of ${classCount} classes`,
      );
    }
  });
  const weights = normalisedWeights(members.map((m) => m.weight));

  const predicted = new Int32Array(rows);
  const entropy = new Float64Array(rows);
  const margin = new Float64Array(rows);
  const memberStd = new Float64Array(rows);
  const disagreement = new Float64Array(rows);
  const count = members.length;
  for (let r = 0; r < rows; r++) {
    const base = r * classCount;
    const c = argmaxRow(proba, base, classCount);
    predicted[r] = c;
    if (c < 0) {
      entropy[r] = margin[r] = memberStd[r] = disagreement[r] = NaN;
      continue;
    }
    let h = 0;
    let top = -Infinity;
    let second = -Infinity;
    for (let k = 0; k < classCount; k++) {
      const p = proba[base + k] as number;
      if (p > 0) h -= p * Math.log(p);
      if (p > top) {
        second = top;
        top = p;
      } else if (p > second) second = p;
    }
    entropy[r] = h;
    // One class only: there is no runner-up, so the margin is the probability itself.
    margin[r] = top - (classCount > 1 ? second : 0);
    if (count === 0) {
      memberStd[r] = disagreement[r] = NaN;
      continue;
    }
    // Two passes, as np.std: mean first, then mean squared deviation (more accurate than E[x²] − E[x]²).
    let sum = 0;
    for (const m of members) sum += m.proba[base + c] as number;
    const mean = sum / count;
    let squares = 0;
    for (const m of members) {
      const d = (m.proba[base + c] as number) - mean;
      squares += d * d;
    }
    memberStd[r] = Math.sqrt(squares / count);
    let against = 0;
    for (let i = 0; i < count; i++)
      if ((members[i] as MemberClassOutput).predicted[r] !== c) against += weights[i] as number;
    disagreement[r] = against;
  }
  return { predicted, entropy, margin, memberStd, disagreement };
}

/**
 * Per-row population std (ddof 0) of the members' regression predictions: the only uncertainty a
 * regression ensemble has without prediction intervals. NaN where any member's prediction is NaN;
 * all NaN with no members.
 */
export function regressionMemberStd(memberPredictions: readonly Float64Array[], rows: number): Float64Array {
  memberPredictions.forEach((p, i) => {
    if (p.length !== rows)
      throw new StudioError('bad_input', `member ${i + 1} has ${p.length} predictions, expected ${rows}`);
  });
  const count = memberPredictions.length;
  const std = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (const p of memberPredictions) sum += p[r] as number;
    const mean = sum / count;
    let squares = 0;
    for (const p of memberPredictions) {
      const d = (p[r] as number) - mean;
      squares += d * d;
    }
    std[r] = count === 0 ? NaN : Math.sqrt(squares / count);
  }
  return std;
}

/** Weights scaled to sum to 1; refuses negative, non-finite or all-zero weights (no members is fine). */
function normalisedWeights(weights: readonly number[]): Float64Array {
  let sum = 0;
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0)
      throw new StudioError('bad_input', `member weights must be finite and ≥ 0, got ${w}`);
    sum += w;
  }
  if (weights.length > 0 && sum === 0) throw new StudioError('bad_input', 'member weights are all 0');
  return Float64Array.from(weights, (w) => w / sum);
}
