/**
 * Ensemble selection (Caruana et al., 2004) — forward selection with replacement — exactly as
 * auto-sklearn's `EnsembleSelection` does it (its non-"fast" `_slow` variant): each of `size`
 * rounds tries every member, averages it with the members chosen so far, and keeps the one whose
 * average has the lowest loss; ties go to the lowest member index (np.nanargmin). A member's
 * weight is the number of times it was chosen divided by `size`.
 */
import { StudioError } from '../../contract/errors';
import { logLoss } from '../evaluate/classification-metrics';
import { pairwiseSum } from '../evaluate/numeric';
import { rmse } from '../evaluate/regression-metrics';
import type { TrajectoryPlot } from '../../contract/evaluation-types';
import { checkHoldout } from './holdout';

export const DEFAULT_ENSEMBLE_SIZE = 50;

export interface GreedyInput {
  task: 'classification' | 'regression';
  /** Class labels (classification). */
  classes?: readonly string[];
  /** Class index per row (classification) or the targets (regression). */
  labels: Int32Array | Float64Array;
  /** Per member: N×K probabilities row-major (classification) or N predictions (regression). */
  members: readonly Float64Array[];
  /** Rounds; default 50. */
  size?: number;
}

export interface GreedyRound {
  /** 1-based round number. */
  round: number;
  /** Index of the member added in this round. */
  member: number;
  /** Loss of the running average after adding it. */
  loss: number;
}

export interface GreedyResult {
  metric: 'log_loss' | 'rmse';
  /** Per member: times chosen / size (sum 1). */
  weights: number[];
  /** Per member: times chosen. */
  counts: number[];
  trajectory: GreedyRound[];
}

export function greedySelection(input: GreedyInput): GreedyResult {
  const size = input.size ?? DEFAULT_ENSEMBLE_SIZE;
  if (!Number.isInteger(size) || size < 1)
    throw new StudioError('bad_input', `ensemble size must be a positive integer, got ${size}`);
  const m = input.members.length;
  if (m === 0) throw new StudioError('bad_input', 'greedy selection needs at least one member');
  const classification = input.task === 'classification';
  if (classification && (input.classes?.length ?? 0) < 2) {
    throw new StudioError(
      'bad_input',
      'greedy selection of a classification ensemble needs its classes (two or more)',
    );
  }
  checkHoldout({
    method: 'greedy selection',
    labels: input.labels,
    ...(classification ? { classes: input.classes ?? [] } : {}),
  });

  const width = input.members[0]!.length;
  for (const p of input.members) {
    if (p.length !== width)
      throw new StudioError('internal', 'greedy selection: members have different shapes');
  }
  const k = classification ? (input.classes?.length ?? 0) : 1;
  const loss = classification
    ? (p: Float64Array) => logLoss(input.labels as Int32Array, p, k)
    : (p: Float64Array) => rmse(input.labels as Float64Array, p);

  // `sum` accumulates the chosen members in the order chosen, as np.mean(np.array(ensemble),
  // axis=0) adds them; the candidate is added last and the total divided by the count.
  const sum = new Float64Array(width);
  const candidate = new Float64Array(width);
  const counts = new Array<number>(m).fill(0);
  const trajectory: GreedyRound[] = [];
  for (let round = 0; round < size; round++) {
    const divisor = round + 1;
    let best = -1;
    let bestLoss = Infinity;
    for (let j = 0; j < m; j++) {
      const p = input.members[j]!;
      for (let i = 0; i < width; i++) candidate[i] = (sum[i]! + p[i]!) / divisor;
      const l = loss(candidate);
      // Strictly lower wins, so ties keep the lowest index; NaN losses are skipped (nanargmin).
      if (l < bestLoss || (best === -1 && !Number.isNaN(l))) {
        best = j;
        bestLoss = l;
      }
    }
    if (best === -1)
      throw new StudioError('bad_input', 'greedy selection: every candidate loss is undefined (NaN)');
    const chosen = input.members[best]!;
    for (let i = 0; i < width; i++) sum[i]! += chosen[i]!;
    counts[best]!++;
    trajectory.push({ round: round + 1, member: best, loss: bestLoss });
    // auto-sklearn stops after one round when there is a single model.
    if (m === 1) break;
  }
  // auto-sklearn's _calculate_weights: count / size, renormalised when np.sum of them is below 1
  // — after a single-model early stop, but also when rounding makes the sum 0.999…, so the sum is
  // taken in NumPy's order to renormalise in exactly the same cases.
  let weights = counts.map((c) => c / size);
  const total = pairwiseSum(weights);
  if (total < 1) weights = weights.map((w) => w / total);
  return { metric: classification ? 'log_loss' : 'rmse', weights, counts, trajectory };
}

/** The trajectory as the evaluation result's plot data, with member names instead of indices. */
export function trajectoryPlot(result: GreedyResult, names: readonly string[]): TrajectoryPlot {
  return {
    metric: result.metric,
    steps: result.trajectory.map((s) => ({
      round: s.round,
      member: names[s.member] ?? String(s.member),
      loss: s.loss,
    })),
    weights: Object.fromEntries(names.map((name, i) => [name, result.weights[i] ?? 0])),
  };
}
