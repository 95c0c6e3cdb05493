/**
 * The history side of a job: the run recorded `running` before the host starts, and finished
 * exactly once from its outcome — with the output renamed into place, an optimised spec written
 * and an HTML report rendered first, so a run never claims a file that is not there.
 */
import { dirname, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { StudioErrorPayload } from '../errors';
import { commitOutput, sha256File } from '../jobs/atomic-output';
import type { FinishedJobResult, HostJobResult } from '../jobs/results';
import { formatFromPath } from '../data/format';
import { datasetFingerprint, upsertDataset } from '../history/datasets';
import { upsertEnsembleVersion } from '../history/ensembles';
import { addRunMembers, finishRun, startRun } from '../history/runs';
import { recordArtifact, recordMetrics } from '../history/metrics';
import { upsertModel } from '../history/models';
import { onnxruntimeVersion } from '../runtime/providers';
import { appVersion } from './app-version';
import { loadEnsembleSource, rebaseModelPaths, saveSpecFile, type LoadedSpec } from './load-spec';
import { requestedProvider, requestedThreads, type AnyRequest, type JobFiles } from './job-request';
import { writeReport } from './write-report';

export interface StartedRun {
  runId: number;
  /** The data file's fingerprint, kept so the finished run records the same dataset row. */
  fingerprint: string;
}

export async function recordStart(
  db: Database,
  job: AnyRequest,
  loaded: LoadedSpec,
  files: JobFiles,
): Promise<StartedRun> {
  const version = upsertEnsembleVersion(db, loaded.spec, loaded.specPath);
  const fingerprint = files.input === null ? '' : await datasetFingerprint(files.input);
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
    providerRequested: requestedProvider(job),
    threads: requestedThreads(job) ?? null,
    appVersion: appVersion(),
    onnxruntimeVersion: onnxruntimeVersion(),
    params: {
      ...job.request,
      ...(files.input ? { input: files.input } : {}),
      ...(files.output ? { output: files.output } : {}),
    },
  });
  return { runId, fingerprint };
}

export function recordFailure(
  db: Database,
  runId: number,
  error: StudioErrorPayload,
): 'failed' | 'cancelled' {
  const status = error.code === 'cancelled' ? 'cancelled' : 'failed';
  finishRun(db, runId, { status, error });
  return status;
}

/** Puts a successful job's files in place, then records it all in one transaction. */
export async function recordSuccess(
  db: Database,
  run: StartedRun,
  job: AnyRequest,
  loaded: LoadedSpec,
  files: JobFiles,
  result: HostJobResult,
): Promise<FinishedJobResult> {
  const { runId } = run;
  let outputSha256: string | null = null;
  if (files.tempOutput && files.output) {
    outputSha256 = await sha256File(files.tempOutput);
    await commitOutput(files.tempOutput, files.output);
  }
  let producedVersionId: number | null = null;
  let specOutput: string | null = null;
  if (result.kind === 'optimize' && job.kind === 'optimize') {
    // The spec as written (paths relative to its new folder) is the version the history keeps.
    const target = resolve(job.request.output);
    result.spec = rebaseModelPaths(result.spec, loaded.baseDir, dirname(target));
    specOutput = await saveSpecFile(target, result.spec);
    producedVersionId = upsertEnsembleVersion(db, result.spec, specOutput).versionId;
  }
  const report = await writeRunReport(job, result, runId);
  db.transaction(() => {
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
  })();
  return {
    ...result,
    runId,
    output: files.output ?? specOutput,
    outputSha256,
    report,
    enginePeakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

/** evaluate/optimize `--report`: the evaluation (after optimisation) as a self-contained page. */
async function writeRunReport(job: AnyRequest, result: HostJobResult, runId: number): Promise<string | null> {
  if ((job.kind !== 'evaluate' && job.kind !== 'optimize') || !job.request.report) return null;
  const evaluation =
    result.kind === 'optimize' ? result.after : result.kind === 'evaluate' ? result.evaluation : undefined;
  if (!evaluation) return null;
  const spec =
    result.kind === 'optimize' ? result.spec : (await loadEnsembleSource(job.request.ensemble)).spec;
  return writeReport(job.request.report, evaluation, {
    title: `${spec.name}: ${job.kind === 'optimize' ? `${job.request.method} optimisation` : 'evaluation'}`,
    spec,
    runId,
    input: resolve(job.request.input),
  });
}
