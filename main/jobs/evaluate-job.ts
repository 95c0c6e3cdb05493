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
  return {
    kind: 'evaluate',
    ...holdout.report,
    metrics: evaluation.metrics,
    artifacts: evaluation.artifacts,
    evaluation: evaluation.result,
  };
}
