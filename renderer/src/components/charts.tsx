/**
 * Small SVG charts drawn by React: line charts (ROC, calibration, greedy trajectory) and heatmaps
 * (confusion matrix, member correlation). Scales, ticks and line geometry come from charts/scales
 * and the evaluation's series from charts/series, the same modules the HTML report draws with.
 * Colours come from CSS classes so both themes work.
 */
import { useId } from 'react';
import { axisTicks, extent, heatIntensity, linearScale, padded, polylines } from '../../../charts/scales';
import {
  calibrationByModel,
  chosenClass,
  confusionOf,
  ENSEMBLE,
  rocByModel,
  type CurveSeries,
} from '../../../charts/series';
import type { EvaluationPlots } from '../../../contract/evaluation-types';
import { fmtInt, fmtNum } from '../format';

export interface Series {
  name: string;
  points: [number, number][];
  /** Drawn thicker (the ensemble). */
  emphasis?: boolean;
}

interface LineChartProps {
  title: string;
  series: Series[];
  xLabel: string;
  yLabel: string;
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Dashed y = x reference (ROC chance line, perfect calibration). */
  diagonal?: boolean;
  markers?: boolean;
  width?: number;
  height?: number;
}

export function LineChart({
  title,
  series,
  xLabel,
  yLabel,
  xDomain,
  yDomain,
  diagonal,
  markers,
  width = 420,
  height = 300,
}: LineChartProps) {
  const titleId = useId();
  const m = { top: 12, right: 16, bottom: 44, left: 66 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const x = linearScale(xDomain ?? extent(series.flatMap((s) => s.points.map((p) => p[0]))), [
    m.left,
    m.left + w,
  ]);
  // Unless the caller fixes it, the y domain is padded so lines do not sit on the frame.
  const y = linearScale(yDomain ?? padded(extent(series.flatMap((s) => s.points.map((p) => p[1])))), [
    m.top + h,
    m.top,
  ]);
  const [x0 = 0, x1 = 1] = x.domain();
  const [y0 = 0, y1 = 1] = y.domain();
  // The emphasised series (the ensemble) is drawn last, on top; colours keep the legend's order.
  const drawn = series
    .map((s, i) => ({ s, i }))
    .sort((a, b) => Number(!!a.s.emphasis) - Number(!!b.s.emphasis));
  return (
    <figure className="chart">
      <figcaption id={titleId}>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} className="chart-svg">
        {axisTicks(y).map((t) => (
          <g key={`y${t.value}`}>
            <line className="grid" x1={m.left} x2={m.left + w} y1={y(t.value)} y2={y(t.value)} />
            <text className="tick" x={m.left - 6} y={y(t.value)} textAnchor="end" dominantBaseline="middle">
              {t.label}
            </text>
          </g>
        ))}
        {axisTicks(x).map((t) => (
          <text key={`x${t.value}`} className="tick" x={x(t.value)} y={m.top + h + 16} textAnchor="middle">
            {t.label}
          </text>
        ))}
        <rect className="frame" x={m.left} y={m.top} width={w} height={h} />
        {diagonal ? (
          <line
            className="diagonal"
            x1={x(Math.max(x0, y0))}
            y1={y(Math.max(x0, y0))}
            x2={x(Math.min(x1, y1))}
            y2={y(Math.min(x1, y1))}
          />
        ) : null}
        {drawn.map(({ s, i }) => (
          <g key={s.name} className={`series series-${i % 8}${s.emphasis ? ' emphasis' : ''}`}>
            {polylines(s.points, x, y).map((points, j) => (
              <polyline key={j} points={points} />
            ))}
            {markers
              ? s.points
                  .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b))
                  .map(([a, b], j) => <circle key={j} cx={x(a)} cy={y(b)} r={2.5} />)
              : null}
          </g>
        ))}
        <text className="axis-label" x={m.left + w / 2} y={height - 6} textAnchor="middle">
          {xLabel}
        </text>
        <text
          className="axis-label"
          transform={`translate(12 ${m.top + h / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {yLabel}
        </text>
      </svg>
      {series.length > 1 ? (
        <ul className="legend">
          {series.map((s, i) => (
            <li key={s.name} className={`series-${i % 8}`}>
              <span className="swatch" aria-hidden="true" />
              {s.name}
            </li>
          ))}
        </ul>
      ) : null}
    </figure>
  );
}

interface HeatmapProps {
  title: string;
  matrix: number[][];
  rowLabels: string[];
  colLabels: string[];
  rowTitle?: string;
  colTitle?: string;
  /** 'sequential' scales 0..max; 'diverging' scales -1..1 with two hues. */
  scale?: 'sequential' | 'diverging';
  format?: (v: number) => string;
  cell?: number;
}

export function Heatmap({
  title,
  matrix,
  rowLabels,
  colLabels,
  rowTitle,
  colTitle,
  scale = 'sequential',
  format = (v) => fmtNum(v, 2),
  cell = 64,
}: HeatmapProps) {
  const titleId = useId();
  const labelW = Math.min(140, 14 + Math.max(...rowLabels.map((l) => l.length), 1) * 7.5);
  const top = 40;
  const width = labelW + colLabels.length * cell + 8;
  const height = top + rowLabels.length * cell + 24;
  const intensityOf = heatIntensity(matrix.flat(), scale);
  return (
    <figure className="chart">
      <figcaption id={titleId}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-labelledby={titleId}
        className="chart-svg heatmap"
      >
        {colTitle ? (
          <text className="axis-label" x={labelW + (colLabels.length * cell) / 2} y={12} textAnchor="middle">
            {colTitle}
          </text>
        ) : null}
        {colLabels.map((l, j) => (
          <text
            key={`c${j}`}
            className="tick"
            x={labelW + j * cell + cell / 2}
            y={top - 8}
            textAnchor="middle"
          >
            {l.length > 9 ? `${l.slice(0, 8)}…` : l}
          </text>
        ))}
        {rowLabels.map((l, i) => (
          <text
            key={`r${i}`}
            className="tick"
            x={labelW - 8}
            y={top + i * cell + cell / 2}
            textAnchor="end"
            dominantBaseline="middle"
          >
            {l.length > 16 ? `${l.slice(0, 15)}…` : l}
          </text>
        ))}
        {matrix.map((row, i) =>
          row.map((v, j) => {
            const finite = Number.isFinite(v);
            const intensity = finite ? Math.abs(intensityOf(v)) : 0;
            const cls = scale === 'diverging' && v < 0 ? 'heat neg' : 'heat';
            return (
              <g key={`${i}-${j}`}>
                <rect
                  className="heat-bg"
                  x={labelW + j * cell}
                  y={top + i * cell}
                  width={cell - 2}
                  height={cell - 2}
                />
                <rect
                  className={cls}
                  x={labelW + j * cell}
                  y={top + i * cell}
                  width={cell - 2}
                  height={cell - 2}
                  fillOpacity={0.12 + 0.88 * intensity}
                >
                  <title>{`${rowLabels[i]} × ${colLabels[j]}: ${finite ? format(v) : '—'}`}</title>
                </rect>
                <text
                  className={`heat-text${intensity > 0.55 ? ' on-dark' : ''}`}
                  x={labelW + j * cell + (cell - 2) / 2}
                  y={top + i * cell + (cell - 2) / 2}
                  textAnchor="middle"
                  dominantBaseline="middle"
                >
                  {finite ? format(v) : '—'}
                </text>
              </g>
            );
          }),
        )}
        {rowTitle ? (
          <text className="axis-label" x={4} y={height - 6}>
            {rowTitle}
          </text>
        ) : null}
      </svg>
    </figure>
  );
}

function lineSeries(curves: CurveSeries[]): Series[] {
  return curves.map((c) => ({
    name: c.name,
    points: c.points.map(([a, b]) => [a, b]),
    emphasis: c.emphasis,
  }));
}

interface CurveChartProps {
  plots: EvaluationPlots;
  /** The positive class; the first class with curves when absent or unknown. */
  positiveClass?: string;
}

/** The ROC curves of the ensemble and its members for one positive class (nothing without curves). */
export function RocChart({ plots, positiveClass }: CurveChartProps) {
  const cls = chosenClass(plots, positiveClass);
  const series = plots.roc ? lineSeries(rocByModel(plots.roc, cls)) : [];
  if (!series.length) return null;
  return (
    <LineChart
      title={`ROC curve${cls ? ` (positive class ${cls})` : ''}`}
      series={series}
      xLabel="False positive rate"
      yLabel="True positive rate"
      xDomain={[0, 1]}
      yDomain={[0, 1]}
      diagonal
    />
  );
}

/** Calibration curves for one positive class; empty bins have no point (see charts/series). */
export function CalibrationChart({ plots, positiveClass }: CurveChartProps) {
  const cls = chosenClass(plots, positiveClass);
  const series = plots.calibration ? lineSeries(calibrationByModel(plots.calibration, cls)) : [];
  if (!series.length) return null;
  return (
    <LineChart
      title="Calibration"
      series={series}
      xLabel="Mean predicted probability"
      yLabel="Fraction of positives"
      xDomain={[0, 1]}
      yDomain={[0, 1]}
      diagonal
      markers
    />
  );
}

/** One model's confusion matrix, rows the true class (nothing for regression). */
export function ConfusionChart({
  plots,
  classes,
  model = ENSEMBLE,
}: {
  plots: EvaluationPlots;
  classes: string[] | null;
  model?: string;
}) {
  const matrix = confusionOf(plots, model);
  if (!matrix || !classes) return null;
  return (
    <Heatmap
      title={`Confusion matrix — ${model}`}
      matrix={matrix}
      rowLabels={classes}
      colLabels={classes}
      rowTitle="rows: true class"
      colTitle="predicted class"
      format={(v) => fmtInt(v)}
    />
  );
}
