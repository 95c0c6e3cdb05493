/**
 * The job protocol between the engine (Electron main, HTTP bridge or CLI process) and the engine
 * host process that runs ONNX Runtime. One host process runs one job: cancelling a job that is
 * inside session.run means killing its process, which must never take another job with it.
 *
 * parent → host: `start` once, then maybe `cancel`.
 * host → parent: any number of `progress`, then exactly one `result` or `error`
 *                (a cancelled job ends with an error whose code is `cancelled`).
 */
import type { StudioErrorPayload } from '../../contract/errors';
import type { JobKind, JobProgress } from '../../contract/contract';
import type { HostRequestByKind } from './kinds';
import type { HostRequestBase } from './kinds/kind';
import type { HostJobResult } from '../../contract/job-results';
import type { ServiceHostMessage, ServiceParentMessage } from '../serve/protocol';

/**
 * What the host needs to run a job, by kind: everything resolved to absolute paths by the engine.
 * Each kind's module (jobs/kinds) declares its own fields.
 */
export type JobRequest<K extends JobKind = JobKind> = { [P in K]: HostRequestByKind[P] }[K];
export type ScoreJobRequest = JobRequest<'score'>;
export type ExportJobRequest = JobRequest<'export'>;
export type PrecisionJobRequest = JobRequest<'precision'>;
export type BenchmarkJobRequest = JobRequest<'benchmark'>;

/** What opening a scoring session reads from a request (score, evaluate, optimize). */
export type ScoringRequest = Pick<
  HostRequestBase<JobKind>,
  'spec' | 'baseDir' | 'input' | 'provider' | 'threads'
> & {
  label?: string;
  chunkRows?: number;
};

/** The scoring service (main/serve) runs in a host process too, with messages of its own. */
export type ParentMessage =
  | { type: 'start'; jobId: string; request: JobRequest }
  | { type: 'cancel'; jobId: string }
  | ServiceParentMessage;

type JobHostMessage =
  | { jobId: string; progress: JobProgress }
  | { jobId: string; result: HostJobResult }
  | { jobId: string; error: StudioErrorPayload };

export type HostMessage = JobHostMessage | ServiceHostMessage;

export function isHostMessage(value: unknown): value is JobHostMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { jobId?: unknown }).jobId === 'string' &&
    ('progress' in value || 'result' in value || 'error' in value)
  );
}
