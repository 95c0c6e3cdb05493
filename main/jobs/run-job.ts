/** Runs a job request in the engine host process, through its kind's module. */
import type { JobKind } from '../../contract/contract';
import type { JobRequest } from './protocol';
import type { HostJobResult } from '../../contract/job-results';
import type { JobContext } from './job-context';
import { jobKinds, type HostRequestByKind } from './kinds';

export function runJob(request: JobRequest, ctx: JobContext): Promise<HostJobResult> {
  return runKind(request.kind, request, ctx);
}

function runKind<K extends JobKind>(kind: K, request: HostRequestByKind[K], ctx: JobContext) {
  return jobKinds[kind].run(request, ctx);
}
