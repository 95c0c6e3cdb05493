/**
 * A self-contained HTML report of an evaluation: one file an analyst can open or mail. Inline
 * CSS and inline SVG only — no scripts, fonts, images or links to fetch — so it opens on an
 * air-gapped machine and requests nothing.
 */
import {
  calibrationByModel,
  calibrationOneVsRest,
  chosenClass,
  confusionOf,
  ENSEMBLE,
  rocByModel,
  rocOneVsRest,
  rowShares,
  type CurveSeries,
} from '../../charts/series';
import type { EvaluationPlots, EvaluationResult, MetricSet } from '../../contract/evaluation-types';
import { METRIC_INFO } from '../../contract/evaluation-types';
import { extent, heatIntensity, padded } from '../../charts/scales';
import { heatmap } from './svg/heatmap';
import { lineChart, type Series } from './svg/line-chart';
import { diverging, ENSEMBLE_COLOR, seriesColor, sequential } from './svg/palette';
import { esc, formatMetric } from './svg/text';
import { reportPage, section } from './page';

/** The parts of an ensemble spec the report shows (an EnsembleSpec fits). */
export interface ReportSpec {
  name: string;
  description?: string;
  combiner: { method: string };
  members: readonly { name: string; weight?: number }[];
}

export interface ReportOptions {
  title: string;
  spec?: ReportSpec;
  /** Free-form facts about the run (input file, when, run id …), shown as a key/value list. */
  runInfo?: Record<string, string | number | boolean | null>;
}

export function renderHtmlReport(result: EvaluationResult, options: ReportOptions): string {
  const body = [
    header(result, options),
    verdict(result),
    section('Metrics', metricTable(result) + residualTable(result)),
    section('Plots', `<div class="grid">${plots(result).join('')}</div>`),
    options.spec ? section('Ensemble', specSummary(options.spec)) : '',
    `<footer>Ensemble Studio report · metrics as defined by scikit-learn · ${esc(result.rows)} labelled rows</footer>`,
  ].join('\n');
  return reportPage(options.title, body);
}

function header(result: EvaluationResult, options: ReportOptions): string {
  const facts: [string, string][] = [
    ['Task', result.task],
    ['Rows evaluated', String(result.rows)],
  ];
  if (result.classes) {
    const counts = result.classCounts ?? [];
    facts.push(['Classes', result.classes.map((c, i) => `${c} (${counts[i] ?? 0})`).join(', ')]);
  }
  if (result.unknownLabels > 0) facts.push(['Rows skipped (unknown label)', String(result.unknownLabels)]);
  for (const [key, value] of Object.entries(options.runInfo ?? {}))
    facts.push([key, value === null ? '—' : String(value)]);
  const subtitle = options.spec
    ? `${options.spec.name} · ${options.spec.combiner.method}`
    : `${result.task} ensemble`;
  return `<header><h1>${esc(options.title)}</h1><p class="subtitle">${esc(subtitle)}</p>
<dl class="info">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl></header>`;
}

/** Metrics that rank models (residual quantiles describe, they do not rank). */
function rankedMetrics(set: MetricSet): string[] {
  return Object.keys(METRIC_INFO).filter((name) => name in set && !name.startsWith('residual_'));
}

function bestMember(result: EvaluationResult, metric: string): { name: string; value: number } | null {
  const higher = METRIC_INFO[metric]?.higherIsBetter ?? true;
  let best: { name: string; value: number } | null = null;
  for (const [name, set] of Object.entries(result.metrics.members)) {
    const v = set[metric];
    if (v === null || v === undefined) continue;
    if (!best || (higher ? v > best.value : v < best.value)) best = { name, value: v };
  }
  return best;
}

/** One sentence answering "does the ensemble beat its best member, and by how much?". */
function verdict(result: EvaluationResult): string {
  const metric = result.task === 'classification' ? 'log_loss' : 'rmse';
  const label = METRIC_INFO[metric]!.label;
  const ensemble = result.metrics.ensemble[metric];
  const best = bestMember(result, metric);
  if (ensemble === null || ensemble === undefined || !best) return '';
  const better = ensemble < best.value;
  const difference = Math.abs(ensemble - best.value);
  // A relative change means little against a (near-)perfect member; give the difference then.
  const by =
    Math.abs(best.value) >= 1e-3
      ? `${((difference / Math.abs(best.value)) * 100).toFixed(1)}%`
      : formatMetric(difference);
  const text = better
    ? `The ensemble beats its best member (<b>${esc(best.name)}</b>) on ${label}: ${formatMetric(ensemble)} vs ${formatMetric(best.value)}, better by ${by}.`
    : `The ensemble does not beat its best member (<b>${esc(best.name)}</b>) on ${label}: ${formatMetric(ensemble)} vs ${formatMetric(best.value)}, worse by ${by}.`;
  return `<p class="verdict ${better ? 'good' : 'bad'}">${text}</p>`;
}

