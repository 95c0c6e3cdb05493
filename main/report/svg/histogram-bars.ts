/**
 * A small reference-vs-current histogram: for each bin, two bars side by side with the share of
 * each side's rows in it. Shares, not counts, so files of different lengths compare at a glance.
 */
import { ENSEMBLE_COLOR, seriesColor } from './palette';
import { esc, px } from './text';

export interface HistogramBarsInput {
  edges: readonly number[];
  reference: readonly number[];
  current: readonly number[];
}

const WIDTH = 180;
const HEIGHT = 44;
const REFERENCE_COLOR = '#9ca3af';

export function histogramBars(h: HistogramBarsInput, label: string): string {
  const bins = Math.min(h.reference.length, h.current.length);
  if (bins === 0) return '<span class="note">—</span>';
  const ref = shares(h.reference, bins);
  const cur = shares(h.current, bins);
  const top = Math.max(...ref, ...cur) || 1;
  const slot = WIDTH / bins;
  const bar = Math.max(slot / 2 - 0.5, 0.5);
  const rects: string[] = [];
  for (let i = 0; i < bins; i++) {
    const x = i * slot;
    rects.push(
      rect(x, bar, ref[i]! / top, REFERENCE_COLOR),
      rect(x + bar, bar, cur[i]! / top, seriesColor(0)),
    );
  }
  const first = h.edges[0];
  const last = h.edges[h.edges.length - 1];
  const range = first !== undefined && last !== undefined ? ` from ${first} to ${last}` : '';
  return `<svg class="hist" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${esc(`${label}: reference (grey) vs current (blue)${range}`)}">${rects.join('')}<line x1="0" x2="${WIDTH}" y1="${HEIGHT}" y2="${HEIGHT}" stroke="${ENSEMBLE_COLOR}" stroke-width="0.5"/></svg>`;
}

function shares(counts: readonly number[], bins: number): number[] {
  let total = 0;
  for (let i = 0; i < bins; i++) total += counts[i]!;
  return Array.from({ length: bins }, (_, i) => (total > 0 ? counts[i]! / total : 0));
}

function rect(x: number, width: number, fraction: number, color: string): string {
  const height = fraction * (HEIGHT - 2);
  return `<rect x="${px(x)}" y="${px(HEIGHT - height)}" width="${px(width)}" height="${px(height)}" fill="${color}"/>`;
}
