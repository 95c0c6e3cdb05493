/**
 * A what-if on stored member scores: the spec changed (members dropped, weights or the combiner
 * replaced), the members' scores recombined with the scoring path's own combiners, and the result
 * evaluated with the evaluate job's own evaluateEnsemble, so it equals a fresh evaluate of the
 * changed spec on the same rows.
 */
import { StudioError } from '../../contract/errors';
import type { WhatIfRequest, WhatIfResult } from '../../contract/contract';
import { COMBINERS_FOR_TASK, type EnsembleSpec } from '../../contract/ensemble-spec';
import {
  combineClassification,
  combineRegression,
  RankMeanCollector,
  rankMeanChunk,
} from '../ensemble/combine';
import { applyCalibration } from '../calibrate/calibrate-probabilities';
import { resolveCalibration } from '../ensemble/calibration';
import { evaluateEnsemble, type EvaluationResult, type PerModel } from '../evaluate/evaluate-result';
import type { ScoreStore } from './score-store';

/** What a what-if changes; the request without the run it reads. */
export type WhatIfChange = Omit<WhatIfRequest, 'runId'>;

/** The spec with the change applied: dropped members get weight 0, named ones their new weight. */
function changedSpec(spec: EnsembleSpec, change: WhatIfChange): EnsembleSpec {
  const names = new Set(spec.members.map((m) => m.name));
  const unknown = [...change.drop, ...Object.keys(change.weights ?? {})].filter((n) => !names.has(n));
  if (unknown.length > 0) {
    throw new StudioError(
      'bad_input',
      `no member named ${unknown.map((n) => `"${n}"`).join(', ')} (members: ${[...names].join(', ')})`,
      { field: 'members' },
    );
  }
  for (const [name, weight] of Object.entries(change.weights ?? {})) {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new StudioError('bad_input', `member "${name}": the weight must be a finite number ≥ 0`, {
        field: 'weights',
      });
    }
  }
  const combiner = change.combiner ? { method: change.combiner } : spec.combiner;
  if (!(COMBINERS_FOR_TASK[spec.task] as readonly string[]).includes(combiner.method)) {
    throw new StudioError('bad_input', `combiner '${combiner.method}' does not apply to ${spec.task}`, {
      field: 'combiner',
    });
  }
  const reweighted = change.drop.length > 0 || Object.keys(change.weights ?? {}).length > 0;
  if (combiner.method === 'stacking' && reweighted) {
    throw new StudioError(
      'bad_input',
      "stacking's meta-model was fitted on every member as they are: choose another combiner to drop or reweight members",
      { field: 'combiner' },
    );
  }
  const members = spec.members.map((m) => ({
    ...m,
    weight: change.drop.includes(m.name) ? 0 : (change.weights?.[m.name] ?? m.weight),
  }));
  if (!members.some((m) => m.weight > 0)) {
    throw new StudioError('bad_input', 'every member would be dropped or weigh 0: keep at least one', {
      field: 'drop',
    });
  }
  // A calibration map was fitted on the old combiner's output: a new combiner leaves it out.
  const { calibration, ...uncalibrated } = spec;
  const keepCalibration = calibration && combiner.method === spec.combiner.method;
  return {
    ...uncalibrated,
    ...(keepCalibration ? { calibration } : {}),
    members,
    combiner: combiner as EnsembleSpec['combiner'],
  };
}

/**
 * The weights as the scoring path hands them to the combiners (resolve.ts): as written, divided
 * by the largest only when their sum overflows.
 */
function combinerWeights(spec: EnsembleSpec): Float64Array {
  const raw = spec.members.reduce((sum, m) => sum + m.weight, 0);
  const largest = spec.members.reduce((max, m) => Math.max(max, m.weight), 0);
  const scale = Number.isFinite(raw) ? 1 : largest;
  return Float64Array.from(spec.members, (m) => m.weight / scale);
}

/** The ensemble's scores on the stored rows under `spec`'s weights and combiner. */
function recombine(store: ScoreStore, spec: EnsembleSpec): Float64Array {
  const { header, members } = store;
  const weights = combinerWeights(spec);
  if (header.task === 'regression') return combineRegression(spec.combiner, members, weights, header.rows);
  if (spec.combiner.method === 'rank_mean') {
    // Ranks span every row of the file; rows dropped for an unknown label are not stored.
    if (header.unknownLabels > 0) {
      throw new StudioError(
        'bad_input',
        `rank_mean ranks every row of the file, and ${header.unknownLabels} rows with unknown labels were not kept: re-run evaluate with rank_mean instead`,
        { field: 'combiner' },
      );
    }
    const ranks = new RankMeanCollector(weights);
    ranks.add(members, header.rows);
    return rankMeanChunk(ranks.finish(), 0, header.rows).proba;
  }
  const proba = combineClassification(spec.combiner, members, weights, header.rows, header.width).proba;
  // As scoring does (main/jobs/combine-chunk.ts): the spec's calibration after the combiner.
  const calibration = resolveCalibration(spec, header.width);
  return calibration ? applyCalibration(calibration, proba) : proba;
}

/** The evaluation of `spec` on the stored rows, as the evaluate job computes it. */
export function evaluateStored(store: ScoreStore, spec: EnsembleSpec): EvaluationResult {
  const { header } = store;
  return evaluateEnsemble({
    task: header.task,
    classes: header.classes,
    labels: header.task === 'classification' ? Int32Array.from(store.labels) : store.labels.slice(),
    members: header.members.map((name, i) => ({ name, scores: store.members[i]! })),
    ensemble: recombine(store, spec),
    unknownLabels: header.unknownLabels,
  });
}

/**
 * The evaluation of `spec` on the stored rows, given the run's own (`before`). What evaluateEnsemble
 * computes for the members (their metrics and plots, their correlation and disagreement) does not
 * depend on the ensemble, so only the ensemble is evaluated again and the members' parts are
 * taken from `before`: the same numbers as a full evaluation, several times faster.
 */
function evaluateChanged(store: ScoreStore, spec: EnsembleSpec, before: EvaluationResult): EvaluationResult {
  const { header } = store;
  const ensembleOnly = evaluateEnsemble({
    task: header.task,
    classes: header.classes,
    labels: header.task === 'classification' ? Int32Array.from(store.labels) : store.labels.slice(),
    members: [],
    ensemble: recombine(store, spec),
    unknownLabels: header.unknownLabels,
  });
  const withMembers = <T>(changed: PerModel<T> | null, recorded: PerModel<T> | null): PerModel<T> | null =>
    changed && recorded ? { ensemble: changed.ensemble, members: recorded.members } : changed;
  const { plots } = ensembleOnly;
  return {
    ...ensembleOnly,
    metrics: withMembers(ensembleOnly.metrics, before.metrics)!,
    plots: {
      ...plots,
      roc: withMembers(plots.roc, before.plots.roc),
      calibration: withMembers(plots.calibration, before.plots.calibration),
      confusion: withMembers(plots.confusion, before.plots.confusion),
      correlation: before.plots.correlation,
      disagreement: before.plots.disagreement,
    },
  };
}

/** The what-if's answer; `before` is passed in so a caller can keep it between calls. */
export function whatIfResult(
  runId: number,
  store: ScoreStore,
  before: EvaluationResult,
  change: WhatIfChange,
): WhatIfResult {
  const spec = changedSpec(store.header.spec, change);
  return {
    runId,
    members: spec.members.map((m) => ({
      name: m.name,
      weight: m.weight,
      dropped: change.drop.includes(m.name),
    })),
    combiner: spec.combiner.method,
    before,
    after: evaluateChanged(store, spec, before),
    spec,
  };
}
