/**
 * Classification stacking: applies a fitted logistic-regression meta-model the way scikit-learn's
 * StackingClassifier(final_estimator=LogisticRegression(), stack_method='predict_proba') does.
 * Meta-features, member after member: binary → P(second class); multiclass → all K columns.
 * Binary: one coefficient row, P(second) = sigmoid(z) (sklearn's predict_proba for 2 classes);
 * multiclass: softmax over one row per class. Prediction: argmax of z (ties to the first class),
 * as LogisticRegression.predict (binary: z > 0 → second class).
 */
import type { ClassificationResult } from './combiners-classification';
import { sigmoid } from './normalise';
import { argmaxRow } from './row-math';

export interface LogisticMeta {
  coef: readonly (readonly number[])[];
  intercept: readonly number[];
}

export function logisticStacking(
  probas: readonly Float64Array[],
  meta: LogisticMeta,
  rowCount: number,
  classCount: number,
): ClassificationResult {
  const binary = classCount === 2;
  const perMember = binary ? 1 : classCount;
  const first = binary ? 1 : 0; // binary drops the first class's column
  const rows = meta.coef.length;
  const z = new Float64Array(rows);
  const proba = new Float64Array(rowCount * classCount);
  const prediction = new Int32Array(rowCount);
  for (let r = 0; r < rowCount; r++) {
    const base = r * classCount;
    for (let c = 0; c < rows; c++) {
      const coef = meta.coef[c] as readonly number[];
      let s = meta.intercept[c] as number;
      for (let i = 0; i < probas.length; i++) {
        const p = probas[i] as Float64Array;
        for (let k = 0; k < perMember; k++)
          s += (coef[i * perMember + k] as number) * (p[base + first + k] as number);
      }
      z[c] = s;
    }
    if (binary) {
      const z0 = z[0] as number;
      const p1 = sigmoid(z0);
      proba[base] = 1 - p1;
      proba[base + 1] = p1;
      prediction[r] = Number.isNaN(z0) ? -1 : z0 > 0 ? 1 : 0;
    } else {
      prediction[r] = argmaxRow(z, 0, rows);
      softmaxInto(z, proba, base, rows);
    }
  }
  return { prediction, proba };
}

function softmaxInto(z: Float64Array, out: Float64Array, base: number, count: number): void {
  let max = -Infinity;
  for (let k = 0; k < count; k++) max = Math.max(max, z[k] as number);
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const e = Math.exp((z[k] as number) - max);
    out[base + k] = e;
    sum += e;
  }
  for (let k = 0; k < count; k++) out[base + k] = (out[base + k] as number) / sum;
}
