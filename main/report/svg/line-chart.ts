/**
 * A small line chart as inline SVG: axes with round ticks (charts/scales), optional reference diagonal, one polyline
 * per series, optional point markers, and a legend. Everything is drawn in SVG user units with
 * explicit width/height so the page prints at the size it shows.
 */
import { axisTicks, linearScale, polylines } from '../../../charts/scales';
import { esc, px } from './text';

export interface Series {
  name: string;
  points: readonly (readonly [number, number])[];
  color: string;
  /** Heavier line, drawn last (on top): the ensemble. */
  emphasis?: boolean;
  markers?: boolean;
  /** Dashed line, for a secondary series. */
  dashed?: boolean;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  x: readonly [number, number];
  y: readonly [number, number];
  /** Draw the y = x reference line (ROC chance line, perfect calibration). */
  diagonal?: boolean;
  width?: number;
  height?: number;
}

const MARGIN = { top: 12, right: 16, bottom: 44, left: 56 };

export function lineChart(o: LineChartOptions): string {
  const width = o.width ?? 420;
  const legendRows = Math.ceil(o.series.length / 2);
  const plotHeight = (o.height ?? 300) - MARGIN.top - MARGIN.bottom;
  const height = (o.height ?? 300) + legendRows * 18 + 6;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const sx = linearScale(o.x, [MARGIN.left, MARGIN.left + plotWidth]);
  const sy = linearScale(o.y, [MARGIN.top + plotHeight, MARGIN.top]);
  const [x0 = 0, x1 = 1] = sx.domain();
  const [y0 = 0, y1 = 1] = sy.domain();

  const parts: string[] = [];
  parts.push(
    `<svg class="chart" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(o.title)}">`,
  );
  parts.push(`<title>${esc(o.title)}</title>`);
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="#ffffff" stroke="#d1d5db"/>`,
  );
  // Grid lines and labels at about five round values per axis.
  for (const t of axisTicks(sx)) {
    const gx = px(sx(t.value));
    parts.push(
      `<line x1="${gx}" y1="${MARGIN.top}" x2="${gx}" y2="${MARGIN.top + plotHeight}" stroke="#eef0f3"/>`,
      `<text x="${gx}" y="${MARGIN.top + plotHeight + 16}" text-anchor="middle" class="tick">${esc(t.label)}</text>`,
    );
  }
  for (const t of axisTicks(sy)) {
    const gy = px(sy(t.value));
    parts.push(
      `<line x1="${MARGIN.left}" y1="${gy}" x2="${MARGIN.left + plotWidth}" y2="${gy}" stroke="#eef0f3"/>`,
      `<text x="${MARGIN.left - 6}" y="${px(sy(t.value) + 4)}" text-anchor="end" class="tick">${esc(t.label)}</text>`,
    );
  }
  parts.push(
    `<text x="${px(MARGIN.left + plotWidth / 2)}" y="${MARGIN.top + plotHeight + 36}" text-anchor="middle" class="axis">${esc(o.xLabel)}</text>`,
    `<text transform="translate(14 ${px(MARGIN.top + plotHeight / 2)}) rotate(-90)" text-anchor="middle" class="axis">${esc(o.yLabel)}</text>`,
  );
  if (o.diagonal) {
    parts.push(
      `<line x1="${px(sx(x0))}" y1="${px(sy(y0))}" x2="${px(sx(x1))}" y2="${px(sy(y1))}" stroke="#9ca3af" stroke-dasharray="4 4"/>`,
    );
  }
  const ordered = [...o.series].sort((a, b) => Number(a.emphasis ?? false) - Number(b.emphasis ?? false));
  for (const s of ordered) {
    const stroke = s.emphasis ? 2.6 : 1.6;
    for (const points of polylines(s.points, sx, sy)) {
      parts.push(
        `<polyline class="series" data-series="${esc(s.name)}" points="${points}" fill="none" stroke="${s.color}" ` +
          `stroke-width="${stroke}" stroke-linejoin="round"${s.dashed ? ' stroke-dasharray="6 3"' : ''}/>`,
      );
    }
    if (s.markers) {
      for (const [x, y] of s.points) {
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        parts.push(
          `<circle cx="${px(sx(x))}" cy="${px(sy(y))}" r="${s.emphasis ? 3.2 : 2.6}" fill="${s.color}"/>`,
        );
      }
    }
  }
  // Legend under the plot, two columns.
  o.series.forEach((s, i) => {
    const lx = MARGIN.left + (i % 2) * (plotWidth / 2);
    const ly = MARGIN.top + plotHeight + 52 + Math.floor(i / 2) * 18;
    parts.push(
      `<line x1="${px(lx)}" y1="${ly}" x2="${px(lx + 18)}" y2="${ly}" stroke="${s.color}" stroke-width="${s.emphasis ? 3 : 2}"${s.dashed ? ' stroke-dasharray="6 3"' : ''}/>`,
      `<text x="${px(lx + 24)}" y="${ly + 4}" class="legend">${esc(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
