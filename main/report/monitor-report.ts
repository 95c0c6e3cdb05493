/**
 * A self-contained HTML page of a monitor run: how far the current file has drifted from the
 * reference, in features and predictions, and the ensemble's estimated accuracy beside the
 * measured one. Inline CSS and SVG only — no scripts and nothing to fetch — like the evaluation
 * report, so it opens offline and can be mailed.
 */
import { basename } from 'node:path';
import type { HostMonitorResult, MonitorSide } from '../../contract/contract';
import { bySeverity } from '../../charts/severity';
import { histogramBars } from './svg/histogram-bars';
import { esc, formatMetric } from './svg/text';
import { reportPage, section } from './page';
import { formatCount } from '../text/format-count';

/** The parts of a monitor run's result the page shows (a HostMonitorResult fits). */
export type MonitorReportInput = Pick<
  HostMonitorResult,
  'thresholds' | 'reference' | 'current' | 'features' | 'predictions' | 'severityCounts'
>;

export interface MonitorReportOptions {
  /** The ensemble's name. */
  ensemble: string;
  /** When the page was made (ISO time), shown in the header. */
  created: string;
  runId?: number;
}

/** Severity colours for the table's badge; the rest of the look is the shared stylesheet's. */
const MONITOR_CSS = `
.sev { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 600; }
.sev.major { background: #fee2e2; color: var(--bad); }
.sev.moderate { background: #fef3c7; color: #92400e; }
.sev.stable { background: #ecfdf5; color: var(--good); }
.sev.unknown { background: #f3f4f6; color: var(--muted); }
tr.major td:first-child { font-weight: 700; }
svg.hist { display: block; }
td.hist { padding: 2px 10px; }
`;

export function renderMonitorReport(result: MonitorReportInput, options: MonitorReportOptions): string {
  const title = `${options.ensemble}: drift of ${basename(result.current.path)} from ${basename(result.reference.path)}`;
  const body = [
    header(result, options, title),
    summary(result),
    section('Features', featureTable(result)),
    section('Predictions', predictionTable(result)),
    section('Accuracy', accuracyTable(result)),
    `<footer>Ensemble Studio monitor report · PSI, KS, Wasserstein and Jensen–Shannon as defined in docs/MONITORING.md</footer>`,
  ].join('\n');
  return reportPage(title, body, MONITOR_CSS);
}

function header(result: MonitorReportInput, options: MonitorReportOptions, title: string): string {
  const facts: [string, string][] = [
    ['Ensemble', options.ensemble],
    ['Reference', `${result.reference.path} (${formatCount(result.reference.rows)} rows)`],
    ['Current', `${result.current.path} (${formatCount(result.current.rows)} rows)`],
    ['Created', options.created],
    [
      'Thresholds',
      `PSI below ${result.thresholds.moderate} stable, above ${result.thresholds.major} major, moderate between`,
    ],
  ];
  if (options.runId !== undefined) facts.push(['Run', `#${options.runId}`]);
  return `<header><h1>${esc(title)}</h1><p class="subtitle">Monitor report</p>
<dl class="info">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl></header>`;
}

/** One line answering "is anything wrong?", in the colour of the worst severity. */
function summary(result: MonitorReportInput): string {
  const c = result.severityCounts;
  const tone = c.major > 0 ? 'bad' : c.moderate > 0 ? '' : 'good';
  return `<p class="verdict ${tone}" id="summary"><b>${c.major}</b> major, <b>${c.moderate}</b> moderate, <b>${c.stable}</b> stable, <b>${c.unknown}</b> unknown (features and predictions).</p>`;
}

function badge(severity: string): string {
  return `<span class="sev ${esc(severity)}">${esc(severity)}</span>`;
}

function percent(share: number): string {
  return `${(100 * share).toFixed(1)} %`;
}

function featureTable(result: MonitorReportInput): string {
  const rows = bySeverity(result.features).map((f) => {
    const ks = f.type === 'numeric' ? formatMetric(f.ks) : '—';
    const distance = f.type === 'numeric' ? formatMetric(f.wasserstein) : formatMetric(f.jensenShannon);
    const chart = f.type === 'numeric' ? histogramBars(f.histogram, f.name) : '';
    return (
      `<tr class="${esc(f.severity)}"><td>${esc(f.name)}</td><td>${badge(f.severity)}</td>` +
      `<td>${formatMetric(f.psi)}</td><td>${ks}</td><td>${distance}</td>` +
      `<td>${percent(f.reference.missingShare)}</td><td>${percent(f.current.missingShare)}</td>` +
      `<td class="hist">${chart}</td></tr>`
    );
  });
  return (
    `<table id="features"><thead><tr><th>Feature</th><th>Severity</th><th>PSI</th><th>KS</th>` +
    `<th>Wasserstein / JS</th><th>Missing (ref)</th><th>Missing (cur)</th><th>Reference vs current</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>` +
    `<p class="note">Wasserstein for numeric features, Jensen–Shannon distance for text ones. Bars: share of rows per bin, reference grey, current blue.</p>`
  );
}

function predictionTable(result: MonitorReportInput): string {
  const rows = bySeverity(result.predictions).map(
    (p) =>
      `<tr class="${esc(p.severity)}"><td>${esc(p.name)}</td><td>${badge(p.severity)}</td>` +
      `<td>${formatMetric(p.psi)}</td><td>${formatMetric(p.ks)}</td><td>${formatMetric(p.wasserstein)}</td>` +
      `<td class="hist">${histogramBars(p.histogram, p.name)}</td></tr>`,
  );
  return (
    `<table id="predictions"><thead><tr><th>Prediction</th><th>Severity</th><th>PSI</th><th>KS</th>` +
    `<th>Wasserstein</th><th>Reference vs current</th></tr></thead><tbody>${rows.join('')}</tbody></table>` +
    classShares(result)
  );
}

function classShares(result: MonitorReportInput): string {
  const { reference, current } = result;
  if (!reference.classShares && !current.classShares) return '';
  const classes = [
    ...new Set([...Object.keys(reference.classShares ?? {}), ...Object.keys(current.classShares ?? {})]),
  ];
  const share = (side: MonitorSide, c: string) => {
    const v = side.classShares?.[c];
    return v === undefined ? '—' : percent(v);
  };
  const rows = classes.map(
    (c) => `<tr><td>${esc(c)}</td><td>${share(reference, c)}</td><td>${share(current, c)}</td></tr>`,
  );
  return (
    `<h3 style="margin-top:14px">Predicted class shares</h3><table><thead><tr><th>Class</th><th>Reference</th>` +
    `<th>Current</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

function accuracyTable(result: MonitorReportInput): string {
  const measured = (side: MonitorSide) => {
    const v = side.measured?.accuracy;
    return typeof v === 'number' ? formatMetric(v) : '—';
  };
  const disagreement = (side: MonitorSide) => (side.disagreement === null ? '—' : percent(side.disagreement));
  const row = (name: string, side: MonitorSide) =>
    `<tr><td>${name}</td><td>${formatMetric(side.estimatedAccuracy)}</td><td>${measured(side)}</td>` +
    `<td>${disagreement(side)}</td></tr>`;
  return (
    `<table id="accuracy"><thead><tr><th>Side</th><th>Estimated accuracy</th><th>Measured accuracy</th>` +
    `<th>Member disagreement</th></tr></thead><tbody>${row('Reference', result.reference)}${row('Current', result.current)}</tbody></table>` +
    `<p class="note">Estimated accuracy: the mean over rows of the ensemble's probability of its predicted class, needing no labels. Measured accuracy needs the label column on that side.</p>`
  );
}
