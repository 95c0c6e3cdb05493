/**
 * Builds the whole evaluation of an ensemble and its members on labelled data: scalar metrics
 * per model, and the data behind every plot. Pure: typed arrays in, plain JSON out.
 */
import { StudioError } from '../../contract/errors';
import {
  calibrationCurves,
  classificationMetrics,
  confusionMatrix,
  curveArea,
  positiveClasses,
  rocCurves,
  type RocCurve,
} from './classification-metrics';
import { correlationMatrix, disagreementMatrix, diversityScores } from './diversity';
import { argmaxRows } from './numeric';
import { regressionMetrics } from './regression-metrics';
import type {
  CalibrationPlot,
  EvaluationResult,
  MetricSet,
  PerModel,
  RocPlot,
  Task,
  TrajectoryPlot,
} from '../../contract/evaluation-types';

export * from '../../contract/evaluation-types';

export interface ModelScores {
  name: string;
  /** Classification: N×K probabilities, row-major, in class order. Regression: N predictions. */
  scores: Float64Array;
}

export interface EvaluationInput {
  task: Task;
  /** Ensemble class labels in order (classification). */
  classes?: readonly string[];
  /** Classification: class index per row (labels.ts). Regression: the targets. */
  labels: Int32Array | Float64Array;
  members: readonly ModelScores[];
  /** The ensemble's combined scores, same layout as a member's. */
  ensemble: Float64Array;
  /** Rows dropped for an unknown label, to carry into the result. */
  unknownLabels?: number;
  /** A greedy weight search's trajectory, to carry into the plots. */
  trajectory?: TrajectoryPlot;
}

export function evaluateEnsemble(input: EvaluationInput): EvaluationResult {
  const rows = input.labels.length;
  if (rows === 0) throw new StudioError('bad_input', 'nothing to evaluate: no labelled rows');
  return input.task === 'classification'
    ? evaluateClassification(input, rows)
    : evaluateRegression(input, rows);
}

function evaluateClassification(input: EvaluationInput, rows: number): EvaluationResult {
  const classes = [...(input.classes ?? [])];
  const k = classes.length;
  if (k < 2) throw new StudioError('bad_input', 'a classification evaluation needs at least two classes');
  const labels = input.labels instanceof Int32Array ? input.labels : Int32Array.from(input.labels);
  checkShape(input, rows * k);

  const evaluateOne = (scores: Float64Array) => {
    const predictions = argmaxRows(scores, k);
    const curves = rocCurves(labels, scores, k);
    return {
      predictions,
      metrics: toMetricSet({ ...classificationMetrics(labels, scores, k, predictions, curves) }),
      roc: rocPlots(curves, classes),
      calibration: calibrationPlots(labels, scores, classes),
      confusion: confusionMatrix(labels, predictions, k),
    };
  };
  const ensemble = evaluateOne(input.ensemble);
  const members = input.members.map((m) => ({ name: m.name, ...evaluateOne(m.scores) }));
  const names = input.members.map((m) => m.name);
  const perModel = <T>(pick: (e: typeof ensemble) => T): PerModel<T> => ({
    ensemble: pick(ensemble),
    members: Object.fromEntries(members.map((m) => [m.name, pick(m)])),
  });

  const classCounts = new Array<number>(k).fill(0);
  for (const c of labels) classCounts[c]!++;
  return {
    task: 'classification',
    classes,
    rows,
    unknownLabels: input.unknownLabels ?? 0,
    classCounts,
    metrics: perModel((m) => m.metrics),
    plots: {
      roc: perModel((m) => m.roc),
      calibration: perModel((m) => m.calibration),
      confusion: perModel((m) => m.confusion),
      correlation: correlationMatrix(
        names,
        input.members.map((m) => diversityScores(m.scores, k)),
      ),
      disagreement: disagreementMatrix(
        names,
        members.map((m) => m.predictions),
      ),
      ...(input.trajectory ? { trajectory: input.trajectory } : {}),
    },
  };
}

function evaluateRegression(input: EvaluationInput, rows: number): EvaluationResult {
  const truth = input.labels instanceof Float64Array ? input.labels : Float64Array.from(input.labels);
  checkShape(input, rows);
  return {
    task: 'regression',
    classes: null,
    rows,
    unknownLabels: input.unknownLabels ?? 0,
    classCounts: null,
    metrics: {
      ensemble: toMetricSet({ ...regressionMetrics(truth, input.ensemble) }),
      members: Object.fromEntries(
        input.members.map((m) => [m.name, toMetricSet({ ...regressionMetrics(truth, m.scores) })]),
      ),
    },
    plots: {
      roc: null,
      calibration: null,
      confusion: null,
      correlation: correlationMatrix(
        input.members.map((m) => m.name),
        input.members.map((m) => diversityScores(m.scores, null)),
      ),
      disagreement: null,
      ...(input.trajectory ? { trajectory: input.trajectory } : {}),
    },
  };
}

function checkShape(input: EvaluationInput, expected: number): void {
  const models = [{ name: 'ensemble', scores: input.ensemble }, ...input.members];
  for (const m of models) {
    if (m.scores.length !== expected) {
      throw new StudioError(
        'internal',
        `evaluation: ${m.name} has ${m.scores.length} scores where ${expected} were expected`,
        { member: m.name },
      );
    }
  }
}

/**
 * Plot data for the ROC curves. The AUC comes from the full curve; the points are thinned for
 * large files (a 100k-row file has tens of thousands of corners per curve, megabytes of JSON a
 * chart cannot show): a point is kept when it moved at least ROC_PLOT_STEP in fpr or tpr from the
 * last kept one, plus both ends — at most ~2/ROC_PLOT_STEP points, off by < ROC_PLOT_STEP.
 */
export const ROC_PLOT_STEP = 1 / 500;

function rocPlots(curves: readonly RocCurve[], classes: string[]): RocPlot[] {
  const positives = positiveClasses(classes.length);
  return curves.flatMap((curve, i) => {
    // A class absent from the labels has no ROC curve (its rates are undefined).
    if (curve.fpr.some(Number.isNaN) || curve.tpr.some(Number.isNaN)) return [];
    const keep = thinnedIndices(curve.fpr, curve.tpr);
    return [
      {
        className: classes[positives[i]!]!,
        fpr: keep.map((j) => curve.fpr[j]!),
        tpr: keep.map((j) => curve.tpr[j]!),
        thresholds: keep.map((j) => curve.thresholds[j]!),
        auc: finiteOrNull(curveArea(curve)),
        thinned: keep.length < curve.fpr.length,
      },
    ];
  });
}

function thinnedIndices(x: readonly number[], y: readonly number[]): number[] {
  const keep = [0];
  for (let j = 1; j < x.length - 1; j++) {
    const last = keep[keep.length - 1]!;
    if (Math.abs(x[j]! - x[last]!) >= ROC_PLOT_STEP || Math.abs(y[j]! - y[last]!) >= ROC_PLOT_STEP)
      keep.push(j);
  }
  if (x.length > 1) keep.push(x.length - 1);
  return keep;
}

function calibrationPlots(labels: Int32Array, scores: Float64Array, classes: string[]): CalibrationPlot[] {
  const k = classes.length;
  const positives = positiveClasses(k);
  return calibrationCurves(labels, scores, k).map((curve, i) => ({
    className: classes[positives[i]!]!,
    ...curve,
  }));
}

function toMetricSet(values: Record<string, number | undefined>): MetricSet {
  const out: MetricSet = {};
  for (const [name, v] of Object.entries(values)) if (v !== undefined) out[name] = finiteOrNull(v);
  return out;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
