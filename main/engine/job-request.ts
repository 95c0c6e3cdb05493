/**
 * From a contract call to what the engine host needs: the data file checked, the output path
 * checked and a temp path beside it chosen, and every option resolved to absolute paths.
 */
import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
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
}

/** The data file a job reads; an export reads one only to check the fused model. */
function inputOf(job: AnyRequest): string | null {
  if (job.kind === 'export') return job.request.check ?? null;
  return job.request.input;
}

export async function checkJobFiles(job: AnyRequest): Promise<JobFiles> {
  const dataPath = inputOf(job);
  const input = dataPath === null ? null : resolve(dataPath);
  const inputInfo = input === null ? null : await stat(input).catch(() => null);
  if (dataPath !== null && !inputInfo?.isFile()) {
    throw new StudioError('not_found', `${dataPath}: no such data file`, { file: dataPath });
  }
  // Jobs that write a file write it aside; the engine renames it into place when complete.
  if (job.kind === 'score' || job.kind === 'export' || job.kind === 'precision') {
    const output = resolve(job.request.output);
    if (job.kind === 'score')
      outputFormatFromPath(output); // an unknown type is refused up front
    else if (extname(output).toLowerCase() !== '.onnx') {
      throw new StudioError('bad_input', `${job.request.output}: the output must be an .onnx file`, {
        file: job.request.output,
      });
    }
    await assertWritableTarget(output);
    return { input, inputInfo, output, tempOutput: tempPathFor(output) };
  }
  if (job.kind === 'optimize') await assertWritableTarget(resolve(job.request.output));
  return { input, inputInfo };
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
