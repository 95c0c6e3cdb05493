/**
 * What a finished job reports back from the host to the engine. The engine adds what only it
 * knows (run id, output hash after the rename) and records it all in the history.
 */
import type { DatasetInfo } from '../data/types';
import type { ModelInfo } from '../model/types';
import type { MemberSummary, Provider } from '../../preload/contract';
import type { EnsembleSpec } from '../ensemble/spec';

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
  dataset: DatasetInfo;
  classes: string[] | null;
  /** Flat metrics for the history (evaluate, score --label, optimize). */
  metrics: MetricRow[];
  /** Plot data and other structured results, stored as run artifacts. */
  artifacts: Record<string, unknown>;
  /** Peak resident memory of the host process, added by the host when the job ends. */
  hostPeakRssBytes?: number;
}

export interface HostScoreResult extends HostJobReport {
  kind: 'score';
  predictionCounts: Record<string, number> | null;
  members: MemberSummary[];
  /** The evaluation (score --label) as evaluate returns it. */
  evaluation?: unknown;
}

export interface HostEvaluateResult extends HostJobReport {
  kind: 'evaluate';
  evaluation: unknown;
}

export interface HostOptimizeResult extends HostJobReport {
  kind: 'optimize';
  method: 'greedy' | 'stacking';
  /** The spec with the found weights or the fitted meta-model. */
  spec: EnsembleSpec;
  /** greedy: per round, the member chosen and the loss. */
  trajectory?: { round: number; member: string; loss: number }[];
  weights?: Record<string, number>;
  /** Evaluation of the parent spec and of the produced spec on the same hold-out file. */
  before?: unknown;
  after?: unknown;
}

export type HostJobResult = HostScoreResult | HostEvaluateResult | HostOptimizeResult;
