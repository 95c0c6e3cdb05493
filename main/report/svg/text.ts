/** Escaping and number formatting shared by the report and its SVG helpers. */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML/SVG content and attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A metric value for a table: 4 significant decimals, small values in exponent form. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential(2);
  return value.toFixed(4);
}

/** A coordinate for SVG output: two decimals are plenty and keep the file small. */
export function px(value: number): string {
  return (Math.round(value * 100) / 100).toString();
}
