/**
 * Regression combiners (DESIGN.md "Combiners (exact)"): `mean` is Σ w_i y_i / Σ w_i summed in
 * member order, as scikit-learn's VotingRegressor (np.average) computes it; `median` is the
 * unweighted median of the members with a non-zero weight. NaN in a taking-part member gives NaN.
 */
import { weightTotal } from './combiners-classification';
import { medianInPlace } from './row-math';

export interface RegressionInput {
  values: readonly Float64Array[];
  weights: ArrayLike<number>;
  rowCount: number;
}

export function meanRegression({ values, weights, rowCount }: RegressionInput): Float64Array {
  const out = new Float64Array(rowCount);
  for (let i = 0; i < values.length; i++) {
    const w = weights[i] as number;
    if (w === 0) continue;
    const y = values[i] as Float64Array;
    for (let r = 0; r < rowCount; r++) out[r] = (out[r] as number) + w * (y[r] as number);
  }
  const total = weightTotal(weights);
  for (let r = 0; r < rowCount; r++) out[r] = (out[r] as number) / total;
  return out;
}

export function medianRegression({ values, weights, rowCount }: RegressionInput): Float64Array {
  const members = values.filter((_, i) => (weights[i] as number) !== 0);
  const scratch = new Float64Array(members.length);
  const out = new Float64Array(rowCount);
  for (let r = 0; r < rowCount; r++) {
    let missing = false;
    for (let i = 0; i < members.length; i++) {
      const y = (members[i] as Float64Array)[r] as number;
      if (Number.isNaN(y)) missing = true;
      scratch[i] = y;
    }
    out[r] = missing ? NaN : medianInPlace(scratch, members.length);
  }
  return out;
}

/** Ridge meta-model: intercept + Σ coef_i y_i (scikit-learn's Ridge.predict). */
export function ridgeStacking(
  values: readonly Float64Array[],
  coef: readonly number[],
  intercept: number,
  rowCount: number,
): Float64Array {
  const out = new Float64Array(rowCount).fill(intercept);
  values.forEach((y, i) => {
    const c = coef[i] as number;
    for (let r = 0; r < rowCount; r++) out[r] = (out[r] as number) + c * (y[r] as number);
  });
  return out;
}
