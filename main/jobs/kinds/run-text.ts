/**
 * Human-readable summaries of finished jobs, built from the same result the JSON output has: the
 * parts every kind's CLI text shares. Each kind's own lines live in its module.
 */
import type { FinishedJobResult } from '../../../contract/contract';
import type { MetricRow } from '../../../contract/job-results';
import { renderTable } from './text-table';
import { formatCount } from '../../text/format-count';

/** " — run #12" */
function runSuffix(r: FinishedJobResult): string {
  return r.runId ? ` — run #${r.runId}` : '';
}

/** "Scored 1,000 rows in 1.2 s (830 rows/s) on cpu — run #12" */
export function rowsHeadline(verb: string, r: FinishedJobResult): string {
  return (
    `${verb} ${formatCount(r.rows)} rows in ${formatSeconds(r.seconds)} ` +
    `(${formatCount(Math.round(r.rowsPerSec))} rows/s) on ${r.providerUsed}${runSuffix(r)}`
  );
}

/** "Exported the ensemble … in 0.3 s — run #12": for a kind whose rows are not what it did. */
export function doneHeadline(what: string, r: FinishedJobResult): string {
  return `${what} in ${formatSeconds(r.seconds)}${runSuffix(r)}`;
}

/** The headline, the files the run wrote, the kind's own lines, then the metrics. */
export function describeRun(headline: string, r: FinishedJobResult, kindLines: readonly string[]): string {
  const lines = [headline];
  if (r.output) lines.push(`output: ${r.output}`);
  if (r.report) lines.push(`report: ${r.report}`);
  lines.push(...kindLines);
  if (r.metrics.length > 0) lines.push('', metricTable(r.metrics));
  return lines.join('\n');
}

/** Metrics as a table: one row per metric, one column per scope, the ensemble last. */
export function metricTable(metrics: readonly MetricRow[]): string {
  const scopes = [...new Set(metrics.map((m) => m.scope))].sort((a, b) =>
    a === 'ensemble' ? 1 : b === 'ensemble' ? -1 : 0,
  );
  const names = [...new Set(metrics.map((m) => m.name))];
  const value = (scope: string, name: string) =>
    metrics.find((m) => m.scope === scope && m.name === name)?.value ?? null;
  return renderTable(
    ['metric', ...scopes],
    names.map((name) => [name, ...scopes.map((s) => value(s, name))]),
  );
}

/** "1.2 s", "3 min 4 s" */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}
