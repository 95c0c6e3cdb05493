/** Loads the NumPy/SciPy reference fixtures (test/corpus/monitor/make_monitor_fixtures.py). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface NumericCase {
  name: string;
  /** null stands for NaN, which JSON cannot hold. */
  reference: (number | null)[];
  current: (number | null)[];
  expected: {
    ks: number;
    wasserstein: number;
    psi: number;
    psiEdges: number[];
    psiReferenceCounts: number[];
    psiCurrentCounts: number[];
    referenceMissingShare: number;
    currentMissingShare: number;
    histogramEdges: number[];
    histogramReference: number[];
    histogramCurrent: number[];
  };
}

export interface CategoricalCase {
  name: string;
  reference: (string | null)[];
  current: (string | null)[];
  expected: {
    psi: number;
    jensenShannon: number;
    referenceMissingShare: number;
    currentMissingShare: number;
    unseenShare: number;
  };
}

export interface ClassificationCase {
  name: string;
  rows: number;
  classes: number;
  proba: number[];
  members: { proba: number[]; predicted: number[]; weight: number }[];
  expected: {
    predicted: number[];
    entropy: number[];
    margin: number[];
    memberStd: number[];
    disagreement: number[];
    estimatedAccuracy: number;
  };
}

export interface RegressionCase {
  name: string;
  rows: number;
  members: number[][];
  expected: { memberStd: number[] };
}

function load<T>(file: string): T {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../corpus/monitor/${file}`, import.meta.url)), 'utf8'),
  ) as T;
}

export const numericCases = (): NumericCase[] => load<{ cases: NumericCase[] }>('numeric.json').cases;
export const categoricalCases = (): CategoricalCase[] =>
  load<{ cases: CategoricalCase[] }>('categorical.json').cases;
export const uncertaintyCases = (): { classification: ClassificationCase[]; regression: RegressionCase[] } =>
  load('uncertainty.json');

/** A JSON column back into a Float64Array, null → NaN. */
export function column(values: (number | null)[]): Float64Array {
  return Float64Array.from(values, (v) => (v === null ? NaN : v));
}

/**
 * Asserts every entry within `tolerance` (relative above magnitude 1, absolute below), saying which
 * index failed, which a bare toBeCloseTo in a loop would not.
 */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  if (actual.length !== expected.length)
    throw new Error(`length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (!(Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e))))
      throw new Error(`[${i}] ${a}, expected ${e} (tolerance ${tolerance})`);
  }
}
