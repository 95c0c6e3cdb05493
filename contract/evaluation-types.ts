/**
 * The evaluation result: plain JSON (no typed arrays, no NaN — undefined values are null), so the
 * UI can draw it, the CLI can print it with --json, and the history can store it.
 */
export type Task = 'classification' | 'regression';

/** Scalar metrics of one model by name (see METRIC_INFO). null where undefined for this data. */
export type MetricSet = Record<string, number | null>;

/** One value for the ensemble and one per member, by member name. */
export interface PerModel<T> {
  ensemble: T;
  members: Record<string, T>;
}

export interface RocPlot {
  /** The positive class of this curve (binary: the second class; multiclass: one-vs-rest). */
  className: string;
  fpr: number[];
  tpr: number[];
  thresholds: number[];
  /** Area under the full (unthinned) curve. */
  auc: number | null;
  /** True when points closer than 1/500 were dropped for plotting (large files). */
  thinned: boolean;
}

export interface CalibrationPlot {
  className: string;
  probTrue: number[];
  probPred: number[];
  counts: number[];
  bins: number[];
  nBins: number;
}

export interface MatrixPlot {
  names: string[];
  /** Square; matrix[i][j] relates names[i] and names[j]; null where undefined. */
  matrix: (number | null)[][];
}

export interface TrajectoryStep {
  round: number;
  member: string;
  loss: number;
}

export interface TrajectoryPlot {
  metric: 'log_loss' | 'rmse';
  steps: TrajectoryStep[];
  /** Final weight per member name. */
  weights: Record<string, number>;
}

export interface EvaluationPlots {
  /** Classification only. */
  roc: PerModel<RocPlot[]> | null;
  calibration: PerModel<CalibrationPlot[]> | null;
  /** K×K counts, rows = true class, columns = predicted class, in `classes` order. */
  confusion: PerModel<number[][]> | null;
  /** Pearson correlation of the members' scores. */
  correlation: MatrixPlot;
  /** Classification only: fraction of rows on which two members predict different classes. */
  disagreement: MatrixPlot | null;
  /** Present when the run was a greedy weight search. */
  trajectory?: TrajectoryPlot;
}

export interface EvaluationResult {
  task: Task;
  /** Class labels in the ensemble's order (classification), else null. */
  classes: string[] | null;
  /** Rows evaluated (after dropping unknown labels). */
  rows: number;
  /** Rows dropped because their label is not a class (only with ignore-unknown). */
  unknownLabels: number;
  /** Rows per class in the evaluated data (classification), else null. */
  classCounts: number[] | null;
  metrics: PerModel<MetricSet>;
  plots: EvaluationPlots;
}

/** What each metric means and which direction is better, for tables and deltas. */
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
