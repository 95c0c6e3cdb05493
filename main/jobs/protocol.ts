/**
 * The job protocol between the engine (Electron main, HTTP bridge or CLI process) and the engine
 * host process that runs ONNX Runtime. One host process runs one job: cancelling a job that is
 * inside session.run means killing its process, which must never take another job with it.
 *
 * parent → host: `start` once, then maybe `cancel`.
 * host → parent: any number of `progress`, then exactly one `result` or `error`
 *                (a cancelled job ends with an error whose code is `cancelled`).
 */
import type { StudioErrorPayload } from '../errors';
import type { EnsembleSpec } from '../ensemble/spec';
import type { JobKind, JobProgress, Provider } from '../../preload/contract';

/** What the host needs to run a job: everything resolved to absolute paths by the engine. */
export interface JobRequest {
  kind: JobKind;
  spec: EnsembleSpec;
  /** Folder the spec's model paths are relative to. */
  baseDir: string;
  /** The data file; empty for an export without --check. */
  input: string;
  /** Final output path (score) and the temp path the host writes to before the engine renames. */
  output?: string;
  tempOutput?: string;
  keep: string[];
  keepAll: boolean;
  members: boolean;
  provider: Provider;
  threads?: number;
  label?: string;
  ignoreUnknownLabels: boolean;
  chunkRows?: number;
  /** score only: neutralise formula-like text cells in CSV/TSV output (ScoreRequest.escapeFormulas). */
  escapeFormulas: boolean;
  /** Whether files already at the job's targets may be replaced (checked again where the host writes). */
  overwrite: boolean;
  /** optimize only */
  method?: 'greedy' | 'stacking';
  size?: number;
  /** export only: the fused model's input layout; `input` is then the optional --check file. */
  layout?: 'per-column' | 'matrix';
  /** precision only */
  variant?: 'float16' | 'int8';
  member?: string;
  sampleRows?: number;
  /** benchmark only */
  benchmarkProviders?: Provider[];
  benchmarkThreads?: number[];
  saveOptimizedDir?: string;
}

export type ParentMessage =
  { type: 'start'; jobId: string; request: JobRequest } | { type: 'cancel'; jobId: string };

export type HostMessage =
  | { jobId: string; progress: JobProgress }
  | { jobId: string; result: unknown }
  | { jobId: string; error: StudioErrorPayload };

export function isHostMessage(value: unknown): value is HostMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { jobId?: unknown }).jobId === 'string' &&
    ('progress' in value || 'result' in value || 'error' in value)
  );
}
