/**
 * `optimize`: learns better weights (greedy ensemble selection), a stacking meta-model or a
 * calibration map from a labelled hold-out file, and returns the new spec with its evaluation
 * beside the old one's. The engine writes the spec and records both versions.
 */
import { combineClassification, combineRegression, memberWeights } from '../ensemble/combine';
import { calibrateEnsemble, checkCalibratable } from '../optimize/calibrate';
import type { CombinerSpec, EnsembleSpec } from '../../contract/ensemble-spec';
import { greedySelection } from '../optimize/greedy';
import { fitLogisticStacking, fitRidgeStacking } from '../optimize/stacking';
import type { JobRequest } from './protocol';
import type { JobContext } from './job-context';
import type { HostOptimizeResult } from '../../contract/job-results';
import { collectHoldout } from './collect-holdout';
import { historyRows } from './labelled-collector';

export async function runOptimizeJob(
  request: JobRequest<'optimize'>,
  ctx: JobContext,
): Promise<HostOptimizeResult> {
  if (request.method === 'calibrate') checkCalibratable(request.spec);
  const holdout = await collectHoldout(request, ctx);
  const { resolved, collector } = holdout;
  const labels = collector.labelsForTask();
  const members = collector.collected().members;
  const names = resolved.members.map((m) => m.name);
  const task = resolved.task;
  const classes = resolved.classes;
  const before = collector.finish(holdout.ensembleScores);

  const warnings = [...holdout.report.warnings];
  if (request.method === 'calibrate') {
    const n = labels.length;
    const uncalibrated = combineClassification(
      resolved.combiner,
      members,
      memberWeights(resolved),
      n,
      classes.length,
    ).proba;
    const fitted = calibrateEnsemble({
      spec: request.spec,
      method: request.calibration,
      classes,
      labels: labels as Int32Array,
      uncalibrated,
    });
    if (fitted.replaced) {
      warnings.push(
        `the spec's ${fitted.replaced} calibration was replaced by a ${request.calibration} one fitted on the combiner's uncalibrated probabilities`,
      );
    }
    const after = collector.finish(fitted.calibrated);
    const rows = historyRows(after.result);
    return {
      kind: 'optimize',
      method: 'calibrate',
      ...holdout.report,
      warnings,
      spec: fitted.spec,
      before: before.result,
      after: after.result,
      metrics: rows.metrics,
      artifacts: { ...rows.artifacts, before: before.result },
    };
  }

  let spec: EnsembleSpec;
  let trajectory: HostOptimizeResult['trajectory'];
  let weights: Record<string, number> | undefined;
  let combiner: CombinerSpec;
  if (request.method === 'stacking') {
    const stackMembers = names.map((name, i) => ({ name, scores: members[i]! }));
    const meta =
      task === 'classification'
        ? fitLogisticStacking({ classes, labels: labels as Int32Array, members: stackMembers })
        : fitRidgeStacking({ targets: labels as Float64Array, members: stackMembers });
    combiner = { method: 'stacking', meta };
    spec = { ...request.spec, combiner };
  } else {
    const greedy = greedySelection({ task, classes, labels, members, size: request.size });
    weights = Object.fromEntries(names.map((n, i) => [n, greedy.weights[i]!]));
    trajectory = greedy.trajectory.map((r) => ({ round: r.round, member: names[r.member]!, loss: r.loss }));
    // The search minimises the loss of the weighted average, so the ensemble averages.
    combiner = task === 'classification' ? { method: 'soft_vote' } : { method: 'mean' };
    spec = {
      ...request.spec,
      combiner,
      members: request.spec.members.map((m, i) => ({ ...m, weight: greedy.weights[i]! })),
    };
  }

  // A calibration was fitted on the old combiner's output: it does not carry over to new weights.
  if (spec.calibration) {
    const { calibration, ...uncalibrated } = spec;
    spec = uncalibrated;
    warnings.push(
      `the spec's ${calibration.method} calibration was left out of the new spec: it was fitted on the old ` +
        `combination's probabilities; calibrate the new spec again (optimize --method calibrate)`,
    );
  }
  const n = labels.length;
  const newWeights = spec.members.map((m) => m.weight);
  const afterScores =
    task === 'classification'
      ? combineClassification(combiner, members, newWeights, n, classes.length).proba
      : combineRegression(combiner, members, newWeights, n);
  const after = collector.finish(
    afterScores,
    trajectory && weights
      ? { metric: task === 'classification' ? 'log_loss' : 'rmse', steps: trajectory, weights }
      : undefined,
  );
  const rows = historyRows(after.result);
  return {
    kind: 'optimize',
    method: request.method ?? 'greedy',
    ...holdout.report,
    warnings,
    spec,
    trajectory,
    weights,
    before: before.result,
    after: after.result,
    // The run's metrics are those of the produced ensemble; the parent's are in `before`.
    metrics: rows.metrics,
    artifacts: { ...rows.artifacts, before: before.result },
  };
}
