/**
 * Colours: a qualitative palette for series (colour-blind friendly, Okabe–Ito order) and a
 * sequential/diverging scale for heatmaps. The ensemble always gets the strongest colour.
 */
export const ENSEMBLE_COLOR = '#1f2937';
export const SERIES_COLORS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#d55e00',
  '#56b4e9',
  '#f0e442',
  '#999999',
];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}

/** White → blue, t in [0, 1]. */
export function sequential(t: number): string {
  const c = Math.min(1, Math.max(0, t));
  return mix([247, 251, 255], [8, 69, 148], c);
}

/** Red ← white → blue, t in [-1, 1]. */
export function diverging(t: number): string {
  const c = Math.min(1, Math.max(-1, t));
  return c >= 0 ? mix([255, 255, 255], [33, 102, 172], c) : mix([255, 255, 255], [178, 24, 43], -c);
}

/** Black text on light cells, white on dark ones. */
export function textColorOn(t: number): string {
  return Math.abs(t) > 0.55 ? '#ffffff' : '#111827';
}

function mix(a: readonly number[], b: readonly number[], t: number): string {
  const channel = (i: number) => Math.round(a[i]! + (b[i]! - a[i]!) * t);
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
}
