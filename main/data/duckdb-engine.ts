/**
 * The one in-process DuckDB instance the data layer reads through, created on first use.
 * Two threads and a memory cap keep a scoring job's reader from competing with ONNX Runtime
 * for the whole machine, and keep memory flat however large the file is.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** Settings shared by every DuckDB instance the data layer opens (readers and writers). */
export const DUCKDB_SETTINGS: Readonly<Record<string, string>> = {
  threads: '2',
  memory_limit: '128MB',
  // Chunks must arrive in file order: the scoring pipeline pairs output rows with input rows.
  preserve_insertion_order: 'true',
};

let shared: Promise<DuckDBInstance> | undefined;

/**
 * DuckDB's library loads on first use, not with this module: a score of a plain numeric CSV never
 * needs it (fast-csv.ts, numeric-sniff.ts), and loading it took the engine host ~120 ms at start.
 */
function instance(): Promise<DuckDBInstance> {
  shared ??= loadDuckDb().then(({ DuckDBInstance }) =>
    DuckDBInstance.create(':memory:', { ...DUCKDB_SETTINGS }),
  );
  return shared;
}

/**
 * Loads DuckDB and creates the instance now, without waiting for it: a data worker told that its
 * next job reads a format only DuckDB reads does this while the job's models are being opened.
 */
export function warmDuckDb(): void {
  instance().catch(() => undefined);
}

type DuckDbApi = typeof import('@duckdb/node-api');

/** The package's exports: in the built CLI it comes through a CommonJS shim, as the default export. */
async function loadDuckDb(): Promise<DuckDbApi> {
  const loaded = (await import('@duckdb/node-api')) as DuckDbApi & { default?: DuckDbApi };
  return loaded.default ?? loaded;
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
