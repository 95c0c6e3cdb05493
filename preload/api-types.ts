/**
 * Result types of the contract's jobs, for the renderer: what `job.finished.result` holds for each
 * job kind, and the evaluation the UI draws. Types only, from plain-data modules of the engine,
 * so the renderer shares the engine's definitions instead of copying them.
 */
export type {
  FinishedJobResult,
  HostBenchmarkResult,
  HostEvaluateResult,
  HostExportResult,
  HostJobResult,
  HostOptimizeResult,
  HostPrecisionResult,
  HostScoreResult,
  MetricRow,
} from '../main/jobs/results';
export type {
  EvaluationResult,
  MetricSet,
  RocPlot,
  CalibrationPlot,
  MatrixPlot,
  TrajectoryPlot,
} from '../main/evaluate/result-types';
export type { ModelInfo, TensorSignature, DetectedRole } from '../main/model/types';
export type { DatasetInfo, ColumnSummary } from '../main/data/types';
export type { PrecisionReport } from '../main/precision/report-types';
