/**
 * `score --uncertainty`: per-row columns that say how sure the ensemble is, written after the
 * probabilities (docs/MONITORING.md gives the definitions):
 *   uncertainty.entropy, uncertainty.margin, uncertainty.member_std, uncertainty.disagreement
 * for classification; uncertainty.member_std of the members' predictions for regression.
 */
import type { OutputColumn } from '../../contract/data-types';
import type { ResolvedEnsemble } from '../ensemble/plan';
import { argmaxRows } from '../ensemble/combiners-classification';
import { classificationUncertainty, regressionMemberStd } from '../monitor/uncertainty';
import type { CombinedChunk } from './combine-chunk';

export const UNCERTAINTY_PREFIX = 'uncertainty.';

/** The uncertainty columns' names for an ensemble's task, in output order. */
export function uncertaintyColumnNames(resolved: ResolvedEnsemble): string[] {
  const measures =
    resolved.task === 'classification' ? ['entropy', 'margin', 'member_std', 'disagreement'] : ['member_std'];
  return measures.map((m) => `${UNCERTAINTY_PREFIX}${m}`);
}

/** The columns for one chunk, from the combined result and every member's normalised scores. */
export function uncertaintyColumns(
  resolved: ResolvedEnsemble,
  combined: CombinedChunk,
  memberScores: readonly Float64Array[],
  rows: number,
): OutputColumn[] {
  const names = uncertaintyColumnNames(resolved);
  if ('values' in combined) {
    return [{ name: names[0]!, kind: 'float64', values: regressionMemberStd(memberScores, rows) }];
  }
  const k = resolved.classes.length;
  const measured = classificationUncertainty(
    combined.proba,
    k,
    // argmaxRows gives -1 (no class) on a row a member has no scores for (NaN).
    resolved.members.map((member, i) => ({
      proba: memberScores[i]!,
      predicted: argmaxRows(memberScores[i]!, rows, k),
      weight: member.weight,
    })),
  );
  return [
    { name: names[0]!, kind: 'float64', values: measured.entropy },
    { name: names[1]!, kind: 'float64', values: measured.margin },
    { name: names[2]!, kind: 'float64', values: measured.memberStd },
    { name: names[3]!, kind: 'float64', values: measured.disagreement },
  ];
}
