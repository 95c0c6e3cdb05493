/**
 * Platt scaling as scikit-learn 1.2's `_sigmoid_calibration` (`CalibratedClassifierCV(method=
 * 'sigmoid')`): p = 1 / (1 + exp(a·f + b)), fitted by minimising the log loss against Platt's
 * smoothed targets. The problem is strictly convex, so rather than copy sklearn's BFGS (which stops
 * at a gradient norm of 1e-5) we solve it with Newton's method to a gradient norm of 1e-10: the
 * answer is the unique optimum, and sklearn's lies within its own tolerance of it.
 */
export interface PlattParameters {
  a: number;
  b: number;
}

const GRADIENT_TOLERANCE = 1e-10;
const MAX_ITERATIONS = 100;
// Lin, Lin & Weng (2007): a tiny ridge keeps the Hessian invertible when every score is equal.
const RIDGE = 1e-12;

/** log(1 + exp(z)) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

interface State {
  loss: number;
  /** Gradient of the loss with respect to (a, b). */
  ga: number;
  gb: number;
  /** Hessian entries: d²/da², d²/da db, d²/db². */
  haa: number;
  hab: number;
  hbb: number;
}

function evaluate(f: ArrayLike<number>, t: Float64Array, a: number, b: number): State {
  const s: State = { loss: 0, ga: 0, gb: 0, haa: 0, hab: 0, hbb: 0 };
  for (let i = 0; i < f.length; i++) {
    const fi = f[i]!;
    const z = a * fi + b;
    // -(t·log p + (1-t)·log(1-p)) with p = 1/(1+e^z): log p = -softplus(z), log(1-p) = -softplus(-z).
    s.loss += t[i]! * softplus(z) + (1 - t[i]!) * softplus(-z);
    const p = 1 / (1 + Math.exp(z));
    const r = t[i]! - p; // d loss / dz
    s.ga += r * fi;
    s.gb += r;
    const w = p * (1 - p);
    s.haa += w * fi * fi;
    s.hab += w * fi;
    s.hbb += w;
  }
  return s;
}

function gradientNorm(s: State): number {
  return Math.hypot(s.ga, s.gb);
}

/**
 * Fits Platt's map to scores `f` and binary targets `positive` (1 for the positive class).
 * Throws on an empty or non-finite input.
 */
export function fitPlatt(f: ArrayLike<number>, positive: ArrayLike<number>): PlattParameters {
  const n = f.length;
  if (n === 0) throw new RangeError('Platt scaling: no rows to fit');
  if (positive.length !== n) throw new RangeError('Platt scaling: scores and labels differ in length');
  let nPos = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(f[i]!))
      throw new RangeError(`Platt scaling: score ${f[i]} at row ${i} is not finite`);
    if (positive[i]! > 0) nPos++;
  }
  const nNeg = n - nPos;
  // Platt's targets: the Bayesian prior keeps a and b finite even when the classes separate.
  const hi = (nPos + 1) / (nPos + 2);
  const lo = 1 / (nNeg + 2);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = positive[i]! > 0 ? hi : lo;

  let a = 0;
  let b = Math.log((nNeg + 1) / (nPos + 1));
  let s = evaluate(f, t, a, b);
  for (let it = 0; it < MAX_ITERATIONS && gradientNorm(s) > GRADIENT_TOLERANCE; it++) {
    const haa = s.haa + RIDGE;
    const hbb = s.hbb + RIDGE;
    const det = haa * hbb - s.hab * s.hab;
    const da = -(hbb * s.ga - s.hab * s.gb) / det;
    const db = -(-s.hab * s.ga + haa * s.gb) / det;
    const slope = s.ga * da + s.gb * db; // < 0: the Hessian is positive definite
    let step = 1;
    let next: State | null = null;
    while (step > 1e-10) {
      const trial = evaluate(f, t, a + step * da, b + step * db);
      if (trial.loss <= s.loss + 1e-4 * step * slope) {
        next = trial;
        break;
      }
      // Near the optimum the loss changes by less than its own rounding, so the Armijo test says
      // nothing: take the step if it shrinks the gradient.
      const unresolvable = Math.abs(step * slope) < 1e-13 * (1 + Math.abs(s.loss));
      if (unresolvable && gradientNorm(trial) < gradientNorm(s)) {
        next = trial;
        break;
      }
      step /= 2;
    }
    if (next === null) break; // no progress possible in floating point: this is the optimum
    a += step * da;
    b += step * db;
    s = next;
  }
  return { a, b };
}

/** Calibrated probability of one score, as sklearn's `expit(-(a·f + b))`. */
export function applyPlatt(params: PlattParameters, f: number): number {
  return 1 / (1 + Math.exp(params.a * f + params.b));
}
