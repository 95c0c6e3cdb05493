/** Human-readable summaries of finished jobs, built from the same result the JSON output has. */
import type { MemberSummary } from '../../preload/contract';
import type { MetricRow } from '../jobs/results';
import { formatSeconds } from './progress-line';
import { renderTable } from './table';

export interface PrintableResult {
  rows: number;
  seconds: number;
  rowsPerSec: number;
  providerUsed: string;
  warnings: string[];
  classes: string[] | null;
  metrics: MetricRow[];
  output?: string | null;
  predictionCounts?: Record<string, number> | null;
  members?: MemberSummary[];
  runId?: number;
  report?: string | null;
  /** optimize */
  method?: string;
  weights?: Record<string, number>;
  trajectory?: { round: number; member: string; loss: number }[];
  /** export */
  sizeBytes?: number;
  inputs?: { name: string; columns: string[]; type: string }[];
  outputs?: string[];
  opsets?: { domain: string; version: number }[];
  parity?: { rows: number; maxAbsDiff: number; agreement: number } | null;
  /** precision */
  variant?: string;
  subject?: string;
  precision?: PrecisionSummary;
  changed?: string[];
}

interface PrecisionSummary {
  rows: number;
  original: { sizeBytes: number; rowsPerSec: number };
  variant: { sizeBytes: number; rowsPerSec: number };
  maxAbsDiff: number;
  agreement: number | null;
  accuracy: { original: number; variant: number; change: number } | null;
}

export function describeRun(verb: string, r: PrintableResult): string {
  const run = r.runId ? ` — run #${r.runId}` : '';
  // An export scores rows only with --check (its own line below says how many): say what it did.
  const isExport = r.outputs !== undefined && r.inputs !== undefined;
  const lines = [
    isExport
      ? `Exported the ensemble as one ONNX model in ${formatSeconds(r.seconds)}${run}`
      : `${verb} ${r.rows.toLocaleString('en-US')} rows in ${formatSeconds(r.seconds)} ` +
        `(${Math.round(r.rowsPerSec).toLocaleString('en-US')} rows/s) on ${r.providerUsed}${run}`,
  ];
  if (r.output) lines.push(`output: ${r.output}`);
  if (r.report) lines.push(`report: ${r.report}`);
  if (r.outputs && r.inputs) {
    lines.push(
      `fused model: ${r.inputs.length} input${r.inputs.length === 1 ? '' : 's'} → ${r.outputs.join(', ')}; ` +
        `opsets ${(r.opsets ?? []).map((o) => `${o.domain} ${o.version}`).join(', ')}; ${r.sizeBytes ?? 0} bytes`,
    );
    if (r.parity) {
      lines.push(
        `check on ${r.parity.rows.toLocaleString('en-US')} rows: largest difference from the app ` +
          `${r.parity.maxAbsDiff.toExponential(2)}, labels agree on ${(100 * r.parity.agreement).toFixed(2)} %`,
      );
    }
  }
  if (r.precision) {
    const p = r.precision;
    lines.push(
      '',
      `${r.variant} variant of ${r.subject}, measured on ${p.rows.toLocaleString('en-US')} rows:`,
      renderTable(
        ['', 'size (bytes)', 'rows/s', ...(p.accuracy ? ['accuracy'] : [])],
        [
          [
            'original',
            p.original.sizeBytes,
            Math.round(p.original.rowsPerSec),
            ...(p.accuracy ? [p.accuracy.original] : []),
          ],
          [
            r.variant ?? 'variant',
            p.variant.sizeBytes,
            Math.round(p.variant.rowsPerSec),
            ...(p.accuracy ? [p.accuracy.variant] : []),
          ],
        ],
      ),
      `largest difference ${p.maxAbsDiff.toExponential(2)}; predictions agree on ` +
        `${p.agreement === null ? '–' : `${(100 * p.agreement).toFixed(2)} %`} of rows` +
        (p.accuracy
          ? `; accuracy change ${p.accuracy.change >= 0 ? '+' : ''}${p.accuracy.change.toFixed(4)}`
          : ''),
    );
    for (const c of r.changed ?? []) lines.push(`  · ${c}`);
  }
  if (r.weights) {
    const last = r.trajectory?.at(-1);
    lines.push(
      '',
      `greedy weights${last ? ` after ${last.round} rounds (loss ${last.loss.toPrecision(5)})` : ''}:`,
      renderTable(
        ['member', 'weight'],
        Object.entries(r.weights).map(([name, w]) => [name, w]),
      ),
    );
    if (r.trajectory && r.trajectory.length > 0)
      lines.push('', 'loss trajectory:', describeTrajectory(r.trajectory));
  } else if (r.method === 'stacking') {
    lines.push(
      '',
      'stacking meta-model fitted; the metrics below are the stacked ensemble on the hold-out file',
    );
  }
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  if (r.predictionCounts) {
    lines.push(
      `predictions: ${Object.entries(r.predictionCounts)
        .map(([c, n]) => `${c}: ${n.toLocaleString('en-US')}`)
        .join(', ')}`,
    );
  }
  if (r.members && r.members.length > 0) {
    const classes = r.classes;
    const header = [
      'member',
      'weight',
      ...(classes ? ['agreement', ...classes.map((c) => `mean P(${c})`)] : ['mean']),
    ];
    lines.push(
      '',
      renderTable(
        header,
        r.members.map((m) => [
          m.name,
          m.weight,
          ...(classes ? [m.agreement === null ? null : `${(100 * m.agreement).toFixed(1)} %`] : []),
          ...m.means,
        ]),
      ),
    );
  }
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

/** The greedy search round by round, runs of the same choice folded into one line. */
function describeTrajectory(steps: readonly { round: number; member: string; loss: number }[]): string {
  const rows: (string | number)[][] = [];
  let start = 0;
  for (let i = 1; i <= steps.length; i++) {
    if (i < steps.length && steps[i]!.member === steps[start]!.member) continue;
    const first = steps[start]!;
    const last = steps[i - 1]!;
    rows.push([
      first.round === last.round ? `${first.round}` : `${first.round}–${last.round}`,
      first.member,
      last.loss,
    ]);
    start = i;
  }
  return renderTable(['rounds', 'member added', 'loss after'], rows);
}
