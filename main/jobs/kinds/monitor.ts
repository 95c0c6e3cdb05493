/** `monitor`: how far a current data file has drifted from a reference one, in features and predictions. */
import { resolve } from 'node:path';
import { MonitorRequestSchema, type HostMonitorResult } from '../../../contract/contract';
import { psiSeverity } from '../../monitor/severity';
import { renderMonitorReport } from '../../report/monitor-report';
import { bySeverity } from '../../../charts/severity';
import { describeRun, rowsHeadline } from './run-text';
import { renderTable } from './text-table';
import type { HostRequestBase, JobKindModule } from './kind';
import { formatCount } from '../../text/format-count';

export interface MonitorJobRequest extends HostRequestBase<'monitor'> {
  /** The reference data file, absolute (`run:ID` already resolved by the engine). */
  reference: string;
  label?: string;
  thresholds: { moderate: number; major: number };
  chunkRows?: number;
}

export const monitorKind: JobKindModule<'monitor', MonitorJobRequest> = {
  kind: 'monitor',
  schema: MonitorRequestSchema,
  pathFields: (request) => [
    { field: 'reference', path: request.reference, mode: 'read' },
    { field: 'current', path: request.current, mode: 'read' },
    { field: 'report', path: request.report, mode: 'write' },
  ],
  dataFile: (request) => ({ path: request.current, role: 'the current data file' }),
  // Thresholds out of order are refused before any file is read.
  checkRequest: (request) => void psiSeverity(0, { moderate: request.psiModerate, major: request.psiMajor }),
  writes: (request) => (request.report ? { report: request.report } : {}),
  hostRequest: (request, base) => ({
    ...base,
    reference: resolve(request.reference),
    label: request.label,
    thresholds: { moderate: request.psiModerate, major: request.psiMajor },
    chunkRows: request.chunkRows,
  }),
  run: async (request, ctx) => (await import('../monitor-job')).runMonitorJob(request, ctx),
  finish({ writes, spec }, result) {
    if (!writes.report) return {};
    return {
      report: {
        html: renderMonitorReport(result, { ensemble: spec.name, created: new Date().toISOString() }),
      },
    };
  },
  cli: {
    verb: 'Monitored',
    warningsOnStderr: true,
    text: (r, _request, verb) => describeRun(rowsHeadline(verb, r), { ...r, metrics: [] }, monitorLines(r)),
  },
};

/** The drift tables, most severe first, then the estimates beside the measurements. */
function monitorLines(r: HostMonitorResult): string[] {
  const lines = [
    `reference: ${r.reference.path} (${formatCount(r.reference.rows)} rows)`,
    `current:   ${r.current.path} (${formatCount(r.current.rows)} rows)`,
    `severity: ${r.severityCounts.major} major, ${r.severityCounts.moderate} moderate, ` +
      `${r.severityCounts.stable} stable, ${r.severityCounts.unknown} unknown ` +
      `(PSI ${r.thresholds.moderate} / ${r.thresholds.major})`,
    '',
    renderTable(
      ['feature', 'severity', 'psi', 'ks', 'wasserstein', 'js', 'missing ref', 'missing cur'],
      bySeverity(r.features).map((f) => [
        f.name,
        f.severity,
        f.psi,
        f.type === 'numeric' ? f.ks : null,
        f.type === 'numeric' ? f.wasserstein : null,
        f.type === 'text' ? f.jensenShannon : null,
        f.reference.missingShare,
        f.current.missingShare,
      ]),
    ),
    '',
    renderTable(
      ['prediction', 'severity', 'psi', 'ks', 'wasserstein'],
      bySeverity(r.predictions).map((p) => [p.name, p.severity, p.psi, p.ks, p.wasserstein]),
    ),
  ];
  const sides = [
    ['reference', r.reference],
    ['current', r.current],
  ] as const;
  lines.push('');
  for (const [name, side] of sides) {
    const parts: string[] = [];
    if (side.estimatedAccuracy !== null)
      parts.push(`estimated accuracy ${side.estimatedAccuracy.toFixed(4)}`);
    const measured = side.measured?.accuracy;
    if (typeof measured === 'number') parts.push(`measured accuracy ${measured.toFixed(4)}`);
    if (side.disagreement !== null)
      parts.push(`member disagreement ${(100 * side.disagreement).toFixed(1)} %`);
    if (parts.length > 0) lines.push(`${name}: ${parts.join(', ')}`);
  }
  return lines;
}
