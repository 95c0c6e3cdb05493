/** Loads the scikit-learn reference fixtures (test/corpus/metrics, made by make_fixtures.py). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const DIR = fileURLToPath(new URL('../../corpus/metrics/', import.meta.url));

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(DIR + name, 'utf8')) as T;
}

/** |actual − expected| ≤ rel·|expected| (exact equality also passes, e.g. both 0). */
export function expectClose(
  actual: number | null | undefined,
  expected: number,
  rel = 1e-9,
  what = '',
): void {
  expect(actual, what).not.toBeNull();
  expect(actual, what).toBeTypeOf('number');
  const a = actual as number;
  if (a === expected) return;
  const tolerance = rel * Math.abs(expected);
  expect(Math.abs(a - expected), `${what}: ${a} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

export function expectAllClose(
  actual: readonly number[],
  expected: readonly number[],
  rel = 1e-9,
  what = '',
): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  actual.forEach((a, i) => expectClose(a, expected[i]!, rel, `${what}[${i}]`));
}

export interface ClassificationFixture {
  name: string;
  classes: string[];
  labels: (string | number)[];
  probabilities: Record<string, number[]>;
  memberNames: string[];
  expected: Record<
    string,
    {
      accuracy: number;
      balanced_accuracy: number;
      log_loss: number;
      log_loss_auto_eps: number;
      f1_macro: number;
      roc_auc: number;
      brier?: number;
      confusion: number[][];
      roc: { classIndex: number; fpr: number[]; tpr: number[]; thresholds: number[] }[];
      calibration: {
        classIndex: number;
        prob_true: number[];
        prob_pred: number[];
        counts: number[];
        bins: number[];
      }[];
    }
  >;
  diversity: { correlation: number[][]; disagreement: number[][] | null };
}

export interface RegressionFixture {
  labels: number[];
  predictions: Record<string, number[]>;
  memberNames: string[];
  expected: Record<string, { rmse: number; mae: number; r2: number; residual_quantiles: number[] }>;
  diversity: { correlation: number[][] };
}
