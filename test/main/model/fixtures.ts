/** Paths to the committed model fixtures and their reference outputs (see test/corpus/model/generate.py). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CORPUS = fileURLToPath(new URL('../../corpus/model/', import.meta.url));

export const FIXTURES = [
  'logreg_cancer_zipmap_int',
  'logreg_iris_zipmap_str',
  'linear_iris_scores',
  'forest_wine_zipmap',
  'forest_wine_tensor',
  'forest_diabetes_regressor',
  'mlp_iris_softmax',
  'mlp_iris_logits',
] as const;
export type FixtureName = (typeof FIXTURES)[number];

export function fixturePath(name: FixtureName): string {
  return `${CORPUS}${name}.onnx`;
}

export function fixtureBytes(name: FixtureName): Uint8Array {
  return readFileSync(fixturePath(name));
}

/** What scikit-learn / PyTorch computed for a few rows (numbers as JSON gives them). */
export interface Expected {
  input: string;
  rows: number[][];
  classes?: string[];
  label?: string[];
  probabilities?: number[][];
  decision_function?: number[][];
  values?: number[];
  logits?: number[][];
}

const expected = JSON.parse(readFileSync(`${CORPUS}expected.json`, 'utf8')) as Record<FixtureName, Expected>;

export function expectedFor(name: FixtureName): Expected {
  return expected[name];
}

/** Rows as one float32 [N, D] matrix, the way the models take them. */
export function rowMatrix(rows: number[][]): { data: Float32Array; dims: [number, number] } {
  const width = rows[0]?.length ?? 0;
  return { data: Float32Array.from(rows.flat()), dims: [rows.length, width] };
}

/** The largest absolute difference between a flat result and expected rows (lengths must match). */
export function maxAbsDiff(actual: ArrayLike<number>, expectedRows: number[][]): number {
  const flat = expectedRows.flat();
  if (actual.length !== flat.length) throw new Error(`length ${actual.length} != ${flat.length}`);
  let worst = 0;
  for (let i = 0; i < flat.length; i++)
    worst = Math.max(worst, Math.abs((actual[i] as number) - (flat[i] as number)));
  return worst;
}