function metricTable(result: EvaluationResult): string {
  const metrics = rankedMetrics(result.metrics.ensemble);
  const rows: [string, MetricSet][] = [
    [ENSEMBLE, result.metrics.ensemble],
    ...Object.entries(result.metrics.members),
  ];
  const bestValue = new Map<string, number>();
  for (const metric of metrics) {
    const higher = METRIC_INFO[metric]!.higherIsBetter;
    const values = rows.map(([, set]) => set[metric]).filter((v): v is number => typeof v === 'number');
    if (values.length > 0) bestValue.set(metric, higher ? Math.max(...values) : Math.min(...values));
  }
  const head = `<thead><tr><th>Model</th>${metrics
    .map(
      (m) =>
        `<th title="${METRIC_INFO[m]!.higherIsBetter ? 'higher is better' : 'lower is better'}">${esc(METRIC_INFO[m]!.label)} ${METRIC_INFO[m]!.higherIsBetter ? '↑' : '↓'}</th>`,
    )
    .join('')}</tr></thead>`;
  const cells = (set: MetricSet) =>
    metrics
      .map((m) => {
        const v = set[m];
        const best = typeof v === 'number' && v === bestValue.get(m);
        return `<td${best ? ' class="best"' : ''}>${formatMetric(v)}</td>`;
      })
      .join('');
  const body = rows.map(
    ([name, set], i) =>
      `<tr${i === 0 ? ' class="ensemble"' : ''}><td>${i === 0 ? 'Ensemble' : esc(name)}</td>${cells(set)}</tr>`,
  );
  const deltas = metrics
    .map((m) => {
      const e = result.metrics.ensemble[m];
      const best = bestMember(result, m);
      if (typeof e !== 'number' || !best) return '<td>—</td>';
      const d = e - best.value;
      const improves = METRIC_INFO[m]!.higherIsBetter ? d > 0 : d < 0;
      const cls = d === 0 ? '' : improves ? ' class="up"' : ' class="down"';
      return `<td${cls}>${d > 0 ? '+' : d < 0 ? '−' : '±'}${formatMetric(Math.abs(d))}</td>`;
    })
    .join('');
  body.splice(1, 0, `<tr class="delta"><td>Δ vs best member</td>${deltas}</tr>`);
  return `<table class="metrics">${head}<tbody>${body.join('')}</tbody></table>
<p class="note">Best value per column highlighted. Δ compares the ensemble with the best member on that metric
(green: the ensemble is better).</p>`;
}

