/**
 * Small SVG charts drawn by React: line charts (ROC, calibration, greedy trajectory) and heatmaps
 * (confusion matrix, member correlation). Colours come from CSS classes so both themes work.
 */
import { useId } from 'react';
import { fmtNum } from '../format';

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

function extent(values: number[], fallback: [number, number]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return fallback;
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (lo === hi) {
    lo -= Math.abs(lo) * 0.1 || 1;
    hi += Math.abs(hi) * 0.1 || 1;
  }
  return [lo, hi];
}

/** Round tick values (1, 2, 2.5, 5 × 10^k steps) inside the domain. */
function ticks([lo, hi]: [number, number], n = 5): number[] {
  const raw = (hi - lo) / Math.max(1, n - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step)
    out.push(+v.toPrecision(12));
  return out;
}

function tickDigits(values: number[]): number {
  if (values.length < 2) return 2;
  const step = Math.abs((values[1] as number) - (values[0] as number));
  return Math.max(0, Math.min(6, Math.ceil(-Math.log10(step)) + 1));
}

/** Domain padded by 5 % so lines do not sit on the frame (unless the caller fixes it). */
function pad([lo, hi]: [number, number]): [number, number] {
  const d = (hi - lo) * 0.05;
  return [lo - d, hi + d];
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
  const xd =
    xDomain ??
    extent(
      series.flatMap((s) => s.points.map((p) => p[0])),
      [0, 1],
    );
  const yd =
    yDomain ??
    pad(
      extent(
        series.flatMap((s) => s.points.map((p) => p[1])),
        [0, 1],
      ),
    );
  const xt = ticks(xd);
  const yt = ticks(yd);
  const xDigits = tickDigits(xt);
  const yDigits = tickDigits(yt);
  const x = (v: number) => m.left + ((v - xd[0]) / (xd[1] - xd[0])) * w;
  const y = (v: number) => m.top + h - ((v - yd[0]) / (yd[1] - yd[0])) * h;
  return (
    <figure className="chart">
      <figcaption id={titleId}>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} className="chart-svg">
        {yt.map((t) => (
          <g key={`y${t}`}>
            <line className="grid" x1={m.left} x2={m.left + w} y1={y(t)} y2={y(t)} />
            <text className="tick" x={m.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle">
              {t.toFixed(yDigits)}
            </text>
          </g>
        ))}
        {xt.map((t) => (
          <text key={`x${t}`} className="tick" x={x(t)} y={m.top + h + 16} textAnchor="middle">
            {t.toFixed(xDigits)}
          </text>
        ))}
        <rect className="frame" x={m.left} y={m.top} width={w} height={h} />
        {diagonal ? (
          <line
            className="diagonal"
            x1={x(Math.max(xd[0], yd[0]))}
            y1={y(Math.max(xd[0], yd[0]))}
            x2={x(Math.min(xd[1], yd[1]))}
            y2={y(Math.min(xd[1], yd[1]))}
          />
        ) : null}
        {series.map((s, i) => (
          <g key={s.name} className={`series series-${i % 8}${s.emphasis ? ' emphasis' : ''}`}>
            <polyline points={s.points.map(([a, b]) => `${x(a)},${y(b)}`).join(' ')} />
            {markers ? s.points.map(([a, b], j) => <circle key={j} cx={x(a)} cy={y(b)} r={2.5} />) : null}
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
  const max = Math.max(1e-12, ...matrix.flat().map((v) => (Number.isFinite(v) ? Math.abs(v) : 0)));
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
            const intensity = !finite
              ? 0
              : scale === 'diverging'
                ? Math.min(1, Math.abs(v))
                : Math.abs(v) / max;
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
