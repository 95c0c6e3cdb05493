/** Per-row uncertainty columns and the estimated accuracy against NumPy. */
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../contract/errors';
import { estimatedAccuracy } from '../../../main/monitor/estimated-performance';
import { classificationUncertainty, regressionMemberStd } from '../../../main/monitor/uncertainty';
import { expectClose, uncertaintyCases } from './fixtures';

const { classification, regression } = uncertaintyCases();

const members = (c: (typeof classification)[number]) =>
  c.members.map((m) => ({
    proba: Float64Array.from(m.proba),
    predicted: Int32Array.from(m.predicted),
    weight: m.weight,
  }));

describe('classificationUncertainty matches NumPy', () => {
  it.each(classification)('$name', (c) => {
    const u = classificationUncertainty(Float64Array.from(c.proba), c.classes, members(c));
    expect(Array.from(u.predicted)).toEqual(c.expected.predicted);
    expectClose(u.entropy, c.expected.entropy, 1e-12);
    expectClose(u.margin, c.expected.margin, 1e-12);
    expectClose(u.memberStd, c.expected.memberStd, 1e-12);
    expectClose(u.disagreement, c.expected.disagreement, 1e-12);
  });

  it('estimatedAccuracy is the mean top probability', () => {
    for (const c of classification) {
      expect(
        Math.abs(estimatedAccuracy(Float64Array.from(c.proba), c.classes) - c.expected.estimatedAccuracy),
      ).toBeLessThanOrEqual(1e-12);
    }
  });
});

describe('classificationUncertainty edges', () => {
  it('marks a NaN row as unpredicted and skips it in the estimate', () => {
    const proba = Float64Array.of(0.8, 0.2, NaN, 0.5);
    const u = classificationUncertainty(proba, 2, [{ proba, predicted: Int32Array.of(0, -1), weight: 1 }]);
    expect(u.predicted[1]).toBe(-1);
    expect(u.entropy[1]).toBeNaN();
    expect(u.disagreement[0]).toBe(0);
    expect(estimatedAccuracy(proba, 2)).toBe(0.8);
    expect(estimatedAccuracy(Float64Array.of(NaN, 1), 2)).toBeNaN();
  });

  it('counts a member without a prediction as disagreeing', () => {
    const proba = Float64Array.of(0.6, 0.4);
    const u = classificationUncertainty(proba, 2, [
      { proba, predicted: Int32Array.of(0), weight: 3 },
      { proba, predicted: Int32Array.of(-1), weight: 1 },
    ]);
    expect(u.disagreement[0]).toBe(0.25);
    expect(u.memberStd[0]).toBe(0);
  });

  it('gives NaN member columns with no members', () => {
    const u = classificationUncertainty(Float64Array.of(0.6, 0.4), 2, []);
    expect(u.memberStd[0]).toBeNaN();
    expect(u.disagreement[0]).toBeNaN();
    expect(u.margin[0]).toBeCloseTo(0.2, 15);
  });

  it('refuses mismatched shapes and bad weights', () => {
    const proba = Float64Array.of(0.6, 0.4);
    expect(() => classificationUncertainty(Float64Array.of(1, 0, 0), 2, [])).toThrow(StudioError);
    expect(() =>
      classificationUncertainty(proba, 2, [
        { proba: Float64Array.of(1), predicted: Int32Array.of(0), weight: 1 },
      ]),
    ).toThrow(/member 1/);
    expect(() =>
      classificationUncertainty(proba, 2, [{ proba, predicted: Int32Array.of(0), weight: -1 }]),
    ).toThrow(StudioError);
    expect(() =>
      classificationUncertainty(proba, 2, [{ proba, predicted: Int32Array.of(0), weight: 0 }]),
    ).toThrow(/all 0/);
  });
});

describe('regressionMemberStd matches NumPy', () => {
  it.each(regression)('$name', (c) => {
    const std = regressionMemberStd(
      c.members.map((m) => Float64Array.from(m)),
      c.rows,
    );
    expectClose(std, c.expected.memberStd, 1e-12);
  });

  it('refuses a member with the wrong number of rows', () => {
    expect(() => regressionMemberStd([Float64Array.of(1, 2)], 3)).toThrow(StudioError);
  });
});
