/** Drift of one numeric column between a reference sample and a current sample. */
import { sharedHistogram, type SharedHistogram } from './histogram';
import { ksStatistic } from './ks';
import { psiBins, type PsiBins } from './psi-bins';
import { psiFromCounts } from './psi';
import { presentSample } from './sample';
import { wassersteinDistance } from './wasserstein';

/** Row counts of one side: NaN rows are excluded from every statistic and reported here. */
export interface SideCounts {
  rows: number;
  present: number;
  /** NaN rows / rows; NaN for a side with no rows. */
  missingShare: number;
}

export interface NumericDrift {
  /** Two-sample Kolmogorov–Smirnov statistic, in [0, 1]; scipy.stats.ks_2samp(...).statistic. */
  ks: number;
  /** 1-Wasserstein distance, in the column's units; scipy.stats.wasserstein_distance. */
  wasserstein: number;
  /** PSI over the reference-decile bins in `psiBins`. */
  psi: number;
  reference: SideCounts;
  current: SideCounts;
  /** The bins PSI was computed on, so a report can show which bins moved. */
  psiBins: PsiBins;
  /** Equal-width counts of both sides on shared edges, for a small chart. */
  histogram: SharedHistogram;
}

/**
 * Compares a current numeric sample with a reference one. NaN is "missing": it is left out of
 * every statistic and counted in `missingShare`. When either side has no present values the
 * statistics are NaN (undefined), never 0, so an empty column cannot pass as "stable".
 */
export function numericDrift(
  reference: Float64Array,
  current: Float64Array,
  histogramBins = 10,
): NumericDrift {
  const ref = presentSample(reference);
  const cur = presentSample(current);
  const bins = psiBins(ref.sorted, cur.sorted);
  return {
    ks: ksStatistic(ref.sorted, cur.sorted),
    wasserstein: wassersteinDistance(ref.sorted, cur.sorted),
    psi: psiFromCounts(bins.reference, ref.sorted.length, bins.current, cur.sorted.length),
    reference: { rows: ref.rows, present: ref.sorted.length, missingShare: ref.missingShare },
    current: { rows: cur.rows, present: cur.sorted.length, missingShare: cur.missingShare },
    psiBins: bins,
    histogram: sharedHistogram(ref.sorted, cur.sorted, histogramBins),
  };
}
