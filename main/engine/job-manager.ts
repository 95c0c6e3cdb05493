/**
 * Starts jobs in engine host processes and keeps the history true to what happened.
 *
 * The engine process owns the SQLite history; the host only computes. A run is recorded
 * `running` before the host starts and finished exactly once from the host's outcome. If this
 * process dies instead, the next open marks the run `interrupted` (history/recover.ts).
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { EventEmitter } from 'node:events';
import type { Database } from 'better-sqlite3';
import { StudioError, type StudioErrorPayload } from '../errors';
import type {
  EvaluateRequest,
  EventMap,
  JobFinished,
  JobProgress,
  JobStarted,
  OptimizeRequest,
  ExportRequest,
  PrecisionRequest,
  BenchmarkRequest,
  ScoreRequest,
} from '../../preload/contract';
import type { JobRequest } from '../jobs/protocol';
import {
  assertWritableTarget,
  commitOutput,
  discardOutput,
  sha256File,
  tempPathFor,
} from '../jobs/atomic-output';
import type { HostJobResult } from '../jobs/results';
import { runInHost, type RunningJob, type SpawnHost } from '../host/host-client';
import { loadEnsembleSource, rebaseModelPaths, saveSpecFile } from './load-spec';
import { appVersion } from './app-version';
import { onnxruntimeVersion } from '../runtime/providers';
import { datasetFingerprint, upsertDataset } from '../history/datasets';
import { upsertEnsembleVersion } from '../history/ensembles';
import { startRun, finishRun, addRunMembers } from '../history/runs';
import { recordMetrics, recordArtifact } from '../history/metrics';
import { upsertModel } from '../history/models';
import { formatFromPath } from '../data/format';
import type { EvaluationResult } from '../evaluate/result-types';
import { writeReport } from './write-report';
import { outputFormatFromPath } from '../data/open-writer';

/** Progress is re-emitted at least this often, even while a chunk is inside session.run. */
const HEARTBEAT_MS = 250;

type AnyRequest =
  | { kind: 'score'; request: ScoreRequest }
  | { kind: 'evaluate'; request: EvaluateRequest }
  | { kind: 'optimize'; request: OptimizeRequest }
  | { kind: 'export'; request: ExportRequest }
  | { kind: 'precision'; request: PrecisionRequest }
  | { kind: 'benchmark'; request: BenchmarkRequest };

