/** calibrateEnsemble: what it refuses, and what it writes into the spec. */
import { describe, expect, it } from 'vitest';
import { EnsembleSpecSchema } from '../../../contract/ensemble-spec';
import { applyCalibration, fitCalibration } from '../../../main/calibrate/calibrate-probabilities';
import { calibrateEnsemble } from '../../../main/optimize/calibrate';

const spec = (combiner: 'soft_vote' | 'hard_vote' | 'rank_mean' = 'soft_vote', calibration?: unknown) =>
  EnsembleSpecSchema.parse({
    format: 'ensemble-studio/ensemble@1',
    name: 'blend',
    task: 'classification',
    members: [{ name: 'a', model: 'a.onnx' }],
    combiner: { method: combiner },
    ...(calibration ? { calibration } : {}),
  });

/** 40 binary rows whose P(1) rises with the label, a little noisy. */
function holdout() {
  const labels = Int32Array.from({ length: 40 }, (_, i) => (i % 3 === 0 || i > 25 ? 1 : 0));
  const p1 = Array.from(labels, (y, i) => Math.min(0.95, 0.2 + 0.4 * y + (i % 7) * 0.05));
  return { labels, uncalibrated: Float64Array.from(p1.flatMap((p) => [1 - p, p])) };
}

describe('calibrateEnsemble', () => {
  it('stores the fitted maps and returns the calibrated hold-out probabilities', () => {
    const { labels, uncalibrated } = holdout();
    const out = calibrateEnsemble({
      spec: spec(),
      method: 'isotonic',
      classes: ['0', '1'],
      labels,
      uncalibrated,
    });
    const fitted = fitCalibration(uncalibrated, labels, 2, 'isotonic');
    expect(out.spec.calibration).toEqual({
      method: 'isotonic',
      maps: fitted.maps.map((m) => (m.method === 'isotonic' ? { x: m.x, y: m.y } : null)),
    });
    expect(Array.from(out.calibrated)).toEqual(Array.from(applyCalibration(fitted, uncalibrated)));
    expect(out.replaced).toBeNull();
    expect(EnsembleSpecSchema.safeParse(out.spec).success).toBe(true);
  });

  it('replaces an existing calibration and says which', () => {
    const { labels, uncalibrated } = holdout();
    const old = { method: 'sigmoid', maps: [{ a: -1, b: 0 }] };
    const out = calibrateEnsemble({
      spec: spec('soft_vote', old),
      method: 'sigmoid',
      classes: ['0', '1'],
      labels,
      uncalibrated,
    });
    expect(out.replaced).toBe('sigmoid');
    expect(out.spec.calibration?.maps[0]).not.toEqual(old.maps[0]);
  });

  it.each(['hard_vote', 'rank_mean'] as const)('refuses the %s combiner', (combiner) => {
    const { labels, uncalibrated } = holdout();
    expect(() =>
      calibrateEnsemble({
        spec: spec(combiner),
        method: 'sigmoid',
        classes: ['0', '1'],
        labels,
        uncalibrated,
      }),
    ).toThrow(new RegExp(`cannot calibrate 'blend': combiner '${combiner}' cannot be calibrated`));
  });

  it('refuses a small or one-class hold-out, and a row without a probability', () => {
    const { labels, uncalibrated } = holdout();
    const base = { spec: spec(), method: 'sigmoid' as const, classes: ['0', '1'] };
    expect(() =>
      calibrateEnsemble({ ...base, labels: labels.slice(0, 10), uncalibrated: uncalibrated.slice(0, 20) }),
    ).toThrow(/has 10 labelled rows; sigmoid calibration needs at least 20/);
    expect(() => calibrateEnsemble({ ...base, labels: new Int32Array(40), uncalibrated })).toThrow(
      /a single class \("0"\)/,
    );
    const missing = uncalibrated.slice();
    missing[7] = NaN;
    expect(() => calibrateEnsemble({ ...base, labels, uncalibrated: missing })).toThrow(
      /no probability for hold-out row 4 \(a member's score is missing\)/,
    );
  });
});
