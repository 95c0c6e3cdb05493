/**
 * Stacking: a meta-model learnt on the members' outputs over a labelled hold-out set (DESIGN.md,
 * "Combiners (exact)").
 *   classification → sklearn `StackingClassifier(final_estimator=LogisticRegression(),
 *                    stack_method='predict_proba', cv='prefit')`;
 *   regression     → `Ridge(alpha=1.0)` over the members' predictions. (StackingRegressor's own
 *                    default is RidgeCV, which picks alpha by leave-one-out among 0.1, 1, 10; a
 *                    fixed alpha keeps the model reproducible from the spec alone.)
 * The result is the `meta` of a stacking combiner, so scoring applies it without refitting.
 */
import type { z } from 'zod';
import { StudioError } from '../../contract/errors';
import type { LogisticMetaSchema, RidgeMetaSchema } from '../../contract/ensemble-spec';
import { checkHoldout } from './holdout';
import { fitLogisticRegression, logisticProbabilities } from './logistic-regression';
import { fitRidge, ridgePredictions } from './ridge';

export type LogisticMeta = z.output<typeof LogisticMetaSchema>;
export type RidgeMeta = z.output<typeof RidgeMetaSchema>;

export interface StackingMember {
  name: string;
  /** N×K probabilities in the ensemble's class order (classification) or N predictions. */
  scores: Float64Array;
}

export interface MetaFeatures {
  /** N×width, row-major. */
  matrix: Float64Array;
  width: number;
  /** Feature names in column order: "<member>.proba_<class>" or "<member>.prediction". */
  names: string[];
}

/**
 * Meta-features in StackingClassifier's order: member after member; for each member all class
 * probabilities, except in the binary case, where sklearn drops the first (redundant) column and
 * keeps P(second class) only.
 */
export function stackingFeatures(
  members: readonly StackingMember[],
  classes: readonly string[],
): MetaFeatures {
  const k = classes.length;
  const used = k === 2 ? [1] : classes.map((_, c) => c);
  const rows = members.length > 0 ? members[0]!.scores.length / k : 0;
  const width = members.length * used.length;
  const matrix = new Float64Array(rows * width);
  const names: string[] = [];
  members.forEach((m, mi) => {
    if (m.scores.length !== rows * k)
      throw new StudioError('internal', `stacking: ${m.name} has the wrong shape`);
    used.forEach((c, ui) => {
      names.push(`${m.name}.proba_${classes[c]}`);
      const col = mi * used.length + ui;
      for (let r = 0; r < rows; r++) matrix[r * width + col] = m.scores[r * k + c]!;
    });
  });
  return { matrix, width, names };
}

/** Regression meta-features: one column per member, its prediction. */
export function regressionStackingFeatures(members: readonly StackingMember[]): MetaFeatures {
  const rows = members.length > 0 ? members[0]!.scores.length : 0;
  const width = members.length;
  const matrix = new Float64Array(rows * width);
  members.forEach((m, mi) => {
    for (let r = 0; r < rows; r++) matrix[r * width + mi] = m.scores[r]!;
  });
  return { matrix, width, names: members.map((m) => `${m.name}.prediction`) };
}

export interface LogisticStackingInput {
  classes: readonly string[];
  /** Class index per hold-out row. */
  labels: Int32Array;
  members: readonly StackingMember[];
}

/**
 * Fits the logistic meta-model. Refuses (bad_input) fewer than 20 rows, a single class, or any
 * ensemble class with fewer than 2 rows: the meta-model has one coefficient row per class, and
 * sklearn would silently fit fewer classes than the ensemble has.
 */
export function fitLogisticStacking(input: LogisticStackingInput): LogisticMeta {
  checkHoldout({ method: 'stacking', classes: input.classes, labels: input.labels, everyClass: true });
  const features = stackingFeatures(input.members, input.classes);
  const fit = fitLogisticRegression(features.matrix, features.width, input.labels, input.classes.length);
  if (!fit.converged && fit.gradientMax > 1e-8) {
    throw new StudioError(
      'internal',
      `stacking: the meta-model did not converge (gradient ${fit.gradientMax})`,
    );
  }
  return { kind: 'logistic', features: features.names, coef: fit.coef, intercept: fit.intercept };
}

export interface RidgeStackingInput {
  targets: Float64Array;
  members: readonly StackingMember[];
}

export function fitRidgeStacking(input: RidgeStackingInput): RidgeMeta {
  checkHoldout({ method: 'stacking', labels: input.targets });
  const features = regressionStackingFeatures(input.members);
  const fit = fitRidge(features.matrix, features.width, input.targets, 1);
  return { kind: 'ridge', features: features.names, coef: fit.coef, intercept: fit.intercept };
}

/**
 * Probabilities (N×K, row-major) of a logistic meta-model for meta-features built by
 * `stackingFeatures` — the same formula as sklearn's predict_proba: binary (one coef row)
 * [1 − σ(z), σ(z)], multiclass softmax.
 */
export function applyLogisticMeta(meta: LogisticMeta, features: Float64Array): Float64Array {
  const width = meta.coef[0]!.length;
  if (meta.coef.some((row) => row.length !== width) || meta.coef.length !== meta.intercept.length) {
    throw new StudioError('spec', 'stacking meta-model: coef rows and intercept do not line up', {
      field: 'combiner.meta',
    });
  }
  if (width !== meta.features.length || features.length % width !== 0) {
    throw new StudioError(
      'spec',
      `stacking meta-model expects ${meta.features.length} features per row (${meta.features.join(', ')})`,
      { field: 'combiner.meta' },
    );
  }
  return logisticProbabilities(meta.coef, meta.intercept, features, width);
}

/** Predictions of a ridge meta-model for meta-features built by `regressionStackingFeatures`. */
export function applyRidgeMeta(meta: RidgeMeta, features: Float64Array): Float64Array {
  if (features.length % Math.max(1, meta.coef.length) !== 0) {
    throw new StudioError('spec', `ridge meta-model expects ${meta.coef.length} features per row`, {
      field: 'combiner.meta',
    });
  }
  return ridgePredictions(meta.coef, meta.intercept, features);
}
