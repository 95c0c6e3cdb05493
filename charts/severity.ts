/**
 * The order drift rows are shown in, everywhere (the CLI's text, the HTML report, the Monitor
 * page): what needs attention first.
 */
import type { MonitorSeverity } from '../contract/contract';

const SEVERITY_RANK: Record<MonitorSeverity, number> = { major: 0, moderate: 1, unknown: 2, stable: 3 };

/**
 * A copy sorted major first, then moderate, unknown, stable; within a severity by `then`, else in
 * the order given (the ensemble's).
 */
export function bySeverity<T extends { severity: MonitorSeverity }>(
  rows: readonly T[],
  then: (a: T, b: T) => number = () => 0,
): T[] {
  return [...rows].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || then(a, b));
}
