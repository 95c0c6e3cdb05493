/**
 * The evaluation result as the engine sends it (main/evaluate/result-types.ts, mirrored here
 * because the renderer may not import main/), with guards: any part that does not have the
 * expected shape is dropped rather than trusted.
 */
import { isObject, num, numArray, numOrNull, str, strArray, type Json } from './types';

export type MetricSet = Record<string, number | null>;
export interface PerModel<T> {
  ensemble: T;
  members: Record<string, T>;
}
export interface RocPlot {
  className: string;
  fpr: number[];
  tpr: number[];
  auc: number | null;
}
export interface CalibrationPlot {
  className: string;
  probTrue: number[];
  probPred: number[];
  counts: number[];
}
export interface MatrixPlot {
  names: string[];
  matrix: (number | null)[][];
}
export interface TrajectoryStep {
  round: number;
  member: string;
  loss: number;
}
export interface EvaluationView {
  task: 'classification' | 'regression';
  classes: string[] | null;
  rows: number;
  unknownLabels: number;
  classCounts: number[] | null;
  metrics: PerModel<MetricSet>;
  roc: PerModel<RocPlot[]> | null;
  calibration: PerModel<CalibrationPlot[]> | null;
  confusion: PerModel<number[][]> | null;
  correlation: MatrixPlot | null;
  disagreement: MatrixPlot | null;
}

/** Direction of each metric (mirrors METRIC_INFO); unknown metrics: higher is better unless the name says loss/error. */
export const METRIC_INFO: Record<string, { label: string; higherIsBetter: boolean }> = {
  accuracy: { label: 'Accuracy', higherIsBetter: true },
  balanced_accuracy: { label: 'Balanced accuracy', higherIsBetter: true },
  log_loss: { label: 'Log loss', higherIsBetter: false },
  roc_auc: { label: 'ROC AUC', higherIsBetter: true },
  f1_macro: { label: 'F1 (macro)', higherIsBetter: true },
  brier: { label: 'Brier score', higherIsBetter: false },
  rmse: { label: 'RMSE', higherIsBetter: false },
  mae: { label: 'MAE', higherIsBetter: false },
  r2: { label: 'R²', higherIsBetter: true },
  residual_q05: { label: 'Residual 5%', higherIsBetter: false },
  residual_q25: { label: 'Residual 25%', higherIsBetter: false },
  residual_q50: { label: 'Residual median', higherIsBetter: false },
  residual_q75: { label: 'Residual 75%', higherIsBetter: false },
  residual_q95: { label: 'Residual 95%', higherIsBetter: false },
};

export function metricLabel(name: string): string {
  return METRIC_INFO[name]?.label ?? name.replace(/_/g, ' ');
}

export function higherIsBetter(name: string): boolean {
  const info = METRIC_INFO[name];
  if (info) return info.higherIsBetter;
  return !/loss|error|rmse|mae|brier|ece/i.test(name);
}

function metricSet(v: unknown): MetricSet | null {
  if (!isObject(v)) return null;
  const out: MetricSet = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'number' || x === null) out[k] = x;
  return out;
}

function perModel<T>(v: unknown, item: (x: unknown) => T | null): PerModel<T> | null {
  if (!isObject(v) || !isObject(v.members)) return null;
  const ensemble = item(v.ensemble);
  if (ensemble === null) return null;
  const members: Record<string, T> = {};
  for (const [name, x] of Object.entries(v.members)) {
    const parsed = item(x);
    if (parsed !== null) members[name] = parsed;
  }
  return { ensemble, members };
}

function list<T>(item: (x: unknown) => T | null) {
  return (v: unknown): T[] | null =>
    Array.isArray(v) ? v.map(item).filter((x): x is T => x !== null) : null;
}

function rocPlot(v: unknown): RocPlot | null {
  if (!isObject(v)) return null;
  const fpr = numArray(v.fpr);
  const tpr = numArray(v.tpr);
  if (!fpr || !tpr) return null;
  return { className: String(v.className ?? ''), fpr, tpr, auc: numOrNull(v.auc) };
}

function calibrationPlot(v: unknown): CalibrationPlot | null {
  if (!isObject(v)) return null;
  const probTrue = numArray(v.probTrue);
  const probPred = numArray(v.probPred);
  if (!probTrue || !probPred) return null;
  return { className: String(v.className ?? ''), probTrue, probPred, counts: numArray(v.counts) ?? [] };
}

function matrixOf(v: unknown): number[][] | null {
  if (!Array.isArray(v)) return null;
  const rows = v.map(numArray);
  return rows.every((r): r is number[] => r !== null) ? rows : null;
}

function matrixPlot(v: unknown): MatrixPlot | null {
  if (!isObject(v)) return null;
  const names = strArray(v.names);
  if (!names || !Array.isArray(v.matrix)) return null;
  const matrix = v.matrix.map((row) =>
    Array.isArray(row) ? row.map((x) => (typeof x === 'number' ? x : null)) : [],
  );
  return { names, matrix };
}

export function toEvaluation(v: unknown): EvaluationView | null {
  if (!isObject(v)) return null;
  const metrics = perModel(v.metrics, metricSet);
  if (!metrics) return null;
  const plots: Json = isObject(v.plots) ? v.plots : {};
  return {
    task: v.task === 'regression' ? 'regression' : 'classification',
    classes: strArray(v.classes),
    rows: num(v.rows) ?? 0,
    unknownLabels: num(v.unknownLabels) ?? 0,
    classCounts: numArray(v.classCounts),
    metrics,
    roc: perModel(plots.roc, list(rocPlot)),
    calibration: perModel(plots.calibration, list(calibrationPlot)),
    confusion: perModel(plots.confusion, matrixOf),
    correlation: matrixPlot(plots.correlation),
    disagreement: matrixPlot(plots.disagreement),
  };
}

export interface OptimizeView {
  method: 'greedy' | 'stacking';
  output: string | null;
  trajectory: TrajectoryStep[];
  weights: Record<string, number>;
  /** The produced spec (weights or the fitted meta-model). */
  spec: unknown;
  before: EvaluationView | null;
  after: EvaluationView | null;
}

export function toOptimize(v: unknown): OptimizeView | null {
  if (!isObject(v)) return null;
  const trajectory = Array.isArray(v.trajectory)
    ? v.trajectory.flatMap((s) =>
        isObject(s) && typeof s.loss === 'number'
          ? [{ round: num(s.round) ?? 0, member: str(s.member) ?? '', loss: s.loss }]
          : [],
      )
    : [];
  const weights: Record<string, number> = {};
  if (isObject(v.weights))
    for (const [k, w] of Object.entries(v.weights)) if (typeof w === 'number') weights[k] = w;
  return {
    method: v.method === 'stacking' ? 'stacking' : 'greedy',
    output: str(v.output),
    trajectory,
    weights,
    spec: v.spec,
    before: toEvaluation(v.before),
    after: toEvaluation(v.after),
  };
}

/** The evaluation inside a finished evaluate job's result (or a bare evaluation). */
export function evaluationOfJobResult(v: unknown): EvaluationView | null {
  if (isObject(v) && v.evaluation !== undefined) return toEvaluation(v.evaluation);
  return toEvaluation(v);
}
