/** The contract's `jobs.<kind>` calls, one per registered job kind, each starting its kind's job. */
import { JOB_KINDS, type JobKind, type JobRequestOf, type JobStarted } from '../../contract/contract';
import type { JobOf } from './job-request';

export type JobHandlers = {
  [K in JobKind as `jobs.${K}`]: (request: JobRequestOf<K>) => Promise<JobStarted>;
};

export function jobHandlers(start: <K extends JobKind>(job: JobOf<K>) => Promise<JobStarted>): JobHandlers {
  const entries = JOB_KINDS.map((kind) => [
    `jobs.${kind}`,
    (request: JobRequestOf<JobKind>) => start({ kind, request }),
  ]);
  // The one place the call names are built from the kind list at run time: TypeScript cannot follow
  // Object.fromEntries to the mapped type, so it is asserted here (each entry is checked above).
  return Object.fromEntries(entries) as JobHandlers;
}
