/**
 * The DuckDB table expression that reads a data file. CSV/TSV are read with the sniffer off and
 * every column's type given, in strict mode: a ragged row, a stray quote or text in a number is
 * an error, never a silently skipped or padded row.
 */
import { sqlString } from './duckdb-engine';
import { MISSING_MARKERS } from './missing-markers';
import type { DataFormat } from '../../contract/data-types';

/**
 * The longest CSV record DuckDB accepts (its default is 2 MB, which long text cells exceed). The
 * read buffer must hold a whole record; 32 MB is DuckDB's default buffer, so memory stays as it was.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
const CSV_LIMITS = `max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${2 * MAX_LINE_BYTES}`;

const NULLS = `nullstr = [${MISSING_MARKERS.map(sqlString).join(', ')}]`;

/**
 * Every source takes a path DuckDB reads literally (see literal-path.ts): callers pass the
 * name from literalPath(), never a user's path that might hold pattern characters.
 */

export function strictCsvSource(
  path: string,
  delimiter: string,
  header: readonly string[],
  types: ReadonlyMap<string, string>,
): string {
  const columns = header
    .map((name) => `${sqlString(name)}: ${sqlString(types.get(name) ?? 'VARCHAR')}`)
    .join(', ');
  return (
    `read_csv(${sqlString(path)}, auto_detect = false, header = true, delim = ${sqlString(delimiter)}, ` +
    `quote = '"', escape = '"', strict_mode = true, null_padding = false, ignore_errors = false, ` +
    `${CSV_LIMITS}, ${NULLS}, columns = {${columns}})`
  );
}

/** A forgiving read used only to show inferred types; never used to deliver data. */
export function lenientCsvSource(path: string, delimiter: string): string {
  return (
    `read_csv(${sqlString(path)}, header = true, delim = ${sqlString(delimiter)}, quote = '"', escape = '"', ` +
    `strict_mode = false, null_padding = true, ignore_errors = true, ${CSV_LIMITS}, ${NULLS})`
  );
}

/** Parquet and JSON Lines carry (or let DuckDB infer) their own types. */
export function typedSource(path: string, format: Exclude<DataFormat, 'csv' | 'tsv'>): string {
  return format === 'parquet'
    ? `read_parquet(${sqlString(path)})`
    : `read_json(${sqlString(path)}, format = 'newline_delimited')`;
}

/**
 * Preview's scan for problems: the given types, strict, but bad records are set aside in DuckDB's
 * reject_errors table (with their line and column) instead of stopping the read.
 */
export function rejectingCsvSource(
  path: string,
  delimiter: string,
  header: readonly string[],
  types: ReadonlyMap<string, string>,
  storeRejects = true,
): string {
  return strictCsvSource(path, delimiter, header, types).replace(
    'ignore_errors = false',
    `ignore_errors = true, store_rejects = ${storeRejects}`,
  );
}
