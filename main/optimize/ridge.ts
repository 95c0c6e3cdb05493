/**
 * scikit-learn's `Ridge(alpha=1.0)` with an intercept: centre X and y, solve
 * (XcᵀXc + αI) w = Xcᵀyc by Cholesky (sklearn's 'auto' solver picks Cholesky for dense data),
 * intercept = ȳ − x̄·w. The intercept is not penalised.
 */
import { StudioError } from '../../contract/errors';

export interface RidgeFit {
  coef: number[];
  intercept: number;
}

export function fitRidge(features: Float64Array, width: number, targets: Float64Array, alpha = 1): RidgeFit {
  const n = targets.length;
  const F = width;
  const xMean = new Float64Array(F);
  for (let r = 0; r < n; r++) for (let j = 0; j < F; j++) xMean[j]! += features[r * F + j]!;
  for (let j = 0; j < F; j++) xMean[j]! /= n;
  let yMean = 0;
  for (let r = 0; r < n; r++) yMean += targets[r]!;
  yMean /= n;

  const A = new Float64Array(F * F);
  const b = new Float64Array(F);
  for (let r = 0; r < n; r++) {
    const yc = targets[r]! - yMean;
    for (let i = 0; i < F; i++) {
      const xi = features[r * F + i]! - xMean[i]!;
      b[i]! += xi * yc;
      for (let j = 0; j <= i; j++) A[i * F + j]! += xi * (features[r * F + j]! - xMean[j]!);
    }
  }
  for (let i = 0; i < F; i++) {
    for (let j = 0; j < i; j++) A[j * F + i] = A[i * F + j]!;
    A[i * F + i]! += alpha;
  }
  const coef = choleskySolve(A, b, F);
  let intercept = yMean;
  for (let j = 0; j < F; j++) intercept -= xMean[j]! * coef[j]!;
  return { coef: Array.from(coef), intercept };
}

/** Solves A x = b for symmetric positive definite A (n×n row-major). */
function choleskySolve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      if (i === j) {
        if (!(s > 0))
          throw new StudioError('internal', 'ridge: the normal equations are not positive definite');
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / L[j * n + j]!;
      }
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * n + k]! * z[k]!;
    z[i] = s / L[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * x[k]!;
    x[i] = s / L[i * n + i]!;
  }
  return x;
}

/** Ridge predictions: x·coef + intercept per row. */
export function ridgePredictions(
  coef: readonly number[],
  intercept: number,
  features: Float64Array,
): Float64Array {
  const F = coef.length;
  const rows = features.length / F;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < F; j++) s += features[r * F + j]! * coef[j]!;
    out[r] = s + intercept;
  }
  return out;
}
