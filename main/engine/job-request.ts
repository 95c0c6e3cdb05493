/**
 * From a contract call to what the engine host needs: the data file checked, the output path
 * checked and a temp path beside it chosen, and every option resolved to absolute paths. What
 * differs by kind (which file it reads, what it writes) comes from the kind's module.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Stats } from 'node:fs';
import { StudioError } from '../../contract/errors';
import { datasetFingerprint } from '../history/datasets';
import type { JobKind, JobRequestOf, Provider } from '../../contract/contract';
import type { JobRequest } from '../jobs/protocol';
import { jobKinds } from '../jobs/kinds';
import type { KindWrites } from '../jobs/kinds/kind';
import { assertWritableTarget, tempPathFor } from '../jobs/atomic-output';
import type { LoadedSpec } from './load-spec';
import { guardOutputs, historyFiles, type PlannedOutput, type ProtectedFile } from './output-guard';

/** A job as a contract call asks for it: its kind and that call's parsed request. */
export interface JobOf<K extends JobKind> {
  kind: K;
  request: JobRequestOf<K>;
}

/** The files a job touches, checked before anything runs. */
export interface JobFiles {
  /** The data file read (absolute), if any, and its stat. */
  input: string | null;
  inputInfo: Stats | null;
  /** The history's fingerprint of the data file (size, time, hash of its ends); '' when none. */
  inputFingerprint: string;
  /** The file the host writes (score, export, precision), and the temp path written first. */
  output?: string;
  tempOutput?: string;
  /** optimize: where the optimised spec goes. */
  specOutput?: string;
  /** evaluate/optimize `--report`. */
  report?: string;
  /** Every file this job will write, resolved (symlinks followed): no other job may write them. */
  writes: string[];
}

/** What a job must not write over besides its own inputs: the history and other jobs' outputs. */
export interface GuardContext {
  historyPath: string;
  /** The resolved outputs of the jobs running now. */
  busyOutputs: readonly string[];
}

/** The files a job writes, as the caller named them, in the order the guard reports them. */
function plannedOutputs(writes: KindWrites): PlannedOutput[] {
  return [
    ...(writes.output ? [{ given: writes.output, role: 'output' }] : []),
    ...(writes.specOutput ? [{ given: writes.specOutput, role: 'output' }] : []),
    ...(writes.report ? [{ given: writes.report, role: 'report' }] : []),
    ...(writes.direct ?? []),
  ];
}

/** What a job reads or owns: writing over any of these destroys what the run depends on. */
function protectedFiles(
  data: { path: string; role: string } | null,
  loaded: LoadedSpec,
  context: GuardContext,
): ProtectedFile[] {
  const files: ProtectedFile[] = [];
  if (data !== null) files.push({ path: resolve(data.path), role: data.role });
  if (loaded.specPath) files.push({ path: loaded.specPath, role: 'the ensemble spec' });
  for (const member of loaded.spec.members) {
    files.push({ path: resolve(loaded.baseDir, member.model), role: `the model of member "${member.name}"` });
  }
  files.push(...historyFiles(context.historyPath));
  for (const busy of context.busyOutputs) files.push({ path: busy, role: "another running job's output" });
  return files;
}

export async function checkJobFiles<K extends JobKind>(
  job: JobOf<K>,
  loaded: LoadedSpec,
  context: GuardContext,
): Promise<JobFiles> {
  const kind = jobKinds[job.kind];
  const data = kind.dataFile(job.request);
  const input = data === null ? null : resolve(data.path);
  const inputInfo = input === null ? null : await stat(input).catch(() => null);
  if (data !== null && !inputInfo?.isFile()) {
    throw new StudioError('not_found', `${data.path}: no such data file`, { file: data.path });
  }
  kind.checkRequest?.(job.request);
  const writes = kind.writes(job.request, loaded.spec);
  // Files the host writes in place itself are checked where it writes them.
  for (const given of [writes.output, writes.specOutput, writes.report]) {
    if (given) await assertWritableTarget(resolve(given));
  }
  const guarded = await guardOutputs(
    plannedOutputs(writes),
    protectedFiles(data, loaded, context),
    job.request.overwrite,
  );
  // Taken once: the run record and a resumable run's checkpoint both use it.
  const inputFingerprint = input === null ? '' : await datasetFingerprint(input);
  const files: JobFiles = { input, inputInfo, inputFingerprint, writes: guarded.map((g) => g.target) };
  // Jobs that write a file write it aside; the engine renames it into place when complete.
  if (writes.output) {
    files.output = resolve(writes.output);
    files.tempOutput = tempPathFor(files.output);
  }
  if (writes.specOutput) files.specOutput = resolve(writes.specOutput);
  if (writes.report) files.report = resolve(writes.report);
  return files;
}

export function requestedProvider(request: JobRequestOf<JobKind>): Provider {
  return 'provider' in request ? request.provider : 'cpu';
}

/** One number of threads, when the call gave one (a benchmark gives a list to try). */
export function requestedThreads(request: JobRequestOf<JobKind>): number | undefined {
  return 'threads' in request && typeof request.threads === 'number' ? request.threads : undefined;
}

export function toHostRequest<K extends JobKind>(
  job: JobOf<K>,
  loaded: LoadedSpec,
  files: JobFiles,
): JobRequest<K> {
  return jobKinds[job.kind].hostRequest(job.request, {
    kind: job.kind,
    spec: loaded.spec,
    baseDir: loaded.baseDir,
    input: files.input ?? '',
    provider: requestedProvider(job.request),
    threads: requestedThreads(job.request),
    overwrite: job.request.overwrite,
    ...(files.tempOutput ? { tempOutput: files.tempOutput } : {}),
  });
}
