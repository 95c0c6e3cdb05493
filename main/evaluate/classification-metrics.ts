/**
 * Classification metrics over class indices and row-major N×K probabilities, defined as
 * scikit-learn 1.2 defines them (see each function for where a choice was needed).
 */
import { calibrationCurve, type CalibrationCurve } from './calibration';
import { confusionMatrix } from './confusion';
import { argmaxRows, column, pairwiseSum } from './numeric';
import { oneVsRest, rocCurve, trapezoid, type RocCurve } from './roc';

export { calibrationCurve, confusionMatrix, rocCurve, argmaxRows };
export type { CalibrationCurve, RocCurve };

/** The issue's clipping bound: sklearn < 1.2's default `eps=1e-15` (1.2 defaults to float64 eps). */
export const LOG_LOSS_EPS = 1e-15;

/** `accuracy_score`: the fraction of rows predicted right. */
export function accuracy(labels: Int32Array, predictions: Int32Array): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predictions[i]) right++;
  return right / labels.length;
}

/**
 * `balanced_accuracy_score`: the mean recall over the classes present in the labels (sklearn drops
 * classes that occur only among the predictions, with a warning).
 */
export function balancedAccuracy(labels: Int32Array, predictions: Int32Array, k: number): number {
  const matrix = confusionMatrix(labels, predictions, k);
  const recalls: number[] = [];
  for (let c = 0; c < k; c++) {
    const row = matrix[c]!;
    const support = row.reduce((a, b) => a + b, 0);
    if (support > 0) recalls.push(row[c]! / support);
  }
  return pairwiseSum(recalls) / recalls.length;
}

/**
 * `f1_score(average='macro')` with sklearn's defaults: averaged over the classes that occur in
 * the labels or the predictions (not over all K), and `zero_division='warn'`, which scores an
 * undefined precision or recall as 0.
 */
export function f1Macro(labels: Int32Array, predictions: Int32Array, k: number): number {
  const matrix = confusionMatrix(labels, predictions, k);
  const scores: number[] = [];
  for (let c = 0; c < k; c++) {
    const tp = matrix[c]![c]!;
    const trueSum = matrix[c]!.reduce((a, b) => a + b, 0);
    let predSum = 0;
    for (let r = 0; r < k; r++) predSum += matrix[r]![c]!;
    if (trueSum === 0 && predSum === 0) continue;
    const precision = predSum === 0 ? 0 : tp / predSum;
    const recall = trueSum === 0 ? 0 : tp / trueSum;
    const denom = precision + recall;
    // sklearn 1.2: (1 + beta²)·P·R / (beta²·P + R), denominator 0 replaced by 1.
    scores.push((2 * precision * recall) / (denom === 0 ? 1 : denom));
  }
  return pairwiseSum(scores) / scores.length;
}

/**
 * `log_loss(y, P, eps, labels=classes)` as sklearn 1.2 computes it: clip every probability to
 * [eps, 1-eps], renormalise each row to sum 1, then average -log P(true class).
 * Later sklearn versions (≥ 1.5) no longer renormalise and always clip at float64 eps; for
 * probability rows that already sum to 1 the difference only shows when some P < eps.
 */
export function logLoss(
  labels: Int32Array,
  probabilities: Float64Array,
  k: number,
  eps = LOG_LOSS_EPS,
): number {
  const n = labels.length;
  const losses = new Float64Array(n);
  const row = new Float64Array(k);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < k; c++) row[c] = clip(probabilities[r * k + c]!, eps);
    losses[r] = -Math.log(row[labels[r]!]! / pairwiseSum(row));
  }
  return pairwiseSum(losses) / n;
}

function clip(p: number, eps: number): number {
  return p < eps ? eps : p > 1 - eps ? 1 - eps : p;
}

/** `brier_score_loss` for a binary task: positive class = the second class (index 1). */
export function brierScore(labels: Int32Array, probabilities: Float64Array): number {
  const n = labels.length;
  const squares = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const d = (labels[r] === 1 ? 1 : 0) - probabilities[r * 2 + 1]!;
    squares[r] = d * d;
  }
  return pairwiseSum(squares) / n;
}

/**
 * `roc_auc_score`: binary on P(second class); for K ≥ 3 one-vs-rest, macro-averaged
 * (`multi_class='ovr'`). NaN where sklearn raises: a class absent from the labels (binary: only
 * one class present; multiclass: any class absent, because its one-vs-rest AUC is undefined).
 */
export function rocAuc(labels: Int32Array, probabilities: Float64Array, k: number): number {
  return rocAucFromCurves(rocCurves(labels, probabilities, k));
}

/** The ROC curves a plot needs: binary → one curve (positive = second class); else one per class. */
export function rocCurves(labels: Int32Array, probabilities: Float64Array, k: number): RocCurve[] {
  return positiveClasses(k).map((c) => rocCurve(oneVsRest(labels, c), column(probabilities, k, c)));
}

/** ROC AUC from the curves of `rocCurves` (area per curve, macro mean over classes). */
export function rocAucFromCurves(curves: readonly RocCurve[]): number {
  const aucs = curves.map(curveArea);
  return aucs.length === 1 ? aucs[0]! : pairwiseSum(aucs) / aucs.length;
}

/** Area under one ROC curve; NaN when a class is missing (its rates are NaN). */
export function curveArea(curve: RocCurve): number {
  return trapezoid(curve.fpr, curve.tpr);
}

/** Binary: the second class only; multiclass: every class (one-vs-rest). */
export function positiveClasses(k: number): number[] {
  return k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);
}

/** Calibration curves: binary → one (positive = second class); else one-vs-rest per class. */
export function calibrationCurves(
  labels: Int32Array,
  probabilities: Float64Array,
  k: number,
  nBins = 10,
): CalibrationCurve[] {
  return positiveClasses(k).map((c) =>
    calibrationCurve(oneVsRest(labels, c), column(probabilities, k, c), nBins),
  );
}

/** Every scalar classification metric of one model, by name. Brier only for binary tasks. */
export interface ClassificationMetrics {
  accuracy: number;
  balanced_accuracy: number;
  log_loss: number;
  roc_auc: number;
  f1_macro: number;
  brier?: number;
}

export function classificationMetrics(
  labels: Int32Array,
  probabilities: Float64Array,
  k: number,
  predictions: Int32Array = argmaxRows(probabilities, k),
  curves: readonly RocCurve[] = rocCurves(labels, probabilities, k),
): ClassificationMetrics {
  const metrics: ClassificationMetrics = {
    accuracy: accuracy(labels, predictions),
    balanced_accuracy: balancedAccuracy(labels, predictions, k),
    log_loss: logLoss(labels, probabilities, k),
    roc_auc: rocAucFromCurves(curves),
    f1_macro: f1Macro(labels, predictions, k),
  };
  if (k === 2) metrics.brier = brierScore(labels, probabilities);
  return metrics;
}
