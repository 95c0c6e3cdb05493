/** One chunk's combined result, for either task, from the members' normalised scores. */
import type { ResolvedEnsemble } from '../ensemble/plan';
import {
  combineClassification,
  combineRegression,
  memberWeights,
  type ClassificationResult,
} from '../ensemble/combine';
import { calibrateResult } from '../ensemble/calibration';

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
  const classCount = resolved.classes.length;
  const combined = combineClassification(resolved.combiner, scores, weights, rowCount, classCount);
  // The calibrated probabilities replace the combined ones everywhere a chunk is combined.
  return resolved.calibration
    ? calibrateResult(resolved.calibration, combined, rowCount, classCount)
    : combined;
}
