/**
 * Calibration of an ensemble's class probabilities, as scikit-learn 1.2's
 * `CalibratedClassifierCV(cv='prefit')`: the members stay as they are and one map is fitted on
 * the ensemble's output. Binary: one map on P(second class). Multiclass: one map per class,
 * one-vs-rest, and the calibrated row is renormalised (`_CalibratedClassifier.predict_proba`).
 */
import { column } from '../evaluate/numeric';
import { applyIsotonic, fitIsotonic, type IsotonicMap } from './isotonic';
import { applyPlatt, fitPlatt, type PlattParameters } from './platt';

export type CalibrationMethod = 'sigmoid' | 'isotonic';

export type CalibrationMap =
  ({ method: 'sigmoid' } & PlattParameters) | ({ method: 'isotonic' } & IsotonicMap);

export interface Calibration {
  method: CalibrationMethod;
  nClasses: number;
  /** Binary: one map, for the second class. Multiclass: one map per class, in class order. */
  maps: CalibrationMap[];
}

function fitMap(method: CalibrationMethod, f: Float64Array, positive: Uint8Array): CalibrationMap {
  return method === 'sigmoid'
    ? { method, ...fitPlatt(f, positive) }
    : { method, ...fitIsotonic(f, positive) };
}

function applyMap(map: CalibrationMap, f: number): number {
  return map.method === 'sigmoid' ? applyPlatt(map, f) : applyIsotonic(map, f);
}

function checkShape(probabilities: Float64Array, nClasses: number): number {
  if (!Number.isInteger(nClasses) || nClasses < 2) {
    throw new RangeError(`calibration: needs at least 2 classes, got ${nClasses}`);
  }
  if (probabilities.length % nClasses !== 0) {
    throw new RangeError(
      `calibration: ${probabilities.length} probabilities is not a multiple of ${nClasses} classes`,
    );
  }
  return probabilities.length / nClasses;
}

/**
 * Fits the maps on hold-out probabilities (row-major N×C) and their labels (class indices).
 * A class absent from the hold-out still gets a map (a constant one), as in sklearn.
 */
export function fitCalibration(
  probabilities: Float64Array,
  labels: ArrayLike<number>,
  nClasses: number,
  method: CalibrationMethod,
): Calibration {
  const n = checkShape(probabilities, nClasses);
  if (labels.length !== n)
    throw new RangeError(`calibration: ${n} rows of probabilities but ${labels.length} labels`);
  const classes = nClasses === 2 ? [1] : Array.from({ length: nClasses }, (_, c) => c);
  const maps = classes.map((c) => {
    const positive = new Uint8Array(n);
    for (let r = 0; r < n; r++) positive[r] = labels[r] === c ? 1 : 0;
    return fitMap(method, column(probabilities, nClasses, c), positive);
  });
  return { method, nClasses, maps };
}

/** Calibrated probabilities (row-major N×C, a new array); a NaN input row stays NaN. */
export function applyCalibration(calibration: Calibration, probabilities: Float64Array): Float64Array {
  const k = calibration.nClasses;
  const n = checkShape(probabilities, k);
  const expected = k === 2 ? 1 : k;
  if (calibration.maps.length !== expected) {
    throw new RangeError(
      `calibration: ${calibration.maps.length} maps for ${k} classes (expected ${expected})`,
    );
  }
  const out = new Float64Array(probabilities.length);
  for (let r = 0; r < n; r++) {
    const row = r * k;
    if (k === 2) {
      const p = applyMap(calibration.maps[0]!, probabilities[row + 1]!);
      out[row] = 1 - p;
      out[row + 1] = p;
    } else {
      let sum = 0;
      for (let c = 0; c < k; c++) {
        out[row + c] = applyMap(calibration.maps[c]!, probabilities[row + c]!);
        sum += out[row + c]!;
      }
      // Every map may give 0 for this row: sklearn falls back to the uniform distribution.
      for (let c = 0; c < k; c++) out[row + c] = sum === 0 ? 1 / k : out[row + c]! / sum;
    }
    // As sklearn: values a rounding step above 1 are set to 1.
    for (let c = 0; c < k; c++) {
      const p = out[row + c]!;
      if (p > 1 && p <= 1 + 1e-5) out[row + c] = 1;
    }
  }
  return out;
}
