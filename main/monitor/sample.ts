/** Splitting a numeric column into its present values (sorted) and its missing share. */

/** A numeric sample with NaN removed and the rest sorted ascending, plus how much was missing. */
export interface PresentSample {
  /** The non-NaN values, ascending (±Infinity kept: they are values, not gaps). */
  sorted: Float64Array;
  /** Rows in the input, NaN included. */
  rows: number;
  /** NaN rows / all rows; NaN when the input has no rows, since the share is then undefined. */
  missingShare: number;
}

/**
 * Drops NaN (the readers' "missing") and sorts what is left. Every drift statistic is defined on
 * present values only, so missingness is reported beside them rather than mixed into them.
 */
export function presentSample(values: Float64Array): PresentSample {
  let present = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present++;
  const sorted = new Float64Array(present);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) sorted[k++] = v;
  }
  // Float64Array.prototype.sort is numeric (not the string order of Array.prototype.sort).
  sorted.sort();
  const rows = values.length;
  return { sorted, rows, missingShare: rows === 0 ? NaN : (rows - present) / rows };
}
