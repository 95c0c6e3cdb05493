/**
 * The history side of a job: the run recorded `running` before the host starts, and finished
 * exactly once from its outcome. Its files (output, optimised spec, report) are renamed into
 * place inside the transaction that records success, so a run never claims a file that is not
 * there and a file never appears for a run that is not recorded as succeeded.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { peakRssBytes } from '../environment/peak-rss';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { StudioError, type StudioErrorPayload } from '../../contract/errors';
import { discardOutput, sha256File, tempPathFor } from '../jobs/atomic-output';
import type { FinishedJobResult, HostResultOf, JobKind } from '../../contract/contract';
import type { HostJobResult } from '../../contract/job-results';
import { jobKinds } from '../jobs/kinds';
import type { FinishPlan, FinishTools } from '../jobs/kinds/kind';
import { formatFromPath } from '../data/format';
import { upsertDataset } from '../history/datasets';
import { upsertEnsembleVersion } from '../history/ensembles';
import { addRunMembers, finishRun, startRun } from '../history/runs';
import { recordArtifact, recordMetrics } from '../history/metrics';
import { upsertModel } from '../history/models';
import { onnxruntimeVersion } from '../runtime/providers';
import { appVersion } from '../environment/app-version';
import { rebaseModelPaths, type LoadedSpec } from './load-spec';
import { requestedProvider, requestedThreads, type JobFiles, type JobOf } from './job-request';
import { writeReportFile } from './write-report';
import type { ScoreFiles } from '../whatif/score-store';

export interface StartedRun {
  runId: number;
  /** The data file's fingerprint, kept so the finished run records the same dataset row. */
  fingerprint: string;
  /** The ensemble version the run uses. */
  versionId: number;
}

export async function recordStart<K extends JobKind>(
  db: Database,
  job: JobOf<K>,
  loaded: LoadedSpec,
  files: JobFiles,
  /** The run this one continues (a resumed score), when the request does not name one. */
  parentRunId: number | null = null,
): Promise<StartedRun> {
  const version = upsertEnsembleVersion(db, loaded.spec, loaded.specPath);
  const fingerprint = files.inputFingerprint;
  const datasetId =
    files.input === null
      ? null
      : upsertDataset(db, {
          path: files.input,
          sizeBytes: files.inputInfo!.size,
          fingerprint,
          format: formatFromPath(files.input),
          columns: [],
          rowCount: null,
        });
  const runId = startRun(db, {
    kind: job.kind,
    ensembleVersionId: version.versionId,
    datasetId,
    providerRequested: requestedProvider(job.request),
    threads: requestedThreads(job.request) ?? null,
    parentRunId: parentRunOf(job.request) ?? parentRunId,
    appVersion: appVersion(),
    onnxruntimeVersion: onnxruntimeVersion(),
    params: {
      ...job.request,
      ...(files.input ? { input: files.input } : {}),
      ...(files.output ? { output: files.output } : {}),
      writes: files.writes,
    },
  });
  return { runId, fingerprint, versionId: version.versionId };
}

/** The run a job derives from: a what-if's run (the only request naming a `runId`). */
function parentRunOf(request: JobOf<JobKind>['request']): number | null {
  return 'runId' in request ? request.runId : null;
}

export function recordFailure(
  db: Database,
  runId: number,
  error: StudioErrorPayload,
  rows: number | null = null,
): 'failed' | 'cancelled' {
  const status = error.code === 'cancelled' ? 'cancelled' : 'failed';
  finishRun(db, runId, { status, error, rows: status === 'cancelled' ? rows : null });
  return status;
}

/** A file written aside, renamed into place only in the transaction that records the run's success. */
interface PendingFile {
  temp: string;
  target: string;
}

/**
 * Records a successful job and puts its files in place together: the optimised spec and the
 * report are written aside first, then one transaction records everything and, as its last step,
 * renames each file into place. A rename that fails rolls the record back; a record that cannot
 * be committed (a locked history) removes the files it renamed. So an output is at its path
 * exactly when the history says the run succeeded.
 */
