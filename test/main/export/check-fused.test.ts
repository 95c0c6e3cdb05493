import { describe, expect, it } from 'vitest';
import { compareOutputs } from '../../../main/export/check-fused';

describe('compareOutputs', () => {
  it('reports the largest difference and the label agreement', () => {
    const parity = compareOutputs([0.2, 0.8, 0.6, 0.4], [0.2, 0.8, 0.4, 0.6], ['b', 'a'], ['b', 'b']);
    expect(parity.maxAbsDiff).toBeCloseTo(0.2, 12);
    expect(parity.agreement).toBe(0.5);
    expect(parity.rows).toBe(2);
    expect(parity.disagreements).toEqual([1]);
  });

  it('treats two missing values as equal and one missing as an infinite difference', () => {
    expect(compareOutputs([NaN, 1], [NaN, 1], null, null).maxAbsDiff).toBe(0);
    expect(compareOutputs([NaN, 1], [0, 1], null, null).maxAbsDiff).toBe(Infinity);
  });
});
