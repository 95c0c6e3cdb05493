/**
 * A labelled matrix heatmap as inline SVG (confusion matrix, correlation, disagreement). Each
 * cell shows its value, so the chart stays readable in grey-scale print.
 */
import { esc, px } from './text';
import { textColorOn } from './palette';

export interface HeatmapOptions {
  title: string;
  rowLabels: readonly string[];
  colLabels: readonly string[];
  values: readonly (readonly (number | null)[])[];
  /** Cell colour for a value (null → light grey). */
  color: (v: number) => string;
  /** Colour intensity in [-1, 1] for choosing the text colour. */
  intensity: (v: number) => number;
  format: (v: number) => string;
  rowAxis?: string;
  colAxis?: string;
  /** Optional second line in each cell (e.g. row percentage). */
  detail?: (row: number, col: number) => string | null;
}

export function heatmap(o: HeatmapOptions): string {
  const n = o.rowLabels.length;
  const m = o.colLabels.length;
  const longest = Math.max(...o.rowLabels.map((l) => l.length), 1);
  const left = Math.min(150, 24 + longest * 7) + (o.rowAxis ? 18 : 0);
  const top = 30 + (o.colAxis ? 16 : 0);
  const cell = Math.max(34, Math.min(72, Math.floor(360 / Math.max(n, m))));
  const width = left + m * cell + 12;
  const height = top + n * cell + 12;
  const parts: string[] = [
    `<svg class="chart heatmap" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(o.title)}">`,
    `<title>${esc(o.title)}</title>`,
  ];
  if (o.colAxis) {
    parts.push(
      `<text x="${px(left + (m * cell) / 2)}" y="12" text-anchor="middle" class="axis">${esc(o.colAxis)}</text>`,
    );
  }
  if (o.rowAxis) {
    parts.push(
      `<text transform="translate(12 ${px(top + (n * cell) / 2)}) rotate(-90)" text-anchor="middle" class="axis">${esc(o.rowAxis)}</text>`,
    );
  }
  o.colLabels.forEach((label, j) => {
    parts.push(
      `<text x="${px(left + j * cell + cell / 2)}" y="${top - 8}" text-anchor="middle" class="tick">${esc(clip(label, 10))}</text>`,
    );
  });
  o.rowLabels.forEach((label, i) => {
    parts.push(
      `<text x="${left - 6}" y="${px(top + i * cell + cell / 2 + 4)}" text-anchor="end" class="tick">${esc(clip(label, 20))}</text>`,
    );
    for (let j = 0; j < m; j++) {
      const v = o.values[i]?.[j] ?? null;
      const x = left + j * cell;
      const y = top + i * cell;
      const fill = v === null ? '#f3f4f6' : o.color(v);
      const ink = v === null ? '#6b7280' : textColorOn(o.intensity(v));
      const detail = v === null ? null : (o.detail?.(i, j) ?? null);
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}" stroke="#ffffff"/>`,
      );
      const cy = y + cell / 2 + (detail ? 0 : 4);
      parts.push(
        `<text x="${px(x + cell / 2)}" y="${px(cy)}" text-anchor="middle" class="cell" fill="${ink}">${esc(v === null ? '—' : o.format(v))}</text>`,
      );
      if (detail) {
        parts.push(
          `<text x="${px(x + cell / 2)}" y="${px(cy + 12)}" text-anchor="middle" class="cell-detail" fill="${ink}">${esc(detail)}</text>`,
        );
      }
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

function clip(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}