export async function recordSuccess<K extends JobKind>(
  db: Database,
  run: StartedRun,
  job: JobOf<K>,
  loaded: LoadedSpec,
  files: JobFiles,
  hostResult: HostJobResult,
  /** The member scores the host may have kept for later what-ifs. */
  scoreFiles?: ScoreFiles,
  /** More files written aside once the output's hash is known (a shard's manifest), renamed with it. */
  aside?: (outputSha256: string | null) => Promise<PendingFile[]>,
): Promise<FinishedJobResult<K>> {
  const { runId } = run;
  const result = resultOfKind(job.kind, hostResult);
  const plan: FinishPlan =
    jobKinds[job.kind].finish?.(
      { request: job.request, writes: files, spec: loaded.spec },
      result,
      finishTools(db, run, loaded, files),
    ) ?? {};
  const pending: PendingFile[] = [];
  let outputSha256: string | null = null;
  if (files.tempOutput && files.output) {
    // The writer's running hash where it kept one; the file read back otherwise.
    outputSha256 = hostResult.writtenSha256 ?? (await sha256File(files.tempOutput));
    pending.push({ temp: files.tempOutput, target: files.output });
  }
  if (scoreFiles && existsSync(scoreFiles.temp))
    pending.push({ temp: scoreFiles.temp, target: scoreFiles.stored });
  try {
    if (aside) pending.push(...(await aside(outputSha256)));
    let specOutput: string | null = null;
    const producedSpec = plan.producedSpec;
    if (producedSpec && files.specOutput) {
      specOutput = files.specOutput;
      const temp = tempPathFor(specOutput);
      pending.push({ temp, target: specOutput });
      await writeFile(temp, JSON.stringify(producedSpec, null, 2) + '\n', 'utf8');
    }
    const reportPending = await writeRunReportAside(plan, runId, files);
    if (reportPending) pending.push(reportPending);

    const renamed: string[] = [];
    try {
      db.transaction(() => {
        const producedVersionId =
          producedSpec && specOutput ? upsertEnsembleVersion(db, producedSpec, specOutput).versionId : null;
        addRunMembers(
          db,
          runId,
          result.models.map((m) => ({ name: m.member, modelId: upsertModel(db, m.info), weight: m.weight })),
        );
        if (result.dataset) {
          upsertDataset(db, {
            path: result.dataset.path,
            sizeBytes: result.dataset.sizeBytes,
            fingerprint: run.fingerprint,
            format: result.dataset.format,
            columns: result.dataset.columns,
            rowCount: result.dataset.rowCount ?? result.rows,
          });
        }
        recordMetrics(db, runId, result.metrics);
        for (const [name, value] of Object.entries(result.artifacts)) recordArtifact(db, runId, name, value);
        finishRun(db, runId, {
          status: 'succeeded',
          rows: result.rows,
          rowsPerSec: result.rowsPerSec,
          outputPath: files.output ?? specOutput,
          outputSha256,
          warnings: result.warnings,
          providerUsed: result.providerUsed,
          producedVersionId,
        });
        for (const file of pending) {
          renameSync(file.temp, file.target);
          renamed.push(file.target);
        }
      }).immediate();
    } catch (error) {
      for (const target of renamed) rmSync(target, { force: true });
      throw historyBusy(db, error) ?? error;
    }
    return {
      ...result,
      runId,
      output: files.output ?? specOutput,
      outputSha256,
      report: reportPending?.target ?? null,
      enginePeakRssBytes: peakRssBytes(),
    };
  } finally {
    // Whatever was not renamed into place is a leftover (the output's own temp file included).
    for (const file of pending) await discardOutput(file.temp);
  }
}

/** The host's result, checked to be of the job's kind (a host answers only the job it was sent). */
function resultOfKind<K extends JobKind>(kind: K, result: HostJobResult): HostResultOf<K> {
  if (!isResultOf(kind, result)) {
    throw new StudioError('internal', `the engine host answered a ${kind} job with a ${result.kind} result`);
  }
  return result;
}

function isResultOf<K extends JobKind>(kind: K, result: HostJobResult): result is HostResultOf<K> {
  return result.kind === kind;
}

/** `--report`: the page the kind asked for, written aside. */
async function writeRunReportAside(
  plan: FinishPlan,
  runId: number,
  files: JobFiles,
): Promise<PendingFile | null> {
  if (!plan.report || !files.report || !files.input) return null;
  const temp = tempPathFor(files.report);
  const target = files.report;
  if ('html' in plan.report) {
    await writeFile(temp, plan.report.html, 'utf8');
    return { temp, target };
  }
  await writeReportFile(temp, plan.report.evaluation, {
    title: plan.report.title,
    spec: plan.report.spec,
    runId,
    input: files.input,
  });
  return { temp, target };
}

function finishTools(db: Database, run: StartedRun, loaded: LoadedSpec, files: JobFiles): FinishTools {
  return {
    specSavedAt: (spec, file) => rebaseModelPaths(spec, loaded.baseDir, dirname(file)),
    fittedOnThisData: () => (files.input ? fittingOptimizeRun(db, run, files.input) : null),
  };
}

/**
 * The optimize run that fitted this run's ensemble version on this data file (the same path, or
 * the same bytes elsewhere): an evaluation there measures the fit, not how it does on new data.
 */
function fittingOptimizeRun(db: Database, run: StartedRun, input: string): number | null {
  const found = db
    .prepare(
      `SELECT r.id FROM runs r JOIN datasets d ON d.id = r.dataset_id
       WHERE r.kind = 'optimize' AND r.status = 'succeeded' AND r.produced_version_id = ?
         AND (d.path = ? OR (d.fingerprint = ? AND d.fingerprint != ''))
       ORDER BY r.id DESC LIMIT 1`,
    )
    .get(run.versionId, input, run.fingerprint) as { id: number } | undefined;
  return found?.id ?? null;
}

/** SQLite's "database is locked" as a sentence: which history, what happened to the output, what to do. */
function historyBusy(db: Database, error: unknown): StudioError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY')) return null;
  return new StudioError(
    'history',
    `The history ${db.name} stayed locked by another program while this run finished, so the run could not be recorded and its output was not kept: close the other program (or wait for it) and run again`,
    { file: db.name },
    (error as Error).message,
  );
}
