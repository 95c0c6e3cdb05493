/**
 * What the engine's non-job handlers (bundles, the scoring service, shard merges) get from the
 * engine: the history's path (never to be written over) and the outputs running jobs own.
 */
import type { Database } from 'better-sqlite3';
import type { JobFinished, JobKind, JobStarted } from '../../contract/contract';
import type { JobOf } from './job-request';
import type { SpawnHost } from '../host/host-client';

export interface EngineServices {
  db: Database;
  historyPath: string;
  /** Outputs of jobs now running: no other call may write them. */
  busyOutputs(): string[];
  /** Starts a job (recorded in the history like any other) — e.g. a fused export for a bundle. */
  startJob<K extends JobKind>(job: JobOf<K>): Promise<JobStarted>;
  /** Resolves when a started job ends. */
  waitForJob(jobId: string): Promise<JobFinished>;
  /** How host processes are started (the scoring service runs in one). */
  spawnHost: SpawnHost;
}
