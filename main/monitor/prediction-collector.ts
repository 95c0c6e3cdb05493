/**
 * Collects what prediction drift needs from one scored file: the ensemble's and each member's
 * P(class) (binary: the positive class only) or regression prediction, the class counts and the
 * member disagreement rate.
 */
import { argmaxRow } from '../ensemble/row-math';
import type { ResolvedEnsemble } from '../ensemble/plan';
import type { CombinedChunk } from '../jobs/combine-chunk';
import { GrowableFloat64 } from '../jobs/growable';

/** One compared prediction column: whose it is, of which class (null for regression). */
export interface PredictionSample {
  source: string;
  class: string | null;
  values: Float64Array;
}

export interface CollectedPredictions {
  samples: PredictionSample[];
  /** The ensemble's N×K probabilities (classification), for the label-free accuracy estimate. */
  proba: Float64Array | null;
  classShares: Record<string, number> | null;
  disagreement: number | null;
}

export class PredictionCollector {
  private readonly classIndices: number[];
  /** Per source (the ensemble, then each member in plan order), per compared class. */
  private readonly samples: GrowableFloat64[][];
  private readonly proba = new GrowableFloat64();
  private readonly classCounts: Float64Array;
  private predicted = 0;
  private disagreeing = 0;

  constructor(private readonly resolved: ResolvedEnsemble) {
    const k = resolved.task === 'classification' ? resolved.classes.length : 0;
    this.classIndices = k === 0 ? [0] : k === 2 ? [1] : [...Array(k).keys()];
    this.samples = [null, ...resolved.members].map(() => this.classIndices.map(() => new GrowableFloat64()));
    this.classCounts = new Float64Array(k);
  }

  add(combined: CombinedChunk, memberScores: readonly Float64Array[], rowCount: number): void {
    if ('values' in combined) {
      this.samples[0]![0]!.append(combined.values);
      memberScores.forEach((scores, m) => this.samples[m + 1]![0]!.append(scores));
      return;
    }
    const k = this.classCounts.length;
    this.proba.append(combined.proba);
    [combined.proba, ...memberScores].forEach((matrix, source) =>
      this.classIndices.forEach((c, i) => this.samples[source]![i]!.append(column(matrix, k, c, rowCount))),
    );
    for (let r = 0; r < rowCount; r++) {
      const p = combined.prediction[r]!;
      if (p < 0) continue;
      this.predicted++;
      this.classCounts[p]!++;
      if (memberScores.some((scores) => argmaxRow(scores, r * k, k) !== p)) this.disagreeing++;
    }
  }

  finish(): CollectedPredictions {
    const sources = ['ensemble', ...this.resolved.members.map((m) => m.name)];
    const classification = this.resolved.task === 'classification';
    const samples = sources.flatMap((source, s) =>
      this.classIndices.map((c, i) => ({
        source,
        class: classification ? this.resolved.classes[c]! : null,
        values: this.samples[s]![i]!.view(),
      })),
    );
    if (!classification) return { samples, proba: null, classShares: null, disagreement: null };
    const shares: Record<string, number> = {};
    this.resolved.classes.forEach((name, c) => {
      shares[name] = this.predicted === 0 ? NaN : this.classCounts[c]! / this.predicted;
    });
    return {
      samples,
      proba: this.proba.view(),
      classShares: shares,
      disagreement: this.predicted === 0 ? NaN : this.disagreeing / this.predicted,
    };
  }
}

function column(matrix: Float64Array, width: number, c: number, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = matrix[r * width + c]!;
  return out;
}
