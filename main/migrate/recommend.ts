/**
 * The budgets and the choice: a candidate is within budget when it ran on the provider asked for,
 * its agreement with the reference is at least the agreement budget and, with labels, its metric
 * worsens by at most the metric budget. The recommendation is the fastest (rows/s) of those.
 */
import type { MigrationCandidate, MigrationRecommendation } from '../../contract/migration-types';
import { formatCount } from '../text/format-count';

export interface Budgets {
  agreement: number;
  metric: number;
}

/** Why a measured candidate misses the budgets, or null when it meets them. */
export function budgetMiss(candidate: MigrationCandidate, budgets: Budgets): string | null {
  if (!candidate.ok || candidate.agreement === null) return 'did not run';
  const misses: string[] = [];
  if (candidate.agreement < budgets.agreement)
    misses.push(
      `agreement ${percent(candidate.agreement)} is below the budget ${percent(budgets.agreement)}`,
    );
  if (candidate.metricChange !== null && candidate.metricChange > budgets.metric)
    misses.push(
      `${candidate.metric} worsens by ${signed(candidate.metricChange)}, more than the budget ${budgets.metric}`,
    );
  return misses.length === 0 ? null : misses.join('; ');
}

export function recommend(
  candidates: readonly MigrationCandidate[],
  budgets: Budgets,
): MigrationRecommendation | null {
  const within = candidates.filter((c) => c.withinBudget && c.rowsPerSec !== null);
  if (within.length === 0) return null;
  const best = within.reduce((a, b) => (b.rowsPerSec! > a.rowsPerSec! ? b : a));
  const measured = candidates.filter((c) => c.ok).length;
  const figures = [
    `${formatCount(Math.round(best.rowsPerSec!))} rows/s`,
    `agreement ${percent(best.agreement!)}`,
    `largest difference ${best.maxDiff!.toExponential(2)}`,
    ...(best.metricChange !== null ? [`${best.metric} change ${signed(best.metricChange)}`] : []),
    `${formatCount(best.sizeBytes!)} bytes`,
    `load ${best.loadSeconds!.toFixed(3)} s`,
  ];
  const rule =
    `agreement ≥ ${percent(budgets.agreement)}` +
    (best.metricChange !== null ? `, ${best.metric} worsening ≤ ${budgets.metric}` : '');
  return {
    representation: best.representation,
    provider: best.provider,
    threads: best.threads,
    reason:
      `${best.representation} on ${best.provider} with ${best.threads} thread${best.threads === 1 ? '' : 's'} ` +
      `is the fastest of the ${within.length} combinations within the budgets (${rule}; ` +
      `${measured} measured): ${figures.join(', ')}`,
  };
}

export function percent(share: number): string {
  return `${(100 * share).toFixed(2)} %`;
}

function signed(x: number): string {
  const digits = x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toPrecision(3);
  return `${x >= 0 ? '+' : ''}${digits}`;
}
