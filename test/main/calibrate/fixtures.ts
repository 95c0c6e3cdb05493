/** Loads the scikit-learn calibration fixtures (test/corpus/calibrate, made by make_calibration_fixtures.py). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const DIR = fileURLToPath(new URL('../../corpus/calibrate/', import.meta.url));

export function loadCases<T>(name: string): T[] {
  return (JSON.parse(readFileSync(DIR + name, 'utf8')) as { cases: T[] }).cases;
}

/** Every |actual − expected| ≤ tolerance (absolute: these are probabilities). */
export function expectWithin(
  actual: ArrayLike<number>,
  expected: readonly number[],
  tolerance: number,
  what: string,
): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    if (!(d <= worst)) {
      worst = d;
      at = i;
    }
  }
  expect(worst, `${what}: largest difference at ${at}`).toBeLessThanOrEqual(tolerance);
}

export interface MapCase {
  name: string;
  f: number[];
  y: number[];
  test: number[];
  isotonic: { x_thresholds: number[]; y_thresholds: number[]; predict: number[] };
  sigmoid: { sklearn: { a: number; b: number }; optimum: { a: number; b: number }; predict: number[] };
}

export interface EnsembleCase {
  name: string;
  classes: string[];
  holdout: { probabilities: number[]; labels: string[] };
  test: { probabilities: number[] };
  isotonic: { maps: { x: number[]; y: number[] }[]; predict_proba: number[]; predict: number[] };
  sigmoid: { maps: { a: number; b: number }[]; predict_proba: number[]; predict: number[] };
}
