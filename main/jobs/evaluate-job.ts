/** `evaluate`: metrics and plot data for each member and the ensemble on a labelled file. */
import type { JobRequest } from './protocol';
import type { JobContext } from './job-context';
import type { HostEvaluateResult } from '../../contract/job-results';
import { collectHoldout } from './collect-holdout';

export async function runEvaluateJob(
  request: JobRequest<'evaluate'>,
  ctx: JobContext,
): Promise<HostEvaluateResult> {
  const holdout = await collectHoldout(request, ctx);
  const evaluation = holdout.collector.finish(holdout.ensembleScores);
  // Kept so a what-if can recombine the members later without their models or this file.
  if (request.scoreFiles) {
    const { spec, baseDir } = request;
    await holdout.collector.keepScores(request.scoreFiles.temp, {
      spec,
      baseDir,
      models: holdout.report.models,
    });
  }
  return {
    kind: 'evaluate',
    ...holdout.report,
    metrics: evaluation.metrics,
    artifacts: evaluation.artifacts,
    evaluation: evaluation.result,
  };
}