function residualTable(result: EvaluationResult): string {
  if (result.task !== 'regression') return '';
  const names = ['residual_q05', 'residual_q25', 'residual_q50', 'residual_q75', 'residual_q95'];
  const rows: [string, MetricSet][] = [
    ['Ensemble', result.metrics.ensemble],
    ...Object.entries(result.metrics.members),
  ];
  return `<h3 style="margin-top:18px">Residual quantiles (truth − prediction)</h3>
<table class="residuals"><thead><tr><th>Model</th>${['5%', '25%', 'median', '75%', '95%'].map((q) => `<th>${q}</th>`).join('')}</tr></thead>
<tbody>${rows.map(([name, set]) => `<tr><td>${esc(name)}</td>${names.map((n) => `<td>${formatMetric(set[n])}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function figure(svg: string, caption: string, title: string): string {
  return `<figure><h3>${esc(title)}</h3>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

function plots(result: EvaluationResult): string[] {
  const out: string[] = [];
  const p = result.plots;
  const binary = (result.classes?.length ?? 0) === 2;
  if (p.roc) out.push(rocFigure(p, binary));
  if (p.calibration) out.push(calibrationFigure(p, binary));
  const matrix = confusionOf(p);
  if (matrix && result.classes) {
    const shares = rowShares(matrix);
    const largest = Math.max(1, ...matrix.map((row) => row.reduce((a, b) => a + b, 0)));
    out.push(
      figure(
        heatmap({
          title: 'Confusion matrix (ensemble)',
          rowLabels: result.classes,
          colLabels: result.classes,
          values: matrix,
          rowAxis: 'true class',
          colAxis: 'predicted class',
          color: (v) => sequential(v / largest),
          intensity: (v) => v / largest,
          format: (v) => String(v),
          detail: (i, j) => {
            const share = shares[i]?.[j];
            return share === null || share === undefined ? null : `${Math.round(share * 100)}%`;
          },
        }),
        'Counts; the small figure is the share of the true class (row).',
        'Confusion matrix — ensemble',
      ),
    );
  }
  if (p.correlation.names.length > 1) {
    out.push(
      figure(
        heatmap({
          title: 'Member correlation',
          rowLabels: p.correlation.names,
          colLabels: p.correlation.names,
          values: p.correlation.matrix,
          color: diverging,
          intensity: heatIntensity([], 'diverging'),
          format: (v) => v.toFixed(2),
        }),
        result.task === 'classification'
          ? 'Pearson correlation of the members’ predicted probabilities. Lower means more to gain from combining.'
          : 'Pearson correlation of the members’ predictions. Lower means more to gain from combining.',
        'Member correlation',
      ),
    );
  }
  if (p.disagreement && p.disagreement.names.length > 1) {
    // At least 5 %: a few disagreeing rows should not look like a dark cell.
    const intensity = heatIntensity(p.disagreement.matrix.flat(), 'sequential', 0.05);
    out.push(
      figure(
        heatmap({
          title: 'Member disagreement',
          rowLabels: p.disagreement.names,
          colLabels: p.disagreement.names,
          values: p.disagreement.matrix,
          color: (v) => sequential(intensity(v)),
          intensity,
          format: (v) => `${(v * 100).toFixed(1)}%`,
        }),
        'Share of rows on which two members predict different classes.',
        'Member disagreement',
      ),
    );
  }
  if (p.trajectory) out.push(trajectoryFigure(p.trajectory, result));
  return out;
}

/** Colours by position among the members; the ensemble has its own. */
function colored(series: CurveSeries[], markers = false): Series[] {
  let member = 0;
  return series.map((s) => ({
    name: s.name,
    points: s.points,
    color: s.emphasis ? ENSEMBLE_COLOR : seriesColor(member++),
    emphasis: s.emphasis,
    markers,
  }));
}

/** Binary: every model for the positive class. Multiclass: the ensemble, one-vs-rest per class. */
function rocFigure(plots: EvaluationPlots, binary: boolean): string {
  const roc = plots.roc!;
  const positive = chosenClass(plots);
  return figure(
    lineChart({
      title: 'ROC curves',
      xLabel: 'False positive rate',
      yLabel: 'True positive rate',
      series: colored(binary ? rocByModel(roc, positive) : rocOneVsRest(roc)),
      x: [0, 1],
      y: [0, 1],
      diagonal: true,
    }),
    binary
      ? `Positive class: ${positive}. The dashed diagonal is a random ranking.`
      : 'Ensemble, one-vs-rest per class. The dashed diagonal is a random ranking.',
    binary ? 'ROC curves' : 'ROC curves — ensemble, one-vs-rest',
  );
}

function calibrationFigure(plots: EvaluationPlots, binary: boolean): string {
  const calibration = plots.calibration!;
  const series = binary
    ? calibrationByModel(calibration, chosenClass(plots))
    : calibrationOneVsRest(calibration);
  return figure(
    lineChart({
      title: 'Calibration curve',
      xLabel: 'Mean predicted probability',
      yLabel: 'Fraction of positives',
      series: colored(series, true),
      x: [0, 1],
      y: [0, 1],
      diagonal: true,
    }),
    `${calibration.ensemble[0]?.nBins ?? 10} equal-width bins; empty bins have no point, their neighbours are joined. On the diagonal, predicted probabilities match observed frequencies.`,
    binary ? 'Calibration (reliability)' : 'Calibration — ensemble, one-vs-rest',
  );
}

function trajectoryFigure(
  trajectory: NonNullable<EvaluationResult['plots']['trajectory']>,
  result: EvaluationResult,
): string {
  const steps = trajectory.steps;
  const label = METRIC_INFO[trajectory.metric]?.label ?? trajectory.metric;
  const weights = Object.entries(trajectory.weights)
    .filter(([, w]) => w > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, w]) => `${name} ${(w * 100).toFixed(0)}%`)
    .join(', ');
  return figure(
    lineChart({
      title: 'Greedy selection trajectory',
      xLabel: 'Round',
      yLabel: label,
      series: [
        {
          name: `${label} of the running average`,
          points: steps.map((s) => [s.round, s.loss] as const),
          color: ENSEMBLE_COLOR,
          emphasis: true,
          markers: steps.length <= 60,
        },
      ],
      // Rounds on a 0…multiple-of-5 axis so the ticks fall on whole rounds.
      x: [0, Math.max(5, Math.ceil(steps.length / 5) * 5)],
      y: padded(extent(steps.map((s) => s.loss)), 0.1),
    }),
    `Each round adds the member that lowers the loss most (${result.rows} hold-out rows). Final weights: ${weights}.`,
    'Greedy selection trajectory',
  );
}

function specSummary(spec: ReportSpec): string {
  const total = spec.members.reduce((a, m) => a + (m.weight ?? 1), 0) || 1;
  return `<p>${esc(spec.name)}${spec.description ? ` — ${esc(spec.description)}` : ''}; combiner <b>${esc(spec.combiner.method)}</b>.</p>
<ul class="members">${spec.members.map((m) => `<li>${esc(m.name)} — weight ${esc(formatWeight(m.weight ?? 1))} (${(((m.weight ?? 1) / total) * 100).toFixed(1)}%)</li>`).join('')}</ul>`;
}

function formatWeight(w: number): string {
  return Number.isInteger(w) ? String(w) : w.toFixed(4).replace(/0+$/, '');
}
