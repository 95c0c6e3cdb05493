/**
 * The committed fixtures, prepared and run by onnxruntime-node, give what scikit-learn and
 * PyTorch computed when they were generated: they are fit to be references for other tests.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { prepareModel } from '../../../main/model/zipmap-rewrite';
import { expectedFor, fixturePath, maxAbsDiff, rowMatrix, type FixtureName } from './fixtures';

async function run(name: FixtureName): Promise<Record<string, ort.Tensor>> {
  const { bytes } = await prepareModel(fixturePath(name));
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  try {
    const expected = expectedFor(name);
    const { data, dims } = rowMatrix(expected.rows);
    return await session.run({ [expected.input]: new ort.Tensor('float32', data, dims) });
  } finally {
    await session.release();
  }
}

const floats = (t: ort.Tensor | undefined) => t?.data as Float32Array;

describe('fixtures agree with their references', () => {
  it('forest_wine_tensor: RandomForestClassifier.predict_proba and predict', async () => {
    const out = await run('forest_wine_tensor');
    const expected = expectedFor('forest_wine_tensor');
    expect(maxAbsDiff(floats(out.output_probability), expected.probabilities ?? [])).toBeLessThan(1e-6);
    expect(Array.from(out.output_label?.data as BigInt64Array, String)).toEqual(expected.label);
  });

  it('linear_iris_scores: LogisticRegression.decision_function', async () => {
    const out = await run('linear_iris_scores');
    expect(
      maxAbsDiff(floats(out.output_probability), expectedFor('linear_iris_scores').decision_function ?? []),
    ).toBeLessThan(1e-4);
  });

  it('forest_diabetes_regressor: RandomForestRegressor.predict', async () => {
    const out = await run('forest_diabetes_regressor');
    const values = expectedFor('forest_diabetes_regressor').values ?? [];
    expect(
      maxAbsDiff(
        floats(out.variable),
        values.map((v) => [v]),
      ),
    ).toBeLessThan(1e-3);
  });

  it.each<[FixtureName, 'probabilities' | 'logits']>([
    ['mlp_iris_softmax', 'probabilities'],
    ['mlp_iris_logits', 'logits'],
  ])('%s: the PyTorch module', async (name, output) => {
    const out = await run(name);
    expect(maxAbsDiff(floats(out[output]), expectedFor(name)[output] ?? [])).toBeLessThan(1e-5);
  });
});
