/**
 * What a finished job reports back from the host to the engine. The engine adds what only it
 * knows (run id, output hash after the rename) and records it all in the history.
 */
import type { DatasetInfo } from './data-types';
import type { ModelInfo } from './model-types';
import type { BenchmarkResult, HostResultByKind, JobKind, MemberSummary, Provider } from './contract';
import type { EnsembleSpec } from './ensemble-spec';
import type { PrecisionReport } from './precision-types';
import type { EvaluationResult } from './evaluation-types';

export interface MetricRow {
  scope: string;
  name: string;
  value: number | null;
}

/** Shared by every job kind: what ran, on what, how fast. */
export interface HostJobReport {
  rows: number;
  seconds: number;
  rowsPerSec: number;
  providerRequested: Provider;
  providerUsed: string;
  warnings: string[];
  models: { member: string; weight: number; info: ModelInfo }[];
  /** The data file read, when the job read one. */
  dataset: DatasetInfo | null;
  classes: string[] | null;
  /** Flat metrics for the history (evaluate, score --label, optimize). */
  metrics: MetricRow[];
  /** Plot data and other structured results, stored as run artifacts. */
  artifacts: Record<string, unknown>;
  /** Peak resident memory of the host process, added by the host when the job ends. */
  hostPeakRssBytes?: number;
  /**
   * sha256 (hex) of the whole temporary output, hashed by its writer as the bytes went out (a
   * resumable text output keeps that hash anyway); without it the engine reads the file to hash it.
   */
  writtenSha256?: string;
}

export interface HostScoreResult extends HostJobReport {
  kind: 'score';
  predictionCounts: Record<string, number> | null;
  members: MemberSummary[];
  /** The evaluation (score --label) as evaluate returns it. */
  evaluation?: EvaluationResult;
  /** `--shard K/N`: the data rows [firstRow, firstRow + rows) of the file's totalRows it scored. */
  shard?: { index: number; count: number; firstRow: number; rows: number; totalRows: number };
  /** `--resume`: the attempt this run continued and the rows it had done. */
  resumed?: { fromRunId: number; rowsBefore: number };
}

export interface HostEvaluateResult extends HostJobReport {
  kind: 'evaluate';
  evaluation: EvaluationResult;
  /**
   * Added by the engine: the labelled file is the one an optimize run fitted this ensemble version
   * on, so the metrics are in-sample and overstate how it does on new data.
   */
  inSample?: boolean;
  /** That optimize run. */
  inSampleRunId?: number;
}

export interface HostOptimizeResult extends HostJobReport {
  kind: 'optimize';
  method: 'greedy' | 'stacking' | 'calibrate';
  /** The spec with the found weights or the fitted meta-model. */
  spec: EnsembleSpec;
  /** greedy: per round, the member chosen and the loss. */
  trajectory?: { round: number; member: string; loss: number }[];
  weights?: Record<string, number>;
  /** Evaluation of the parent spec and of the produced spec on the same hold-out file. */
  before?: EvaluationResult;
  after?: EvaluationResult;
}

export interface HostExportResult extends HostJobReport {
  kind: 'export';
  sizeBytes: number;
  layout: 'per-column' | 'matrix';
  inputs: { name: string; columns: string[]; type: string }[];
  outputs: string[];
  opsets: { domain: string; version: number }[];
  /** With --check: the app and the fused model on the same file. */
  parity: { rows: number; maxAbsDiff: number; agreement: number; disagreements: number[] } | null;
}

export interface HostPrecisionResult extends HostJobReport {
  kind: 'precision';
  variant: 'float16' | 'int8';
  subject: string;
  precision: PrecisionReport;
  /** What the conversion changed and what it kept, in words. */
  changed: string[];
}

export interface HostBenchmarkResult extends HostJobReport, BenchmarkResult {
  kind: 'benchmark';
}

/** Any kind's host result; `kind` tells which. */
export type HostJobResult = HostResultByKind[JobKind];
