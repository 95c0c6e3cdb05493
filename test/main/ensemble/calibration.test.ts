/**
 * The spec's `calibration` as scoring uses it: the schema's checks on a map, the checks against the
 * resolved ensemble (map count, task, combiner), and the calibrated predictions.
 */
import { describe, expect, it } from 'vitest';
import { EnsembleSpecSchema, type EnsembleSpecInput } from '../../../contract/ensemble-spec';
import { StudioError } from '../../../contract/errors';
import { calibrateResult, resolveCalibration } from '../../../main/ensemble/calibration';

const base: EnsembleSpecInput = {
  format: 'ensemble-studio/ensemble@1',
  name: 'calibrated',
  task: 'classification',
  members: [{ name: 'a', model: 'a.onnx' }],
  combiner: { method: 'soft_vote' },
};

const parse = (extra: Partial<EnsembleSpecInput>) => EnsembleSpecSchema.safeParse({ ...base, ...extra });

function refusal(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return error as StudioError;
  }
  throw new Error('expected a refusal');
}

describe('the calibration section of the spec schema', () => {
  it('accepts sigmoid and isotonic maps', () => {
    expect(parse({ calibration: { method: 'sigmoid', maps: [{ a: -3, b: 1 }] } }).success).toBe(true);
    expect(parse({ calibration: { method: 'isotonic', maps: [{ x: [0.1, 0.5], y: [0, 1] }] } }).success).toBe(
      true,
    );
    expect(parse({ calibration: { method: 'isotonic', maps: [{ x: [0.3], y: [0.4] }] } }).success).toBe(true);
  });

  it.each([
    [{ x: [0.1, 0.5], y: [0] }, ['calibration', 'maps', 0, 'y'], /x has 2 values and y 1/],
    [
      { x: [0.1, 0.5, 0.5], y: [0, 0.2, 0.3] },
      ['calibration', 'maps', 0, 'x', 2],
      /strictly increasing \(x\[2\] = 0.5 after x\[1\] = 0.5\)/,
    ],
    [{ x: [0.1, 0.5], y: [0.5, 0.2] }, ['calibration', 'maps', 0, 'y', 1], /y must be non-decreasing/],
    [{ x: [0.1, Number.NaN], y: [0, 1] }, ['calibration', 'maps', 0, 'x', 1], /number/],
  ])('refuses an isotonic map %j, naming the field', (map, path, message) => {
    const result = parse({ calibration: { method: 'isotonic', maps: [map] } });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path).toEqual(path);
    expect(issue.message).toMatch(message);
  });

  it('refuses a sigmoid map without finite a and b', () => {
    const result = parse({ calibration: { method: 'sigmoid', maps: [{ a: Infinity, b: 0 }] } });
    expect(result.error!.issues[0]!.path).toEqual(['calibration', 'maps', 0, 'a']);
  });
});

describe('resolveCalibration', () => {
  const spec = (extra: Partial<EnsembleSpecInput>) => EnsembleSpecSchema.parse({ ...base, ...extra });
  const sigmoid = (n: number) => ({
    method: 'sigmoid' as const,
    maps: Array.from({ length: n }, () => ({ a: -2, b: 1 })),
  });

  it('is null without a calibration, and one map per class (binary: one) otherwise', () => {
    expect(resolveCalibration(spec({}), 2)).toBeNull();
    expect(resolveCalibration(spec({ calibration: sigmoid(1) }), 2)?.maps).toHaveLength(1);
    expect(resolveCalibration(spec({ calibration: sigmoid(3) }), 3)?.nClasses).toBe(3);
  });

  it('refuses the wrong number of maps, naming the field', () => {
    const binary = refusal(() => resolveCalibration(spec({ calibration: sigmoid(2) }), 2));
    expect(binary.message).toMatch(
      /has 2 map\(s\); an ensemble of 2 classes needs 1 \(for P of the second class\)/,
    );
    expect(binary.location?.field).toBe('calibration.maps');
    const multi = refusal(() => resolveCalibration(spec({ calibration: sigmoid(1) }), 3));
    expect(multi.message).toMatch(/needs 3 \(one per class, in class order\)/);
  });

  it('refuses regression, hard_vote and rank_mean', () => {
    const regression = refusal(() =>
      resolveCalibration(
        spec({ task: 'regression', combiner: { method: 'mean' }, calibration: sigmoid(1) }),
        0,
      ),
    );
    expect(regression.message).toMatch(
      /calibration applies to classification ensembles, this one is regression/,
    );
    expect(regression.location?.field).toBe('calibration');
    const hard = refusal(() =>
      resolveCalibration(spec({ combiner: { method: 'hard_vote' }, calibration: sigmoid(1) }), 2),
    );
    expect(hard.message).toMatch(/'hard_vote' cannot be calibrated: its probabilities are vote shares/);
    const ranks = refusal(() =>
      resolveCalibration(spec({ combiner: { method: 'rank_mean' }, calibration: sigmoid(1) }), 2),
    );
    expect(ranks.message).toMatch(/'rank_mean' cannot be calibrated: its scores are ranks/);
  });
});

describe('calibrateResult', () => {
  it('predicts the argmax of the calibrated probabilities, ties to the first class, NaN rows missing', () => {
    const calibration = resolveCalibration(
      EnsembleSpecSchema.parse({
        ...base,
        calibration: { method: 'isotonic', maps: [{ x: [0.2, 0.8], y: [0.5, 0.5] }] },
      }),
      2,
    )!;
    // The combiner says class 1 for the first row and class 0 for the second; the flat map gives 0.5 : 0.5.
    const combined = {
      prediction: Int32Array.from([1, 0, -1]),
      proba: Float64Array.from([0.1, 0.9, 0.7, 0.3, NaN, NaN]),
    };
    const result = calibrateResult(calibration, combined, 3, 2);
    expect(Array.from(result.proba)).toEqual([0.5, 0.5, 0.5, 0.5, NaN, NaN]);
    expect(Array.from(result.prediction)).toEqual([0, 0, -1]);
  });
});
