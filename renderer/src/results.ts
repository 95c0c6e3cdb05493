/**
 * The finished jobs' results. Their types are the contract's: `job.finished` carries the result
 * of the kind it names, so a page narrows on `status` then `result.kind` and trusts the rest.
 */
import type { FinishedJobResult, JobFinished, JobKind } from '../../contract/contract';
import type { HostExportResult } from '../../contract/job-results';

/** A finished job's result, as the engine sends it, for one job kind. */
export type JobResult<K extends JobKind = JobKind> = FinishedJobResult<K>;

export type OptimizeResult = JobResult<'optimize'>;

/** One kind's result out of the union (what `JobResult<K>` is for a literal K). */
type ResultOfKind<K extends JobKind> = Extract<JobResult, { kind: K }>;

function isKind<K extends JobKind>(result: JobResult, kind: K): result is ResultOfKind<K> {
  return result.kind === kind;
}

/** The result of a job of `kind` that succeeded; null while it runs, when it failed, or for another kind. */
export function succeededResult<K extends JobKind>(
  finished: JobFinished | null | undefined,
  kind: K,
): ResultOfKind<K> | null {
  return finished?.status === 'succeeded' && isKind(finished.result, kind) ? finished.result : null;
}

export type Parity = NonNullable<HostExportResult['parity']>;

/** Parity passes when every label agrees and the largest probability difference is below 1e-5. */
export const PARITY_TOLERANCE = 1e-5;
export function parityPasses(p: Parity): boolean {
  // JSON has no Infinity: a difference with a missing value on one side arrives as null.
  return p.agreement === 1 && typeof p.maxAbsDiff === 'number' && p.maxAbsDiff < PARITY_TOLERANCE;
}
