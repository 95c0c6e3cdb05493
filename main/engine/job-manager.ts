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
import { StudioError, toErrorPayload, type StudioErrorPayload } from '../../contract/errors';
import type { EventMap, JobFinished, JobKind, JobProgress, JobStarted } from '../../contract/contract';
import { discardOutput } from '../jobs/atomic-output';
import { runInHost, type RunningJob, type SpawnHost } from '../host/host-client';
import { loadEnsembleSource } from './load-spec';
import { checkJobFiles, toHostRequest, type JobOf } from './job-request';
import { recordFailure, recordStart, recordSuccess } from './run-recorder';
import { runningWrites } from '../history/runs';
import { resolveRunReference } from './run-reference';
import { scoreFilesFor } from '../whatif/score-store';
import { planRunExtras } from './score-extras';
import { formatCount } from '../text/format-count';

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
    private readonly historyPath: string = db.name,
  ) {}

  /**
   * The resolved outputs of the jobs running now, in this process and in others: every job records
   * them with its `running` row before it starts and keeps that row until it has finished.
   */
  busyOutputs(): string[] {
    return runningWrites(this.db);
  }

  async start<K extends JobKind>(asked: JobOf<K>): Promise<JobStarted> {
    // The host starts now (a process, then ONNX Runtime and DuckDB loading in it) while the files
    // are checked and the run recorded here; a job refused by those checks stops it again.
    const host = this.spawnHost();
    const prepare = async () => {
      const job = resolveRunReference(this.db, asked);
      const loaded = await loadEnsembleSource(job.request.ensemble);
      const files = await checkJobFiles(job, loaded, {
        historyPath: this.historyPath,
        busyOutputs: this.busyOutputs(),
      });
      // Shards and resumable runs: the partial's name, the attempt resumed, the manifest (score only).
      const extras = await planRunExtras(this.db, job, loaded, files);
      const run = await recordStart(this.db, job, loaded, files, extras.parentRunId);
      return { job, loaded, files, extras, run };
    };
    const { job, loaded, files, extras, run } = await prepare().catch((error: unknown) => {
      host.kill();
      throw error;
    });
    // Kinds that keep member scores (evaluate) write them here; the what-if kind reads from its folder.
    const scoreFiles = scoreFilesFor(this.historyPath, run.runId);
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
    const hostRequest = { ...toHostRequest(job, loaded, files), scoreFiles, ...extras.hostFields(run.runId) };
    const running = runInHost(host, jobId, hostRequest, (progress) => {
      last = progress;
      lastAt = Date.now();
      this.emit('job.progress', progress);
    });

    const finished = running.done.then(async (outcome): Promise<JobFinished> => {
      clearInterval(heartbeat);
      let event: JobFinished;
      try {
        if ('error' in outcome) throw outcome.error;
        outcome.result.warnings.push(...extras.notes);
        const result = await recordSuccess(
          this.db,
          run,
          job,
          loaded,
          files,
          outcome.result,
          scoreFiles,
          (sha) => extras.aside(outcome.result, sha, run.runId),
        );
        event = { jobId, runId: run.runId, status: 'succeeded', result };
      } catch (thrown) {
        const error = cancelledAfter(toErrorPayload(thrown), last);
        if (files.tempOutput && !extras.keepsPartial(error)) await discardOutput(files.tempOutput);
        await discardOutput(scoreFiles.temp);
        event = {
          jobId,
          runId: run.runId,
          status: recordFailureSafely(this.db, run.runId, error, last),
          error,
        };
      }
      extras.ended(event.status);
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

/** A cancelled run says how far it got, from the last progress: "Cancelled after 229,376 of 1,000,000 rows". */
function cancelledAfter(error: StudioErrorPayload, last: JobProgress | null): StudioErrorPayload {
  if (error.code !== 'cancelled') return error;
  const done = last?.rowsDone ?? 0;
  // An estimated total is no figure to report.
  const total = last?.rowsTotalIsEstimate ? null : last?.rowsTotal;
  const of = total === null || total === undefined ? '' : ` of ${formatCount(total)}`;
  return { ...error, message: `Cancelled after ${formatCount(done)}${of} rows` };
}

/**
 * Records a failed or cancelled run. When the history cannot be written (locked by another
 * process for longer than the busy timeout) the run stays `running` and the next start marks it
 * interrupted; the job still reports what happened to the caller.
 */
function recordFailureSafely(
  db: Database,
  runId: number,
  error: StudioErrorPayload,
  last: JobProgress | null,
): 'failed' | 'cancelled' {
  try {
    return recordFailure(db, runId, error, last?.rowsDone ?? null);
  } catch {
    return error.code === 'cancelled' ? 'cancelled' : 'failed';
  }
}
