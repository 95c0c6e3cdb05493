/**
 * Truncated Newton (Newton-CG) for small smooth convex problems: each step solves H d = -g with
 * conjugate gradients using Hessian-vector products only, then backtracks along d. Quadratic
 * convergence lets it reach gradients near rounding level, which L-BFGS with sklearn's default
 * tolerance does not; that is what makes the fit reproducible to 1e-6 in the probabilities.
 */

export interface SmoothProblem {
  dimension: number;
  /** Objective value and its gradient (written into `gradient`). */
  valueAndGradient(x: Float64Array, gradient: Float64Array): number;
  /** Hessian at the point last passed to `prepareHessian`, times v, into `out`. */
  hessianTimes(v: Float64Array, out: Float64Array): void;
  /** Called once per Newton step before any `hessianTimes`, at the current point. */
  prepareHessian(x: Float64Array): void;
}

export interface NewtonOptions {
  /** Stop when max |gradient| ≤ tolerance. */
  tolerance: number;
  maxIterations: number;
}

export interface NewtonResult {
  x: Float64Array;
  value: number;
  gradientMax: number;
  iterations: number;
  converged: boolean;
}

export function minimizeNewtonCg(
  problem: SmoothProblem,
  x0: Float64Array,
  options: NewtonOptions,
): NewtonResult {
  const n = problem.dimension;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const trialX = new Float64Array(n);
  const trialG = new Float64Array(n);
  let f = problem.valueAndGradient(x, g);
  let iterations = 0;
  for (; iterations < options.maxIterations; iterations++) {
    const gMax = maxAbs(g);
    if (gMax <= options.tolerance) return { x, value: f, gradientMax: gMax, iterations, converged: true };
    problem.prepareHessian(x);
    const d = conjugateGradient(problem, g, n);
    const slope = dot(g, d);
    let step = 1;
    let accepted = false;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) trialX[i] = x[i]! + step * d[i]!;
      const trialF = problem.valueAndGradient(trialX, trialG);
      // Armijo sufficient decrease; near the optimum f changes below its rounding error, so a
      // full step that leaves f unchanged to rounding but shrinks the gradient is accepted too.
      const armijo = trialF <= f + 1e-4 * step * slope;
      const roundingTie =
        step === 1 && Math.abs(trialF - f) <= 1e-13 * Math.max(1, Math.abs(f)) && maxAbs(trialG) < gMax;
      if (Number.isFinite(trialF) && (armijo || roundingTie)) {
        x.set(trialX);
        g.set(trialG);
        f = trialF;
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) return { x, value: f, gradientMax: gMax, iterations, converged: false };
  }
  const gradientMax = maxAbs(g);
  return { x, value: f, gradientMax, iterations, converged: gradientMax <= options.tolerance };
}

/** Approximately solves H d = -g (CG from d = 0, relative residual tolerance Eisenstat–Walker style). */
function conjugateGradient(problem: SmoothProblem, g: Float64Array, n: number): Float64Array {
  const d = new Float64Array(n);
  const r = Float64Array.from(g, (v) => -v);
  const p = Float64Array.from(r);
  const hp = new Float64Array(n);
  const gNorm = Math.sqrt(dot(g, g));
  const target = Math.min(0.5, Math.sqrt(gNorm)) * gNorm;
  let rr = dot(r, r);
  for (let it = 0; it < 2 * n + 10 && Math.sqrt(rr) > target; it++) {
    problem.hessianTimes(p, hp);
    const curvature = dot(p, hp);
    if (curvature <= 0) break; // never for a convex problem; guard against rounding
    const alpha = rr / curvature;
    for (let i = 0; i < n; i++) {
      d[i]! += alpha * p[i]!;
      r[i]! -= alpha * hp[i]!;
    }
    const next = dot(r, r);
    const beta = next / rr;
    rr = next;
    for (let i = 0; i < n; i++) p[i] = r[i]! + beta * p[i]!;
  }
  // A zero direction (CG could not move) falls back to steepest descent.
  if (maxAbs(d) === 0) for (let i = 0; i < n; i++) d[i] = -g[i]!;
  return d;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}