/** The data file a job reads; an export reads one only to check the fused model. */
function inputOf(job: AnyRequest): string | null {
  if (job.kind === 'export') return job.request.check ?? null;
  return job.request.input;
}

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
    const { kind, request } = job;
    const loaded = await loadEnsembleSource(request.ensemble);
    const dataPath = inputOf(job);
    const input = dataPath === null ? null : resolve(dataPath);
    const inputInfo = input === null ? null : await stat(input).catch(() => null);
    if (input !== null && !inputInfo?.isFile())
      throw new StudioError('not_found', `${dataPath}: no such data file`, { file: dataPath ?? undefined });

    // Jobs that write a file write it aside; the engine renames it into place when complete.
    let output: string | undefined;
    let tempOutput: string | undefined;
    if (kind === 'score' || kind === 'export' || kind === 'precision') {
      output = resolve(job.request.output);
      if (kind === 'score')
        outputFormatFromPath(output); // an unknown type is refused before anything runs
      else if (extname(output).toLowerCase() !== '.onnx') {
        throw new StudioError('bad_input', `${job.request.output}: the output must be an .onnx file`, {
          file: job.request.output,
        });
      }
      await assertWritableTarget(output);
      tempOutput = tempPathFor(output);
    } else if (kind === 'optimize') {
      await assertWritableTarget(resolve(job.request.output));
    }

    const version = upsertEnsembleVersion(this.db, loaded.spec, loaded.specPath);
    const fingerprint = input === null ? '' : await datasetFingerprint(input);
    const datasetId =
      input === null
        ? null
        : upsertDataset(this.db, {
            path: input,
            sizeBytes: inputInfo!.size,
            fingerprint,
            format: formatFromPath(input),
            columns: [],
            rowCount: null,
          });
    const provider = 'provider' in request ? request.provider : 'cpu';
    const runId = startRun(this.db, {
      kind,
      ensembleVersionId: version.versionId,
      datasetId,
      providerRequested: provider,
      threads: typeof request.threads === 'number' ? request.threads : null,
      appVersion: appVersion(),
      onnxruntimeVersion: onnxruntimeVersion(),
      params: { ...request, ...(input ? { input } : {}), ...(output ? { output } : {}) },
    });

    const hostRequest: JobRequest = {
      kind,
      spec: loaded.spec,
      baseDir: loaded.baseDir,
      input: input ?? '',
      output,
      tempOutput,
      keep: kind === 'score' ? job.request.keep : [],
      keepAll: kind === 'score' ? job.request.keepAll : false,
      members: kind === 'score' ? job.request.members : false,
      provider,
      threads: typeof request.threads === 'number' ? request.threads : undefined,
      label: 'label' in request ? request.label : undefined,
      ignoreUnknownLabels: 'ignoreUnknownLabels' in request ? request.ignoreUnknownLabels : false,
      chunkRows: kind === 'score' ? job.request.chunkRows : undefined,
      method: kind === 'optimize' ? job.request.method : undefined,
      size: kind === 'optimize' ? job.request.size : undefined,
      layout: kind === 'export' ? job.request.layout : undefined,
      variant: kind === 'precision' ? job.request.variant : undefined,
      member: kind === 'precision' ? job.request.member : undefined,
      sampleRows: kind === 'precision' || kind === 'benchmark' ? job.request.sampleRows : undefined,
      benchmarkProviders: kind === 'benchmark' ? job.request.providers : undefined,
      benchmarkThreads: kind === 'benchmark' ? job.request.threads : undefined,
      saveOptimizedDir:
        kind === 'benchmark' && job.request.saveOptimizedDir
          ? resolve(job.request.saveOptimizedDir)
          : undefined,
    };

    const jobId = randomUUID();
    let last: JobProgress | null = null;
    let lastAt = Date.now();
    const emitProgress = (progress: JobProgress) => {
      last = progress;
      lastAt = Date.now();
      this.emit('job.progress', progress);
    };
    const heartbeat = setInterval(() => {
      if (!last || Date.now() - lastAt < HEARTBEAT_MS) return;
      const elapsedSeconds = last.elapsedSeconds + (Date.now() - lastAt) / 1000;
      this.emit('job.progress', { ...last, elapsedSeconds });
    }, HEARTBEAT_MS);

    const running = runInHost(this.spawnHost, jobId, hostRequest, emitProgress);
    const finished = running.done.then(async (outcome) => {
      clearInterval(heartbeat);
      const result =
        'result' in outcome
          ? await this.succeed(runId, job, outcome.result as HostJobResult, {
              tempOutput,
              output,
              fingerprint,
              baseDir: loaded.baseDir,
            }).catch((error: unknown) => ({ error }))
          : { error: outcome.error };
      let event: JobFinished;
      if ('error' in result) {
        if (tempOutput) await discardOutput(tempOutput);
        const error = toPayload(result.error);
        const status = error.code === 'cancelled' ? 'cancelled' : 'failed';
        finishRun(this.db, runId, { status, error });
        event = { jobId, runId, status, error };
      } else {
        event = { jobId, runId, status: 'succeeded', result: result.value };
      }
      this.jobs.delete(jobId);
      this.emit('job.finished', event);
      return event;
    });
    this.jobs.set(jobId, { runId, running, finished });
    return { jobId, runId };
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

  /** Records a successful host result; the output is renamed into place first. */
  private async succeed(
    runId: number,
    job: AnyRequest,
    result: HostJobResult,
    files: { tempOutput?: string; output?: string; fingerprint: string; baseDir: string },
  ): Promise<{ value: unknown }> {
    const { tempOutput, output } = files;
    let outputSha256: string | null = null;
    if (tempOutput && output) {
      outputSha256 = await sha256File(tempOutput);
      await commitOutput(tempOutput, output);
    }
    let producedVersionId: number | null = null;
    let specOutput: string | null = null;
    if (result.kind === 'optimize' && job.kind === 'optimize') {
      // The spec as written (paths relative to its new folder) is the version the history keeps.
      const target = resolve(job.request.output);
      result.spec = rebaseModelPaths(result.spec, files.baseDir, dirname(target));
      specOutput = await saveSpecFile(target, result.spec);
      producedVersionId = upsertEnsembleVersion(this.db, result.spec, specOutput).versionId;
    }
    let reportPath: string | null = null;
    if ((job.kind === 'evaluate' || job.kind === 'optimize') && job.request.report) {
      const evaluation = (
        result.kind === 'optimize' ? result.after : result.kind === 'evaluate' ? result.evaluation : null
      ) as EvaluationResult | null;
      if (evaluation) {
        const spec =
          result.kind === 'optimize' ? result.spec : (await loadEnsembleSource(job.request.ensemble)).spec;
        reportPath = await writeReport(job.request.report, evaluation, {
          title: `${spec.name}: ${job.kind === 'optimize' ? `${job.request.method} optimisation` : 'evaluation'}`,
          spec,
          runId,
          input: resolve(job.request.input),
        });
      }
    }
    const tx = this.db.transaction(() => {
      addRunMembers(
        this.db,
        runId,
        result.models.map((m) => ({
          name: m.member,
          modelId: upsertModel(this.db, m.info),
          weight: m.weight,
        })),
      );
      if (result.dataset) {
        upsertDataset(this.db, {
          path: result.dataset.path,
          sizeBytes: result.dataset.sizeBytes,
          fingerprint: files.fingerprint,
          format: result.dataset.format,
          columns: result.dataset.columns,
          rowCount: result.dataset.rowCount ?? result.rows,
        });
      }
      recordMetrics(this.db, runId, result.metrics);
      for (const [name, value] of Object.entries(result.artifacts))
        recordArtifact(this.db, runId, name, value);
      finishRun(this.db, runId, {
        status: 'succeeded',
        rows: result.rows,
        rowsPerSec: result.rowsPerSec,
        outputPath: output ?? specOutput,
        outputSha256,
        warnings: result.warnings,
        providerUsed: result.providerUsed,
        producedVersionId,
      });
    });
    tx();
    const value = {
      ...result,
      runId,
      output: output ?? specOutput,
      outputSha256,
      report: reportPath,
      enginePeakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
    return { value };
  }
}

function toPayload(error: unknown): StudioErrorPayload {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error)
    return error as StudioErrorPayload;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
