/** normalise*: the member output shapes and kinds beyond the scikit-learn fixtures. */
import { describe, expect, it } from 'vitest';
import { normaliseClassification, normaliseRegression } from '../../../main/ensemble/normalise';
import { expectClose, memberPlan } from './fixtures';

const ENSEMBLE = ['0', '1', '2'];

describe('normaliseClassification', () => {
  it('passes float32 probabilities through, aligned to the ensemble order', () => {
    const plan = memberPlan(
      { name: 'm', weight: 1, outputKind: 'probabilities', classes: ['2', '0'] },
      0,
      ENSEMBLE,
    );
    const out = normaliseClassification(
      plan,
      { data: Float32Array.of(0.25, 0.75, 1, 0), dims: [2, 2] },
      2,
      3,
    );
    expect(Array.from(out)).toEqual([0.75, 0, 0.25, 0, 0, 1]);
  });

  it('turns logits into softmax over the member classes only, stable for large values', () => {
    const plan = memberPlan({ name: 'm', weight: 1, outputKind: 'logits', classes: ['0', '2'] }, 0, ENSEMBLE);
    const out = normaliseClassification(
      plan,
      { data: Float64Array.of(1000, 1000, 0, Math.log(3)), dims: [2, 2] },
      2,
      3,
    );
    expectClose(out, [0.5, 0, 0.5, 0.25, 0, 0.75], 1e-15);
  });

  it('reads an [N] binary logit as P(second class) through a sigmoid', () => {
    const plan = memberPlan({ name: 'm', weight: 1, outputKind: 'logits', classes: ['no', 'yes'] }, 0, [
      'no',
      'yes',
    ]);
    const out = normaliseClassification(plan, { data: Float32Array.of(0, -800), dims: [2] }, 2, 2);
    expect(Array.from(out)).toEqual([0.5, 0.5, 1, 0]);
  });

  it('one-hot encodes int64, float and string labels by string form', () => {
    const ints = memberPlan({ name: 'i', weight: 1, outputKind: 'label', classes: ENSEMBLE }, 0, ENSEMBLE);
    expect(
      Array.from(normaliseClassification(ints, { data: BigInt64Array.of(2n, 0n), dims: [2] }, 2, 3)),
    ).toEqual([0, 0, 1, 1, 0, 0]);
    expect(
      Array.from(normaliseClassification(ints, { data: Float32Array.of(1, NaN), dims: [2, 1] }, 2, 3)),
    ).toEqual([0, 1, 0, NaN, NaN, NaN]);
    expect(Array.from(normaliseClassification(ints, { data: ['1', '0'], dims: [2] }, 2, 3))).toEqual([
      0, 1, 0, 1, 0, 0,
    ]);
  });

  it('refuses a label the member does not have and a wrong shape', () => {
    const plan = memberPlan({ name: 'm', weight: 1, outputKind: 'label', classes: ['0', '1'] }, 0, ENSEMBLE);
    expect(() => normaliseClassification(plan, { data: BigInt64Array.of(5n), dims: [1] }, 1, 3)).toThrow(
      /member 'm', output 'out' predicted label '5'/,
    );
    const probs = memberPlan(
      { name: 'm', weight: 1, outputKind: 'probabilities', classes: ENSEMBLE },
      0,
      ENSEMBLE,
    );
    expect(() => normaliseClassification(probs, { data: new Float32Array(4), dims: [2, 2] }, 2, 3)).toThrow(
      /has 2 columns but the member has 3 classes/,
    );
    expect(() => normaliseClassification(probs, { data: new Float32Array(6), dims: [3, 2] }, 2, 3)).toThrow(
      /has shape \[3, 2\] for 2 rows/,
    );
  });
});

describe('normaliseRegression', () => {
  it('accepts [N] and [N,1] and widens float32', () => {
    const plan = memberPlan({ name: 'r', weight: 1 }, 0, null);
    expect(Array.from(normaliseRegression(plan, { data: Float32Array.of(1.5, 2), dims: [2, 1] }, 2))).toEqual(
      [1.5, 2],
    );
    expect(() => normaliseRegression(plan, { data: new Float32Array(4), dims: [2, 2] }, 2)).toThrow(
      /one value per row/,
    );
  });
});
