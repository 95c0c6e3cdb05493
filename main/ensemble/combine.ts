/**
 * One entry point per task for the chunk-wise combiners. `rank_mean` needs the whole file and is
 * served by RankMeanCollector (rank-mean.ts) instead.
 */
import { StudioError } from '../../contract/errors';
import {
  geometricMean,
  hardVote,
  medianVote,
  softVote,
  type ClassificationInput,
  type ClassificationResult,
} from './combiners-classification';
import { meanRegression, medianRegression, ridgeStacking } from './combiners-regression';
import type { ResolvedEnsemble } from './plan';
import type { CombinerSpec } from '../../contract/ensemble-spec';
import { logisticStacking } from './stacking';

export type { ClassificationResult } from './combiners-classification';
export { RankMeanCollector, rankMeanChunk, averageRanks } from './rank-mean';

/** The members' weights as written in the spec, in member order (combiners divide by their sum). */
export function memberWeights(ensemble: ResolvedEnsemble): Float64Array {
  return Float64Array.from(ensemble.members, (m) => m.rawWeight);
}

/**
 * @param probas each member's N×K probabilities in ensemble class order (normaliseClassification).
 * @param weights one per member, any positive scale (ignored by `median` beyond excluding 0, and by `stacking`).
 */
export function combineClassification(
  combiner: CombinerSpec,
  probas: readonly Float64Array[],
  weights: ArrayLike<number>,
  rowCount: number,
  classCount: number,
): ClassificationResult {
  const input: ClassificationInput = { probas, weights, rowCount, classCount };
  switch (combiner.method) {
    case 'soft_vote':
      return softVote(input);
    case 'hard_vote':
      return hardVote(input);
    case 'geometric_mean':
      return geometricMean(input);
    case 'median':
      return medianVote(input);
    case 'stacking':
      if (combiner.meta.kind === 'logistic')
        return logisticStacking(probas, combiner.meta, rowCount, classCount);
      break;
    case 'rank_mean':
      throw new StudioError('internal', 'rank_mean ranks over the whole file: use RankMeanCollector');
    case 'mean':
      break;
  }
  throw new StudioError('spec', `combiner '${combiner.method}' does not apply to classification`, {
    field: 'combiner',
  });
}

/** @param values each member's N predictions (normaliseRegression). */
export function combineRegression(
  combiner: CombinerSpec,
  values: readonly Float64Array[],
  weights: ArrayLike<number>,
  rowCount: number,
): Float64Array {
  switch (combiner.method) {
    case 'mean':
      return meanRegression({ values, weights, rowCount });
    case 'median':
      return medianRegression({ values, weights, rowCount });
    case 'stacking':
      if (combiner.meta.kind === 'ridge') {
        return ridgeStacking(values, combiner.meta.coef, combiner.meta.intercept, rowCount);
      }
      break;
    default:
      break;
  }
  throw new StudioError('spec', `combiner '${combiner.method}' does not apply to regression`, {
    field: 'combiner',
  });
}
