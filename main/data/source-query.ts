/**
 * The DuckDB table expression that reads a data file. CSV/TSV are read with the sniffer off and
 * every column's type given, in strict mode: a ragged row, a stray quote or text in a number is
 * an error, never a silently skipped or padded row.
 */
import { sqlString } from './duckdb-engine';
import type { DataFormat } from './types';

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
    `columns = {${columns}})`
  );
}

/** A forgiving read used only to show inferred types; never used to deliver data. */
export function lenientCsvSource(path: string, delimiter: string): string {
  return (
    `read_csv(${sqlString(path)}, header = true, delim = ${sqlString(delimiter)}, quote = '"', escape = '"', ` +
    `strict_mode = false, null_padding = true, ignore_errors = true)`
  );
}

/** Parquet and JSON Lines carry (or let DuckDB infer) their own types. */
export function typedSource(path: string, format: Exclude<DataFormat, 'csv' | 'tsv'>): string {
  return format === 'parquet'
    ? `read_parquet(${sqlString(path)})`
    : `read_json(${sqlString(path)}, format = 'newline_delimited')`;
}
