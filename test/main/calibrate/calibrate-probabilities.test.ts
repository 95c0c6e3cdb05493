import { describe, expect, it } from 'vitest';
import { applyCalibration, fitCalibration } from '../../../main/calibrate/calibrate-probabilities';
import { argmaxRows } from '../../../main/evaluate/classification-metrics';
import { expectWithin, loadCases, type EnsembleCase } from './fixtures';

for (const file of ['binary.json', 'multiclass.json']) {
  for (const fx of loadCases<EnsembleCase>(file)) {
    const k = fx.classes.length;
    const holdout = Float64Array.from(fx.holdout.probabilities);
    const labels = Int32Array.from(fx.holdout.labels, (label) => fx.classes.indexOf(label));
    const test = Float64Array.from(fx.test.probabilities);

    describe(`CalibratedClassifierCV(cv='prefit') equals scikit-learn 1.2.1 (${fx.name})`, () => {
      it('isotonic: the same maps, probabilities to 1e-9, the same labels', () => {
        const calibration = fitCalibration(holdout, labels, k, 'isotonic');
        expect(calibration.maps.map((m) => (m.method === 'isotonic' ? { x: m.x, y: m.y } : m))).toEqual(
          fx.isotonic.maps,
        );
        const p = applyCalibration(calibration, test);
        expectWithin(p, fx.isotonic.predict_proba, 1e-9, 'isotonic predict_proba');
        expect(Array.from(argmaxRows(p, k))).toEqual(fx.isotonic.predict);
      });

      it('sigmoid: probabilities to 1e-4, the same labels', () => {
        const calibration = fitCalibration(holdout, labels, k, 'sigmoid');
        expect(calibration.maps).toHaveLength(fx.sigmoid.maps.length);
        calibration.maps.forEach((m, i) => {
          if (m.method !== 'sigmoid') throw new Error('expected a sigmoid map');
          expect(Math.abs(m.a - fx.sigmoid.maps[i]!.a)).toBeLessThan(1e-3 * (1 + Math.abs(m.a)));
          expect(Math.abs(m.b - fx.sigmoid.maps[i]!.b)).toBeLessThan(1e-3 * (1 + Math.abs(m.b)));
        });
        const p = applyCalibration(calibration, test);
        expectWithin(p, fx.sigmoid.predict_proba, 1e-4, 'sigmoid predict_proba');
        expect(Array.from(argmaxRows(p, k))).toEqual(fx.sigmoid.predict);
      });
    });
  }
}

describe('calibration of probabilities: shapes and edge cases', () => {
  it('binary: P(negative) is 1 − P(positive)', () => {
    const cal = fitCalibration(
      Float64Array.from([0.8, 0.2, 0.3, 0.7, 0.6, 0.4, 0.1, 0.9]),
      [0, 1, 0, 1],
      2,
      'sigmoid',
    );
    const p = applyCalibration(cal, Float64Array.from([0.5, 0.5, 0.9, 0.1]));
    expect(p[0]! + p[1]!).toBe(1);
    expect(p[2]! + p[3]!).toBe(1);
  });

  it('multiclass: a row every map sends to 0 becomes uniform', () => {
    const cal = {
      method: 'isotonic' as const,
      nClasses: 3,
      maps: [0, 1, 2].map(() => ({ method: 'isotonic' as const, x: [0.5, 0.6], y: [0, 1] })),
    };
    expect(Array.from(applyCalibration(cal, Float64Array.from([0.4, 0.3, 0.3])))).toEqual([
      1 / 3,
      1 / 3,
      1 / 3,
    ]);
  });

  it('rejects mismatched shapes', () => {
    expect(() => fitCalibration(new Float64Array(5), [0, 1], 2, 'isotonic')).toThrow(RangeError);
    expect(() => fitCalibration(new Float64Array(4), [0], 2, 'isotonic')).toThrow(/labels/);
    const cal = fitCalibration(Float64Array.from([0.2, 0.8, 0.7, 0.3]), [1, 0], 2, 'isotonic');
    expect(() => applyCalibration({ ...cal, nClasses: 3 }, new Float64Array(6))).toThrow(/maps/);
  });
});
