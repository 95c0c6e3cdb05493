/**
 * The spec's `calibration` (fitted by `optimize --method calibrate`) as the scoring pipeline uses
 * it: checked against the resolved ensemble once, then applied to every chunk's combined
 * probabilities, so score, evaluate, optimize and monitor all see the calibrated numbers.
 */
import { StudioError } from '../../contract/errors';
import type { CombinerMethod, EnsembleSpec } from '../../contract/ensemble-spec';
import { applyCalibration, type Calibration } from '../calibrate/calibrate-probabilities';
import type { ClassificationResult } from './combiners-classification';
import { argmaxRow } from './row-math';

/**
 * Combiners whose probabilities a map may be fitted on. `hard_vote` gives vote shares (a few
 * discrete values; scikit-learn cannot calibrate a hard-voting classifier, which has no
 * predict_proba) and `rank_mean` gives ranks within the scored file, which differ from file to file.
 */
export const CALIBRATABLE_COMBINERS: readonly CombinerMethod[] = [
  'soft_vote',
  'geometric_mean',
  'median',
  'stacking',
];

/** Whether an ensemble of this task and combiner can be calibrated; the reason when not. */
export function calibrationRefusal(task: EnsembleSpec['task'], combiner: CombinerMethod): string | null {
  if (task !== 'classification')
    return `calibration applies to classification ensembles, this one is ${task}`;
  if (CALIBRATABLE_COMBINERS.includes(combiner)) return null;
  const why =
    combiner === 'hard_vote'
      ? `its probabilities are vote shares, which take only a few values`
      : `its scores are ranks within each scored file, which change from file to file`;
  return `combiner '${combiner}' cannot be calibrated: ${why} (calibrate one of: ${CALIBRATABLE_COMBINERS.join(', ')})`;
}

/** The spec's calibration checked against the ensemble's classes, or null when it has none. */
export function resolveCalibration(spec: EnsembleSpec, classCount: number): Calibration | null {
  const calibration = spec.calibration;
  if (!calibration) return null;
  const refusal = calibrationRefusal(spec.task, spec.combiner.method);
  if (refusal) throw new StudioError('spec', `the spec's calibration: ${refusal}`, { field: 'calibration' });
  const expected = classCount === 2 ? 1 : classCount;
  if (calibration.maps.length !== expected) {
    throw new StudioError(
      'spec',
      `the spec's calibration has ${calibration.maps.length} map(s); an ensemble of ${classCount} classes needs ` +
        (classCount === 2
          ? '1 (for P of the second class)'
          : `${classCount} (one per class, in class order)`),
      { field: 'calibration.maps' },
    );
  }
  const maps =
    calibration.method === 'sigmoid'
      ? calibration.maps.map((m) => ({ method: 'sigmoid' as const, a: m.a, b: m.b }))
      : calibration.maps.map((m) => ({ method: 'isotonic' as const, x: m.x, y: m.y }));
  return { method: calibration.method, nClasses: classCount, maps };
}

/** The combined result with calibrated probabilities; prediction = their argmax, ties to the first class. */
export function calibrateResult(
  calibration: Calibration,
  combined: ClassificationResult,
  rowCount: number,
  classCount: number,
): ClassificationResult {
  const proba = applyCalibration(calibration, combined.proba);
  const prediction = new Int32Array(rowCount);
  for (let r = 0; r < rowCount; r++) prediction[r] = argmaxRow(proba, r * classCount, classCount);
  return { prediction, proba };
}
