/**
 * Metric names and directions for the evaluation views. The evaluation's shapes are the engine's
 * (EvaluationResult and its plots, from contract/evaluation-types.ts); results.ts takes them from a job.
 */
export type { EvaluationResult } from '../../contract/evaluation-types';

import { METRIC_INFO } from '../../contract/evaluation-types';

export { METRIC_INFO };

export function metricLabel(name: string): string {
  return METRIC_INFO[name]?.label ?? name.replace(/_/g, ' ');
}

export function higherIsBetter(name: string): boolean {
  const info = METRIC_INFO[name];
  if (info) return info.higherIsBetter;
  return !/loss|error|rmse|mae|brier|ece/i.test(name);
}
