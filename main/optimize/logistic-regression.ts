/**
 * scikit-learn's `LogisticRegression()` with its defaults — L2 penalty, C = 1, an unpenalised
 * intercept — fitted to full precision. sklearn 1.2 (lbfgs) minimises
 *     Σ_i log_loss_i + ||W||² / (2C)
 * (a sum over rows, not a mean: the penalty does not shrink as rows are added), with
 *   - K = 2: one coefficient row w and P(second class) = sigmoid(x·w + b);
 *   - K ≥ 3: multinomial, one row per class and P = softmax(W x + b).
 * We minimise the same objective divided by N (same minimiser, better scaled) with Newton-CG to
 * a gradient of 1e-11, where sklearn stops at its `tol=1e-4`; so we match a sklearn fit made with
 * a tight tolerance to ~1e-8 and a default one to its own accuracy (~1e-4).
 */
import { minimizeNewtonCg, type SmoothProblem } from './newton-cg';

export interface LogisticFit {
  /** One row (K = 2) or K rows of F coefficients. */
  coef: number[][];
  /** One value (K = 2) or K values. */
  intercept: number[];
  iterations: number;
  /** Largest gradient component of the (per-row averaged) objective at the solution. */
  gradientMax: number;
  converged: boolean;
}

export interface LogisticOptions {
  /** Inverse regularisation strength, as sklearn's C. */
  C?: number;
  tolerance?: number;
  maxIterations?: number;
}

/**
 * Fits on `features` (N×F row-major) and class indices `labels` (0 … K-1), K ≥ 2.
 */
export function fitLogisticRegression(
  features: Float64Array,
  width: number,
  labels: Int32Array,
  k: number,
  options: LogisticOptions = {},
): LogisticFit {
  const rows = labels.length;
  if (features.length !== rows * width) throw new RangeError('features and labels disagree on the row count');
  const C = options.C ?? 1;
  const problem =
    k === 2 ? binaryProblem(features, width, labels, C) : multinomialProblem(features, width, labels, k, C);
  const result = minimizeNewtonCg(problem, new Float64Array(problem.dimension), {
    tolerance: options.tolerance ?? 1e-11,
    maxIterations: options.maxIterations ?? 200,
  });
  const x = result.x;
  const outputs = k === 2 ? 1 : k;
  const coef = Array.from({ length: outputs }, (_, c) => Array.from(x.subarray(c * width, (c + 1) * width)));
  const intercept = Array.from(x.subarray(outputs * width));
  if (k > 2) {
    // Softmax is unchanged by adding a constant to every intercept and the intercept is not
    // penalised, so the objective is flat along that line; sklearn starts from zero and its
    // gradients never move along it, which leaves intercepts summing to 0. Pin the same point.
    const shift = intercept.reduce((a, b) => a + b, 0) / k;
    for (let c = 0; c < k; c++) intercept[c]! -= shift;
  }
  return {
    coef,
    intercept,
    iterations: result.iterations,
    gradientMax: result.gradientMax,
    converged: result.converged,
  };
}

/** Parameters: [w_0 … w_{F-1}, b]. */
function binaryProblem(X: Float64Array, F: number, y: Int32Array, C: number): SmoothProblem {
  const N = y.length;
  const weights = new Float64Array(N); // σ(z)(1-σ(z)) at the Hessian point
  const linear = (x: Float64Array, r: number) => {
    let z = x[F]!;
    for (let j = 0; j < F; j++) z += X[r * F + j]! * x[j]!;
    return z;
  };
  return {
    dimension: F + 1,
    valueAndGradient(x, g) {
      g.fill(0);
      let loss = 0;
      for (let r = 0; r < N; r++) {
        const z = linear(x, r);
        // log(1 + e^z) - y z, computed without overflow
        loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (y[r] === 1 ? z : 0);
        const residual = sigmoid(z) - (y[r] === 1 ? 1 : 0);
        for (let j = 0; j < F; j++) g[j]! += residual * X[r * F + j]!;
        g[F]! += residual;
      }
      let penalty = 0;
      for (let j = 0; j < F; j++) {
        penalty += x[j]! * x[j]!;
        g[j]! += x[j]! / C;
      }
      for (let j = 0; j <= F; j++) g[j]! /= N;
      return (loss + penalty / (2 * C)) / N;
    },
    prepareHessian(x) {
      for (let r = 0; r < N; r++) {
        const p = sigmoid(linear(x, r));
        weights[r] = p * (1 - p);
      }
    },
    hessianTimes(v, out) {
      out.fill(0);
      for (let r = 0; r < N; r++) {
        const s = weights[r]! * linear(v, r);
        for (let j = 0; j < F; j++) out[j]! += s * X[r * F + j]!;
        out[F]! += s;
      }
      for (let j = 0; j < F; j++) out[j]! += v[j]! / C;
      for (let j = 0; j <= F; j++) out[j]! /= N;
    },
  };
}

