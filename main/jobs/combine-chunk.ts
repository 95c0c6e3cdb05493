/** One chunk's combined result, for either task, from the members' normalised scores. */
import type { ResolvedEnsemble } from '../ensemble/plan';
import {
  combineClassification,
  combineRegression,
  memberWeights,
  type ClassificationResult,
} from '../ensemble/combine';

export type CombinedChunk = ClassificationResult | { values: Float64Array };

export function combineChunk(
  resolved: ResolvedEnsemble,
  scores: readonly Float64Array[],
  rowCount: number,
): CombinedChunk {
  const weights = memberWeights(resolved);
  if (resolved.task === 'regression') {
    return { values: combineRegression(resolved.combiner, scores, weights, rowCount) };
  }
  return combineClassification(resolved.combiner, scores, weights, rowCount, resolved.classes.length);
}
