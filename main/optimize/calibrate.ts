/**
 * `optimize --method calibrate`: the members and the combiner stay as they are, and a calibration
 * map is fitted on the ensemble's combined probabilities over a labelled hold-out file, as
 * scikit-learn's `CalibratedClassifierCV(<the ensemble>, cv='prefit')` does.
 *
 * A spec that is already calibrated is recalibrated: the new map is fitted on the combiner's
 * uncalibrated output (what the old map was fitted on too) and replaces the old one, so maps never
 * stack up and recalibrating on a new site's labels gives the same spec as calibrating afresh.
 */
import { StudioError } from '../../contract/errors';
import type { CalibrationSpec, EnsembleSpec } from '../../contract/ensemble-spec';
import {
  applyCalibration,
  fitCalibration,
  type Calibration,
  type CalibrationMethod,
} from '../calibrate/calibrate-probabilities';
import { calibrationRefusal } from '../ensemble/calibration';
import { checkHoldout } from './holdout';

export interface CalibrateInput {
  spec: EnsembleSpec;
  method: CalibrationMethod;
  classes: readonly string[];
  /** Class index per hold-out row. */
  labels: Int32Array;
  /** The combiner's uncalibrated N×K probabilities on the hold-out rows. */
  uncalibrated: Float64Array;
}

export interface CalibrateOutput {
  spec: EnsembleSpec;
  /** The produced spec's probabilities on the hold-out rows. */
  calibrated: Float64Array;
  /** Set when the input spec had a calibration that this one replaces. */
  replaced: CalibrationSpec['method'] | null;
}

/** Refuses what cannot be calibrated before any row is scored. */
export function checkCalibratable(spec: EnsembleSpec): void {
  const refusal = calibrationRefusal(spec.task, spec.combiner.method);
  if (refusal)
    throw new StudioError('bad_input', `cannot calibrate '${spec.name}': ${refusal}`, { field: 'combiner' });
}

export function calibrateEnsemble(input: CalibrateInput): CalibrateOutput {
  checkCalibratable(input.spec);
  const k = input.classes.length;
  checkHoldout({ method: `${input.method} calibration`, classes: input.classes, labels: input.labels });
  const bad = input.uncalibrated.findIndex((p) => !Number.isFinite(p));
  if (bad >= 0) {
    throw new StudioError(
      'bad_input',
      `the ensemble has no probability for hold-out row ${Math.floor(bad / k) + 1} (a member's score is missing): ` +
        'calibration needs a score on every labelled row; drop rows with missing features first',
    );
  }
  const calibration = fitCalibration(input.uncalibrated, input.labels, k, input.method);
  return {
    spec: { ...input.spec, calibration: toSpec(calibration) },
    calibrated: applyCalibration(calibration, input.uncalibrated),
    replaced: input.spec.calibration?.method ?? null,
  };
}

function toSpec(calibration: Calibration): CalibrationSpec {
  if (calibration.method === 'sigmoid') {
    return {
      method: 'sigmoid',
      maps: calibration.maps.map((m) => (m.method === 'sigmoid' ? { a: m.a, b: m.b } : unreachable())),
    };
  }
  return {
    method: 'isotonic',
    maps: calibration.maps.map((m) => (m.method === 'isotonic' ? { x: m.x, y: m.y } : unreachable())),
  };
}

function unreachable(): never {
  throw new StudioError('internal', 'calibration: a map of another method than the calibration');
}
