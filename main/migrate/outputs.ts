/**
 * One representation's outputs on the sample, and how they compare with the reference: the
 * largest difference, the agreement, and (with labels) the main metric.
 *
 * - Agreement, classification: the share of rows whose predicted label is the reference's.
 * - Agreement, regression: the share of rows whose value is within 1e-4 of the reference's,
 *   relative for values above 1 in size (|Δ| ≤ 1e-4 · max(1, |reference|)).
 * - Metric, classification: log loss (sklearn's log_loss), which moves with every probability,
 *   where accuracy would hide all but flipped labels. Regression: RMSE. Both lower is better, so
 *   the change (candidate − reference) is positive when the candidate is worse.
 */
import { logLoss } from '../evaluate/classification-metrics';
import { rmse } from '../evaluate/regression-metrics';

export interface Outputs {
  /** N×K probabilities (classification) or N values (regression), row-major. */
  values: ArrayLike<number>;
  /** Predicted label per row in string form; null for regression. */
  labels: readonly string[] | null;
}

export const REGRESSION_TOLERANCE = 1e-4;

export interface Comparison {
  maxDiff: number;
  agreement: number;
}

export function compareWithReference(reference: Outputs, candidate: Outputs): Comparison {
  if (reference.values.length !== candidate.values.length)
    throw new Error(
      `migration: ${candidate.values.length} values from the candidate, ${reference.values.length} from the reference`,
    );
  let maxDiff = 0;
  let within = 0;
  for (let i = 0; i < reference.values.length; i++) {
    const a = reference.values[i]!;
    const b = candidate.values[i]!;
    // Both missing counts as equal; one missing is an infinite difference.
    const diff = Number.isNaN(a) && Number.isNaN(b) ? 0 : Number.isNaN(a - b) ? Infinity : Math.abs(a - b);
    if (diff > maxDiff) maxDiff = diff;
    if (diff <= REGRESSION_TOLERANCE * Math.max(1, Math.abs(a))) within++;
  }
  if (reference.labels === null || candidate.labels === null) {
    const rows = reference.values.length;
    return { maxDiff, agreement: rows === 0 ? 1 : within / rows };
  }
  let same = 0;
  reference.labels.forEach((label, r) => {
    if (label === candidate.labels![r]) same++;
  });
  const rows = reference.labels.length;
  return { maxDiff, agreement: rows === 0 ? 1 : same / rows };
}

/** The main metric's name for a task. */
export function metricName(task: 'classification' | 'regression'): string {
  return task === 'classification' ? 'log_loss' : 'rmse';
}

export function metricValue(
  task: 'classification' | 'regression',
  outputs: Outputs,
  truth: Int32Array | Float64Array,
  classCount: number,
): number {
  const values = Float64Array.from(outputs.values);
  return task === 'classification'
    ? logLoss(truth as Int32Array, values, classCount)
    : rmse(truth as Float64Array, values);
}
