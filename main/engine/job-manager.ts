/**
 * Starts jobs in engine host processes, relays their progress and keeps the history true to
 * what happened.
 *
 * The engine process owns the SQLite history; the host only computes. A run is recorded
 * `running` before the host starts and finished exactly once from the host's outcome. If this
 * process dies instead, the next open marks the run `interrupted` (history/recover.ts).
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Database } from 'better-sqlite3';
import { StudioError, toErrorPayload } from '../errors';
import type { EventMap, JobFinished, JobProgress, JobStarted } from '../../preload/contract';
import { discardOutput } from '../jobs/atomic-output';
import type { HostJobResult } from '../jobs/results';
import { runInHost, type RunningJob, type SpawnHost } from '../host/host-client';
import { loadEnsembleSource } from './load-spec';
import { checkJobFiles, toHostRequest, type AnyRequest } from './job-request';
import { recordFailure, recordStart, recordSuccess } from './run-recorder';

export type { AnyRequest } from './job-request';

/** Progress is re-emitted at least this often, even while a chunk is inside session.run. */
const HEARTBEAT_MS = 250;

interface ActiveJob {
  runId: number;
  running: RunningJob;
  finished: Promise<JobFinished>;
}

export class JobManager {
  private readonly jobs = new Map<string, ActiveJob>();

  constructor(
    private readonly db: Database,
    private readonly spawnHost: SpawnHost,
    private readonly events: EventEmitter,
  ) {}

  async start(job: AnyRequest): Promise<JobStarted> {
    const loaded = await loadEnsembleSource(job.request.ensemble);
    const files = await checkJobFiles(job);
    const run = await recordStart(this.db, job, loaded, files);
    const jobId = randomUUID();

    let last: JobProgress | null = null;
    let lastAt = Date.now();
    const heartbeat = setInterval(() => {
      if (!last || Date.now() - lastAt < HEARTBEAT_MS) return;
      this.emit('job.progress', {
        ...last,
        elapsedSeconds: last.elapsedSeconds + (Date.now() - lastAt) / 1000,
      });
    }, HEARTBEAT_MS);
    const running = runInHost(this.spawnHost, jobId, toHostRequest(job, loaded, files), (progress) => {
      last = progress;
      lastAt = Date.now();
      this.emit('job.progress', progress);
    });

    const finished = running.done.then(async (outcome): Promise<JobFinished> => {
      clearInterval(heartbeat);
      let event: JobFinished;
      try {
        if ('error' in outcome) throw outcome.error;
        const result = await recordSuccess(this.db, run, job, loaded, files, outcome.result as HostJobResult);
        event = { jobId, runId: run.runId, status: 'succeeded', result };
      } catch (thrown) {
        if (files.tempOutput) await discardOutput(files.tempOutput);
        const error = toErrorPayload(thrown);
        event = { jobId, runId: run.runId, status: recordFailure(this.db, run.runId, error), error };
      }
      this.jobs.delete(jobId);
      this.emit('job.finished', event);
      return event;
    });
    this.jobs.set(jobId, { runId: run.runId, running, finished });
    return { jobId, runId: run.runId };
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.running.cancel();
    return true;
  }

  /** Resolves when the job ends; for the CLI, which runs one job and waits. */
  wait(jobId: string): Promise<JobFinished> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(new StudioError('not_found', `no running job ${jobId}`));
    return job.finished;
  }

  /** Cancels every job and waits for them (app quit, CLI exit). */
  async shutdown(): Promise<void> {
    const pending = [...this.jobs.values()];
    for (const job of pending) job.running.cancel();
    await Promise.allSettled(pending.map((job) => job.finished));
  }

  private emit<E extends keyof EventMap>(event: E, payload: EventMap[E]): void {
    this.events.emit(event, payload);
  }
}
