/**
 * How drift rows are ordered and shown: the worst first, so the analyst reads what moved before
 * what did not. Pure, so the order is testable without a browser.
 */
import type { MonitorSeverity } from '../../../../contract/contract';
import { bySeverity as sortBySeverity } from '../../../../charts/severity';

export const SEVERITY_TEXT: Record<MonitorSeverity, string> = {
  major: 'Major',
  moderate: 'Moderate',
  unknown: 'Unknown',
  stable: 'Stable',
};

/** Major first, then moderate, unknown and stable; within a severity the larger PSI first. */
export function bySeverity<T extends { severity: MonitorSeverity; psi: number }>(rows: readonly T[]): T[] {
  return sortBySeverity(rows, (a, b) => b.psi - a.psi);
}

/** Counts as shares of their side's total, so sides of different sizes draw on one scale. */
export function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, n) => a + n, 0);
  return counts.map((n) => (total > 0 ? n / total : 0));
}

/** Bin labels of a numeric histogram: "a – b" from its shared edges. */
export function edgeLabels(edges: readonly number[]): string[] {
  const fmt = (v: number) => (Math.abs(v) >= 1000 || v === Math.round(v) ? v.toFixed(0) : v.toPrecision(3));
  return edges.slice(0, -1).map((e, i) => `${fmt(e)} – ${fmt(edges[i + 1] ?? e)}`);
}
