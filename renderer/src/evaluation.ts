/**
 * Metric names and directions for the evaluation views. The evaluation's shapes are the engine's
 * (EvaluationResult and its plots, from preload/api-types.ts); results.ts takes them from a job.
 */
export type {
  CalibrationPlot,
  EvaluationResult,
  MatrixPlot,
  MetricSet,
  RocPlot,
} from '../../preload/api-types';

/**
 * Direction of each metric: a copy of METRIC_INFO in main/evaluate/result-types.ts, a run-time
 * value the renderer cannot import (api-types.ts carries types only). Unknown metrics: higher is
 * better unless the name says loss/error.
 */
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
