/**
 * The finished jobs' results. Their types are the contract's: `job.finished` carries the result
 * of the kind it names, so a page narrows on `status` then `result.kind` and trusts the rest.
 */
import type { FinishedJobResult, JobKind } from '../../contract/contract';
import type { HostExportResult } from '../../contract/job-results';

/** A finished job's result, as the engine sends it, for one job kind. */
export type JobResult<K extends JobKind = JobKind> = FinishedJobResult<K>;

export type OptimizeResult = JobResult<'optimize'>;

export type Parity = NonNullable<HostExportResult['parity']>;

/** Parity passes when every label agrees and the largest probability difference is below 1e-5. */
export const PARITY_TOLERANCE = 1e-5;
export function parityPasses(p: Parity): boolean {
  // JSON has no Infinity: a difference with a missing value on one side arrives as null.
  return p.agreement === 1 && typeof p.maxAbsDiff === 'number' && p.maxAbsDiff < PARITY_TOLERANCE;
}
