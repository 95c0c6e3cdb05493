import { describe, expect, it } from 'vitest';
import { applyIsotonic, fitIsotonic } from '../../../main/calibrate/isotonic';
import { applyPlatt, fitPlatt } from '../../../main/calibrate/platt';
import { expectWithin, loadCases, type MapCase } from './fixtures';

for (const fx of loadCases<MapCase>('maps.json')) {
  describe(`calibration maps equal scikit-learn 1.2.1 (${fx.name})`, () => {
    it('isotonic: the same fitted points and predictions', () => {
      const map = fitIsotonic(fx.f, fx.y);
      // Same algorithm, same order of sums: the points match exactly.
      expect(map.x).toEqual(fx.isotonic.x_thresholds);
      expect(map.y).toEqual(fx.isotonic.y_thresholds);
      const predicted = fx.test.map((f) => applyIsotonic(map, f));
      expectWithin(predicted, fx.isotonic.predict, 1e-9, 'isotonic predict');
    });

    it('sigmoid: the exact optimum, and sklearn within its tolerance', () => {
      const params = fitPlatt(fx.f, fx.y);
      expect(params.a).toBeCloseTo(fx.sigmoid.optimum.a, 8);
      expect(params.b).toBeCloseTo(fx.sigmoid.optimum.b, 8);
      // sklearn's BFGS stops at a gradient norm of 1e-5, so its parameters are only close.
      expect(Math.abs(params.a - fx.sigmoid.sklearn.a)).toBeLessThan(1e-3 * (1 + Math.abs(params.a)));
      expect(Math.abs(params.b - fx.sigmoid.sklearn.b)).toBeLessThan(1e-3 * (1 + Math.abs(params.b)));
      const predicted = fx.test.map((f) => applyPlatt(params, f));
      expectWithin(predicted, fx.sigmoid.predict, 1e-4, 'sigmoid predict');
    });
  });
}

describe('calibration map edge cases', () => {
  it('isotonic clips outside the fitted range and keeps NaN', () => {
    const map = fitIsotonic([0.2, 0.4, 0.6], [0, 1, 1]);
    expect(applyIsotonic(map, -1)).toBe(0);
    expect(applyIsotonic(map, 2)).toBe(1);
    expect(applyIsotonic(map, 0.3)).toBeCloseTo(0.5, 15);
    expect(applyIsotonic(map, NaN)).toBeNaN();
  });

  it('isotonic pools violators into their weighted mean', () => {
    const map = fitIsotonic([1, 2, 3, 4], [1, 0, 1, 0]);
    // (1,0) pool to 0.5, then (1,0) again: one block of 0.5 — only the ends are kept.
    expect(map).toEqual({ x: [1, 4], y: [0.5, 0.5] });
  });

  it('Platt scaling converges when every score is equal', () => {
    const params = fitPlatt([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 1]);
    // The fitted probability is the smoothed positive rate: (3·4/5 + 1·1/3) / 4.
    expect(applyPlatt(params, 0.5)).toBeCloseTo((3 * (4 / 5) + 1 / 3) / 4, 8);
  });

  it('rejects empty and non-finite input', () => {
    expect(() => fitPlatt([], [])).toThrow(RangeError);
    expect(() => fitIsotonic([], [])).toThrow(RangeError);
    expect(() => fitPlatt([0.1, NaN], [0, 1])).toThrow(/not finite/);
    expect(() => fitIsotonic([0.1, Infinity], [0, 1])).toThrow(/not finite/);
  });
});
