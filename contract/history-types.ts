/**
 * Records of the SQLite history (DESIGN.md, "History") as the query functions return them.
 * Plain interfaces: rows are written only by this folder's functions, so they are trusted on the
 * way out and need no runtime schema.
 */
import type { ColumnSchema, DataFormat } from './data-types';
import type { EnsembleSpec } from './ensemble-spec';
import type { StudioErrorPayload } from './errors';
import type { DetectedRole, TensorSignature } from './model-types';
import type { JobKind, RunStatus } from './contract';

/** A run is one job: its kinds and statuses are the contract's. */
export type RunKind = JobKind;
export type { RunStatus };

/** What a run's own process may finish it as; `interrupted` is set only by recovery at open. */
export const FINISH_STATUSES = ['succeeded', 'failed', 'cancelled'] as const satisfies readonly RunStatus[];
export type FinishStatus = (typeof FINISH_STATUSES)[number];

/** The metric scope of the ensemble as a whole; any other scope is a member name. */
export const ENSEMBLE_SCOPE = 'ensemble';

export interface ModelSignature {
  irVersion: number;
  opsets: { domain: string; version: number }[];
  inputs: TensorSignature[];
  /** As the runtime sees them (after a ZipMap rewrite). */
  outputs: TensorSignature[];
  /** As stored in the file. */
  originalOutputs: TensorSignature[];
}

export interface ModelRecord {
  id: number;
  path: string;
  sha256: string;
  sizeBytes: number;
  signature: ModelSignature;
  /** "name version" of the tool that wrote the model, e.g. "skl2onnx 1.17.0". */
  producer: string;
  detected: DetectedRole;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface DatasetInput {
  path: string;
  sizeBytes: number;
  /** From datasetFingerprint(); a changed file gets a new dataset row, old runs keep theirs. */
  fingerprint: string;
  format: DataFormat;
  columns: ColumnSchema[];
  rowCount?: number | null;
}

export interface DatasetRecord {
  id: number;
  path: string;
  sizeBytes: number;
  fingerprint: string;
  format: DataFormat;
  columns: ColumnSchema[];
  rowCount: number | null;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface EnsembleVersionRef {
  ensembleId: number;
  versionId: number;
  /** 1, 2, 3 … per ensemble, in the order versions were first seen. */
  versionNumber: number;
}

export interface EnsembleVersionRecord extends EnsembleVersionRef {
  name: string;
  specPath: string | null;
  specSha256: string;
  spec: EnsembleSpec;
  createdAt: string;
}

export interface StartRunInput {
  kind: RunKind;
  ensembleVersionId?: number | null;
  datasetId?: number | null;
  /** The run this one derives from (e.g. the evaluate an optimize started from). */
  parentRunId?: number | null;
  providerRequested?: string | null;
  threads?: number | null;
  appVersion?: string | null;
  onnxruntimeVersion?: string | null;
  /** The command's options, as given, so the run can be repeated. */
  params?: Record<string, unknown>;
  /**
   * The process that will finish the run. Defaults to this process; recovery at open marks the
   * run interrupted once that process is gone.
   */
  /** Defaults to this process; startedAt tells a reused pid from the owner. */
  owner?: { pid: number; host: string; startedAt?: number | null };
}

export interface FinishRunInput {
  status: FinishStatus;
  rows?: number | null;
  rowsPerSec?: number | null;
  outputPath?: string | null;
  outputSha256?: string | null;
  error?: StudioErrorPayload | null;
  warnings?: string[];
  providerUsed?: string | null;
  /** The ensemble version an optimize run wrote. */
  producedVersionId?: number | null;
}

export interface RunMemberInput {
  name: string;
  modelId: number;
  weight: number;
}

export interface MetricInput {
  /** 'ensemble' or a member name. */
  scope: string;
  name: string;
  /** NaN (e.g. ROC AUC of a single-class file) is stored as NULL and read back as null. */
  value: number | null;
}

export interface MetricRecord {
  scope: string;
  name: string;
  value: number | null;
}

export interface RunFilter {
  /** Part of a kind, any case ("opt" finds optimize runs). */
  kind?: string;
  /** Part of a status, any case. */
  status?: string;
  /** Part of an ensemble's name (any case), or an ensemble id. */
  ensemble?: string | number;
  /** Part of a dataset's path or file name (any case), or a dataset id. */
  dataset?: string | number;
  /** Newest first; default 100. */
  limit?: number;
  offset?: number;
}

export interface RunSummary {
  id: number;
  kind: RunKind;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  ensembleName: string | null;
  ensembleVersionNumber: number | null;
  datasetPath: string | null;
  rows: number | null;
  rowsPerSec: number | null;
  providerRequested: string | null;
  providerUsed: string | null;
}

export interface RunMemberRecord {
  name: string;
  weight: number;
  modelId: number;
  modelPath: string;
  modelSha256: string;
}

export interface RunDetail extends RunSummary {
  ensemble: EnsembleVersionRecord | null;
  dataset: DatasetRecord | null;
  parentRunId: number | null;
  producedVersion: EnsembleVersionRecord | null;
  threads: number | null;
  appVersion: string | null;
  onnxruntimeVersion: string | null;
  params: Record<string, unknown>;
  outputPath: string | null;
  outputSha256: string | null;
  error: StudioErrorPayload | null;
  warnings: string[];
  ownerPid: number | null;
  ownerHost: string | null;
  members: RunMemberRecord[];
  metrics: MetricRecord[];
  /** Names only; read one with getArtifact(). */
  artifacts: string[];
}

export interface MetricComparison {
  scope: string;
  name: string;
  valueA: number | null;
  valueB: number | null;
  /** valueB − valueA; null when either side is missing or undefined. */
  delta: number | null;
}

/** One setting that differs between two runs; values are as stored (JSON-able). */
export interface RunDifference {
  /** e.g. 'dataset', 'ensembleVersion', 'providerUsed', 'params.threads'. */
  field: string;
  a: unknown;
  b: unknown;
}

export interface RunComparison {
  a: RunSummary;
  b: RunSummary;
  metrics: MetricComparison[];
  differences: RunDifference[];
}
