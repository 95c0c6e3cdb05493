/** Regression metrics as scikit-learn 1.2 / NumPy define them. */
import { mean, pairwiseSum, percentile } from './numeric';

/** The residual quantiles reported, in percent. */
export const RESIDUAL_QUANTILES = [5, 25, 50, 75, 95] as const;

/** `mean_squared_error(squared=False)`. */
export function rmse(truth: Float64Array, predictions: Float64Array): number {
  return Math.sqrt(mean(map(truth, predictions, (t, p) => (t - p) * (t - p))));
}

/** `mean_absolute_error`. */
export function mae(truth: Float64Array, predictions: Float64Array): number {
  return mean(map(truth, predictions, (t, p) => Math.abs(t - p)));
}

/**
 * `r2_score` (force_finite=True): 1 - SS_res/SS_tot; a constant truth gives 1 when predicted
 * exactly and 0 otherwise, as sklearn does instead of ±inf/NaN.
 */
export function r2(truth: Float64Array, predictions: Float64Array): number {
  const numerator = pairwiseSum(map(truth, predictions, (t, p) => (t - p) * (t - p)));
  const average = mean(truth);
  const denominator = pairwiseSum(truth.map((t) => (t - average) * (t - average)));
  if (denominator === 0) return numerator === 0 ? 1 : 0;
  return 1 - numerator / denominator;
}

/** Residuals are truth − prediction (positive: the model under-predicts). */
export function residuals(truth: Float64Array, predictions: Float64Array): Float64Array {
  return map(truth, predictions, (t, p) => t - p);
}

/** `np.percentile(truth - prediction, [5, 25, 50, 75, 95])`, linear interpolation. */
export function residualQuantiles(truth: Float64Array, predictions: Float64Array): number[] {
  const sorted = residuals(truth, predictions).sort();
  return RESIDUAL_QUANTILES.map((q) => percentile(sorted, q));
}

export interface RegressionMetrics {
  rmse: number;
  mae: number;
  r2: number;
  residual_q05: number;
  residual_q25: number;
  residual_q50: number;
  residual_q75: number;
  residual_q95: number;
}

export function regressionMetrics(truth: Float64Array, predictions: Float64Array): RegressionMetrics {
  const [q05, q25, q50, q75, q95] = residualQuantiles(truth, predictions) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return {
    rmse: rmse(truth, predictions),
    mae: mae(truth, predictions),
    r2: r2(truth, predictions),
    residual_q05: q05,
    residual_q25: q25,
    residual_q50: q50,
    residual_q75: q75,
    residual_q95: q95,
  };
}

function map(a: Float64Array, b: Float64Array, f: (x: number, y: number) => number): Float64Array {
  if (a.length !== b.length)
    throw new RangeError(`length mismatch: ${a.length} truths, ${b.length} predictions`);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = f(a[i]!, b[i]!);
  return out;
}
