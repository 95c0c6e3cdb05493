/**
 * Cells that mean "no value", in every column, as pandas reads them by default: empty, NA, N/A,
 * null and NaN (in their usual spellings). A missing number is NaN to a model; a missing text
 * cell is an empty cell in the output. Preview counts the same cells as missing.
 *
 * A module of its own, apart from the DuckDB query text (source-query.ts), so that the fast CSV
 * path and the read-ahead worker load without DuckDB.
 */
export const MISSING_MARKERS: readonly string[] = [
  '',
  'NA',
  'na',
  'N/A',
  'n/a',
  'NULL',
  'null',
  'Null',
  'NaN',
  'nan',
  'NAN',
];
