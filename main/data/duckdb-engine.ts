/**
 * The one in-process DuckDB instance the data layer reads through, created on first use.
 * Two threads and a memory cap keep a scoring job's reader from competing with ONNX Runtime
 * for the whole machine, and keep memory flat however large the file is.
 */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** Settings shared by every DuckDB instance the data layer opens (readers and writers). */
export const DUCKDB_SETTINGS: Readonly<Record<string, string>> = {
  threads: '2',
  memory_limit: '128MB',
  // Chunks must arrive in file order: the scoring pipeline pairs output rows with input rows.
  preserve_insertion_order: 'true',
};

let shared: Promise<DuckDBInstance> | undefined;

function instance(): Promise<DuckDBInstance> {
  shared ??= DuckDBInstance.create(':memory:', { ...DUCKDB_SETTINGS });
  return shared;
}

/** A fresh connection: each reader and each streaming read gets its own, so they never interleave. */
export async function connectDuckDb(): Promise<DuckDBConnection> {
  return (await instance()).connect();
}

/** A SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A SQL identifier (column names may hold spaces, quotes, anything). */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
