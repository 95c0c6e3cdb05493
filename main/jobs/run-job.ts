/** Dispatches a job request to its implementation (in the engine host process). */
import type { JobRequest } from './protocol';
import type { HostJobResult } from './results';
import type { JobContext } from './job-context';
import { runScoreJob } from './score-job';
import { runEvaluateJob } from './evaluate-job';
import { runOptimizeJob } from './optimize-job';
import { runExportJob } from './export-job';
import { runPrecisionJob } from './precision-job';
import { runBenchmarkJob } from './benchmark-job';

export function runJob(request: JobRequest, ctx: JobContext): Promise<HostJobResult> {
  switch (request.kind) {
    case 'score':
      return runScoreJob(request, ctx);
    case 'evaluate':
      return runEvaluateJob(request, ctx);
    case 'optimize':
      return runOptimizeJob(request, ctx);
    case 'export':
      return runExportJob(request, ctx);
    case 'precision':
      return runPrecisionJob(request, ctx);
    case 'benchmark':
      return runBenchmarkJob(request, ctx);
  }
}
