/**
 * The finished jobs' results. Their types are the engine's (contract/job-results.ts); the only guard
 * is where the contract says `unknown` (`job.finished.result`): the result is taken for the job
 * kind it names, and nothing else is trusted.
 */
import type { EvaluationResult } from '../../contract/evaluation-types';
import type { HostExportResult, HostJobResult } from '../../contract/job-results';
import { isObject } from './types';

export type ResultKind = HostJobResult['kind'];

/**
 * What the engine adds to the host's result before it sends `job.finished`
 * (JobManager.succeed in main/engine/job-manager.ts, which has no exported type for it).
 */
interface EngineAdditions {
  runId: number;
  /** The output written (score, export, precision), or the optimised spec (optimize). */
  output: string | null;
  outputSha256: string | null;
  /** The HTML report, when one was asked for. */
  report: string | null;
}

/** A finished job's result, as the engine sends it, for one job kind. */
export type JobResult<K extends ResultKind = ResultKind> = Extract<HostJobResult, { kind: K }> &
  EngineAdditions;

/** The result of a finished job of this kind; null when it is not one. */
export function jobResult<K extends ResultKind>(v: unknown, kind: K): JobResult<K> | null {
  return isObject(v) && v.kind === kind ? (v as unknown as JobResult<K>) : null;
}

/**
 * An evaluation where the engine's types say `unknown` (evaluate's `evaluation`, optimize's
 * `before` / `after`, score --label): taken when it has the metrics and plots every one has.
 */
/** The evaluation a finished evaluate job carries. */
export function evaluationOf(v: unknown): EvaluationResult | null {
  return jobResult(v, 'evaluate')?.evaluation ?? null;
}

export type OptimizeResult = JobResult<'optimize'>;

export type Parity = NonNullable<HostExportResult['parity']>;

/** Parity passes when every label agrees and the largest probability difference is below 1e-5. */
export const PARITY_TOLERANCE = 1e-5;
export function parityPasses(p: Parity): boolean {
  // JSON has no Infinity: a difference with a missing value on one side arrives as null.
  return p.agreement === 1 && typeof p.maxAbsDiff === 'number' && p.maxAbsDiff < PARITY_TOLERANCE;
}
