/**
 * From a contract call to what the engine host needs: the data file checked, the output path
 * checked and a temp path beside it chosen, and every option resolved to absolute paths.
 */
import { stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import type { Stats } from 'node:fs';
import { StudioError } from '../errors';
import type {
  BenchmarkRequest,
  EvaluateRequest,
  ExportRequest,
  OptimizeRequest,
  PrecisionRequest,
  ScoreRequest,
} from '../../preload/contract';
import type { JobRequest } from '../jobs/protocol';
import { assertWritableTarget, tempPathFor } from '../jobs/atomic-output';
import { outputFormatFromPath } from '../data/format';
import type { LoadedSpec } from './load-spec';
import { guardOutputs, historyFiles, type PlannedOutput, type ProtectedFile } from './output-guard';
import { listProviders } from '../runtime/providers';

export type AnyRequest =
  | { kind: 'score'; request: ScoreRequest }
  | { kind: 'evaluate'; request: EvaluateRequest }
  | { kind: 'optimize'; request: OptimizeRequest }
  | { kind: 'export'; request: ExportRequest }
  | { kind: 'precision'; request: PrecisionRequest }
  | { kind: 'benchmark'; request: BenchmarkRequest };

/** The files a job touches, checked before anything runs. */
export interface JobFiles {
  /** The data file read (absolute), if any, and its stat. */
  input: string | null;
  inputInfo: Stats | null;
  /** The file the job writes (score, export, precision), and the temp path written first. */
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

/** The data file a job reads; an export reads one only to check the fused model. */
function inputOf(job: AnyRequest): string | null {
  if (job.kind === 'export') return job.request.check ?? null;
  return job.request.input;
}

/** The files a job writes, as the caller named them. */
function plannedOutputs(job: AnyRequest, loaded: LoadedSpec): PlannedOutput[] {
  switch (job.kind) {
    case 'score':
    case 'export':
    case 'precision':
      return [{ given: job.request.output, role: 'output' }];
    case 'optimize':
      return [
        { given: job.request.output, role: 'output' },
        ...(job.request.report ? [{ given: job.request.report, role: 'report' }] : []),
      ];
    case 'evaluate':
      return job.request.report ? [{ given: job.request.report, role: 'report' }] : [];
    case 'benchmark':
      return optimizedModelOutputs(job.request, loaded);
  }
}

/** `--save-optimized DIR`: one file per member and provider, named as benchmark-job names them. */
function optimizedModelOutputs(request: BenchmarkRequest, loaded: LoadedSpec): PlannedOutput[] {
  if (!request.saveOptimizedDir) return [];
  const dir = resolve(request.saveOptimizedDir);
  const providers =
    request.providers ??
    listProviders()
      .filter((p) => p.bundled)
      .map((p) => p.name);
  return loaded.spec.members.flatMap((member) =>
    providers.map((provider) => {
      const file = join(dir, `${member.name}.${provider}.optimized.onnx`);
      if (dirname(file) !== dir) {
        throw new StudioError(
          'bad_input',
          `member "${member.name}": its name cannot be used as a file name in ${request.saveOptimizedDir}: rename the member (letters, digits, "-", "_", ".")`,
          { member: member.name, field: 'saveOptimizedDir' },
        );
      }
      return { given: file, role: 'optimised model' };
    }),
  );
}

/** What a job reads or owns: writing over any of these destroys what the run depends on. */
function protectedFiles(job: AnyRequest, loaded: LoadedSpec, context: GuardContext): ProtectedFile[] {
  const files: ProtectedFile[] = [];
  const data = inputOf(job);
  if (data !== null) {
    files.push({
      path: resolve(data),
      role: job.kind === 'export' ? 'the check data file' : 'the input data file',
    });
  }
  if (loaded.specPath) files.push({ path: loaded.specPath, role: 'the ensemble spec' });
  for (const member of loaded.spec.members) {
    files.push({ path: resolve(loaded.baseDir, member.model), role: `the model of member "${member.name}"` });
  }
  files.push(...historyFiles(context.historyPath));
  for (const busy of context.busyOutputs) files.push({ path: busy, role: "another running job's output" });
  return files;
}

export async function checkJobFiles(
  job: AnyRequest,
  loaded: LoadedSpec,
  context: GuardContext,
): Promise<JobFiles> {
  const dataPath = inputOf(job);
  const input = dataPath === null ? null : resolve(dataPath);
  const inputInfo = input === null ? null : await stat(input).catch(() => null);
  if (dataPath !== null && !inputInfo?.isFile()) {
    throw new StudioError('not_found', `${dataPath}: no such data file`, { file: dataPath });
  }
  if (job.kind === 'score') outputFormatFromPath(resolve(job.request.output)); // an unknown type is refused up front
  if (
    (job.kind === 'export' || job.kind === 'precision') &&
    extname(job.request.output).toLowerCase() !== '.onnx'
  ) {
    throw new StudioError('bad_input', `${job.request.output}: the output must be an .onnx file`, {
      file: job.request.output,
    });
  }
  const planned = plannedOutputs(job, loaded);
  if (job.kind !== 'benchmark') {
    for (const output of planned) await assertWritableTarget(resolve(output.given));
  }
  const guarded = await guardOutputs(planned, protectedFiles(job, loaded, context), job.request.overwrite);
  const writes = guarded.map((g) => g.target);
  const files: JobFiles = { input, inputInfo, writes };
  // Jobs that write a file write it aside; the engine renames it into place when complete.
  if (job.kind === 'score' || job.kind === 'export' || job.kind === 'precision') {
    files.output = resolve(job.request.output);
    files.tempOutput = tempPathFor(files.output);
  }
  if (job.kind === 'optimize') files.specOutput = resolve(job.request.output);
  if ((job.kind === 'optimize' || job.kind === 'evaluate') && job.request.report) {
    files.report = resolve(job.request.report);
  }
  return files;
}

export function requestedProvider(job: AnyRequest): JobRequest['provider'] {
  return 'provider' in job.request ? job.request.provider : 'cpu';
}

/** One number of threads, when the call gave one (a benchmark gives a list to try). */
export function requestedThreads(job: AnyRequest): number | undefined {
  return typeof job.request.threads === 'number' ? job.request.threads : undefined;
}

export function toHostRequest(job: AnyRequest, loaded: LoadedSpec, files: JobFiles): JobRequest {
  const { kind, request } = job;
  return {
    kind,
    spec: loaded.spec,
    baseDir: loaded.baseDir,
    input: files.input ?? '',
    output: files.output,
    tempOutput: files.tempOutput,
    keep: kind === 'score' ? job.request.keep : [],
    keepAll: kind === 'score' ? job.request.keepAll : false,
    members: kind === 'score' ? job.request.members : false,
    provider: requestedProvider(job),
    threads: requestedThreads(job),
    label: 'label' in request ? request.label : undefined,
    ignoreUnknownLabels: 'ignoreUnknownLabels' in request ? request.ignoreUnknownLabels : false,
    chunkRows: kind === 'score' ? job.request.chunkRows : undefined,
    escapeFormulas: kind === 'score' ? job.request.escapeFormulas : true,
    overwrite: job.request.overwrite,
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
}