/** Parameters: W (K×F, row-major), then b (K). */
function multinomialProblem(X: Float64Array, F: number, y: Int32Array, K: number, C: number): SmoothProblem {
  const N = y.length;
  const probabilities = new Float64Array(N * K); // softmax at the Hessian point
  const z = new Float64Array(K);
  const u = new Float64Array(K);
  const scores = (x: Float64Array, r: number, out: Float64Array) => {
    for (let c = 0; c < K; c++) {
      let s = x[K * F + c]!;
      for (let j = 0; j < F; j++) s += X[r * F + j]! * x[c * F + j]!;
      out[c] = s;
    }
  };
  const softmaxInPlace = (v: Float64Array): number => {
    let max = -Infinity;
    for (let c = 0; c < K; c++) max = Math.max(max, v[c]!);
    let sum = 0;
    for (let c = 0; c < K; c++) sum += Math.exp(v[c]! - max);
    const lse = max + Math.log(sum);
    for (let c = 0; c < K; c++) v[c] = Math.exp(v[c]! - lse);
    return lse;
  };
  return {
    dimension: K * (F + 1),
    valueAndGradient(x, g) {
      g.fill(0);
      let loss = 0;
      for (let r = 0; r < N; r++) {
        scores(x, r, z);
        const zy = z[y[r]!]!;
        loss += softmaxInPlace(z) - zy; // z now holds the probabilities
        for (let c = 0; c < K; c++) {
          const residual = z[c]! - (y[r] === c ? 1 : 0);
          for (let j = 0; j < F; j++) g[c * F + j]! += residual * X[r * F + j]!;
          g[K * F + c]! += residual;
        }
      }
      let penalty = 0;
      for (let i = 0; i < K * F; i++) {
        penalty += x[i]! * x[i]!;
        g[i]! += x[i]! / C;
      }
      for (let i = 0; i < g.length; i++) g[i]! /= N;
      return (loss + penalty / (2 * C)) / N;
    },
    prepareHessian(x) {
      for (let r = 0; r < N; r++) {
        scores(x, r, z);
        softmaxInPlace(z);
        probabilities.set(z, r * K);
      }
    },
    hessianTimes(v, out) {
      out.fill(0);
      for (let r = 0; r < N; r++) {
        scores(v, r, u); // u_c = V_c·x + c_c
        let mean = 0;
        for (let c = 0; c < K; c++) mean += probabilities[r * K + c]! * u[c]!;
        for (let c = 0; c < K; c++) {
          const s = probabilities[r * K + c]! * (u[c]! - mean);
          for (let j = 0; j < F; j++) out[c * F + j]! += s * X[r * F + j]!;
          out[K * F + c]! += s;
        }
      }
      for (let i = 0; i < K * F; i++) out[i]! += v[i]! / C;
      for (let i = 0; i < out.length; i++) out[i]! /= N;
    },
  };
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Probabilities from a fitted model, as sklearn's `predict_proba`: K = 2 → [1 - σ(z), σ(z)] with
 * z = x·w + b; K ≥ 3 → softmax(W x + b) (max subtracted first).
 */
export function logisticProbabilities(
  coef: readonly (readonly number[])[],
  intercept: readonly number[],
  features: Float64Array,
  width: number,
): Float64Array {
  const rows = features.length / width;
  const binary = coef.length === 1;
  const k = binary ? 2 : coef.length;
  const out = new Float64Array(rows * k);
  const z = new Float64Array(coef.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < coef.length; c++) {
      const w = coef[c]!;
      let s = 0;
      for (let j = 0; j < width; j++) s += features[r * width + j]! * w[j]!;
      z[c] = s + intercept[c]!;
    }
    if (binary) {
      // scipy's expit, then sklearn's vstack([1 - p, p])
      const p = 1 / (1 + Math.exp(-z[0]!));
      out[r * 2] = 1 - p;
      out[r * 2 + 1] = p;
      continue;
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, z[c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(z[c]! - max);
      out[r * k + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) out[r * k + c]! /= sum;
  }
  return out;
}
