/**
 * A first look at a data file for the UI: its columns, row count, the first rows, a per-column
 * summary and the problems a run would stop at (ragged rows, unterminated quotes, text in a
 * column of numbers), each with its line, all computed by DuckDB and returned as JSON-safe values.
 *
 * Columns, rows and summary come from one typed read, so the schema and the summary always agree
 * on a column's type. Missing cells (empty, NA, n/a, null, NaN) are missing here as when scoring.
 */
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { StudioError } from '../../contract/errors';
import { sourceTypeOf } from './column-types';
import { connectDuckDb, sqlIdent } from './duckdb-engine';
import { delimiterOf, formatFromPath } from './format';
import { withLiteralPath } from './literal-path';
import { fileSize, openDataset } from './open-dataset';
import { technicalDetail } from './read-errors';
import { rejectingCsvSource, typedSource } from './source-query';
import { textProblemError, textProblemOf } from './text-encoding';
import type {
  ColumnSchema,
  ColumnSummary,
  DataProblem,
  DatasetInfo,
  PreviewValue,
} from '../../contract/data-types';

export type { PreviewValue, ColumnSummary } from '../../contract/data-types';

export interface DatasetPreview {
  info: DatasetInfo;
  rows: PreviewValue[][];
  summary: ColumnSummary[];
  problems: DataProblem[];
  emptiness: 'empty' | 'header-only' | null;
}

/** More problems than this are summed up in one last line. */
export const MAX_PROBLEMS = 50;

/** A text column counts as a column of numbers when at least this share of its values are numbers. */
const NUMERIC_SHARE = 0.8;

export async function previewDataset(path: string, options: { rows?: number } = {}): Promise<DatasetPreview> {
  const format = formatFromPath(path);
  if (format !== 'parquet') {
    const problem = await textProblemOf(path);
    if (problem?.kind === 'empty') {
      const info: DatasetInfo = { path, format, sizeBytes: await fileSize(path), columns: [], rowCount: 0 };
      return { info, rows: [], summary: [], problems: [], emptiness: 'empty' };
    }
    if (problem) throw textProblemError(path, problem);
  }
  const reader = await openDataset(path);
  const info = { ...reader.info, columns: [...reader.info.columns] };
  await reader.close();
  const limit = Math.max(0, Math.floor(options.rows ?? 200));
  return withLiteralPath(path, async (duckPath) => {
    const connection = await connectDuckDb();
    try {
      let source: string;
      let problems: DataProblem[] = [];
      let rowCount: number;
      if (format === 'csv' || format === 'tsv') {
        const delimiter = delimiterOf(format);
        const names = info.columns.map((c) => c.name);
        const asText = rejectingCsvSource(duckPath, delimiter, names, new Map(), false);
        info.columns = await settleTypes(connection, asText, info.columns);
        const types = new Map(info.columns.map((c) => [c.name, c.sourceType]));
        source = rejectingCsvSource(duckPath, delimiter, names, types);
        const clean = await count(connection, source, names);
        const rejected = await rejectedProblems(connection, info.columns.length);
        // Every data record counts, the ones with problems too: the count is the file's, not the clean part's.
        rowCount = clean + rejected.records;
        problems = rejected.problems;
      } else {
        source = typedSource(duckPath, format);
        rowCount = await count(
          connection,
          source,
          info.columns.map((c) => c.name),
        );
      }
      info.rowCount = rowCount;
      const rows = (await connection.runAndReadAll(`SELECT * FROM ${source} LIMIT ${limit}`))
        .getRowsJS()
        .map((row) => row.map(jsonSafe));
      const summary = rowCount > 0 ? await summarize(connection, source) : [];
      const emptiness = rowCount === 0 && problems.length === 0 ? 'header-only' : null;
      return { info, rows, summary, problems, emptiness };
    } catch (error) {
      if (error instanceof StudioError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new StudioError(
        'data',
        `${basename(path)}: cannot be previewed: check that it is a complete ${format.toUpperCase()} file`,
        { file: path },
        technicalDetail(message),
      );
    } finally {
      connection.closeSync();
    }
  });
}

/**
 * The type each column is previewed (and checked) as: the sniffer's, except that a text column
 * whose values are mostly numbers is a column of numbers with some bad cells, which are then
 * reported as problems instead of hiding behind a text type.
 */
async function settleTypes(
  connection: DuckDBConnection,
  asText: string,
  columns: readonly ColumnSchema[],
): Promise<ColumnSchema[]> {
  const text = columns.filter((c) => c.type === 'string' || c.type === 'other');
  if (text.length === 0) return [...columns];
  const counts = text
    .map((c) => `count(${sqlIdent(c.name)}), count(TRY_CAST(${sqlIdent(c.name)} AS DOUBLE))`)
    .join(', ');
  const row = (
    await connection.runAndReadAll(`SELECT ${counts} FROM ${asText}`).catch(() => null)
  )?.getRowsJS()[0];
  const numeric = new Set<string>();
  text.forEach((c, i) => {
    const values = Number(row?.[2 * i] ?? 0);
    const numbers = Number(row?.[2 * i + 1] ?? 0);
    if (values > 0 && numbers >= NUMERIC_SHARE * values) numeric.add(c.name);
  });
  return columns.map((c) =>
    numeric.has(c.name) ? { name: c.name, sourceType: 'DOUBLE', type: sourceTypeOf('DOUBLE') } : { ...c },
  );
}

/** Counts rows, converting every column on the way (a bare count(*) would skip the conversions). */
async function count(
  connection: DuckDBConnection,
  source: string,
  columns: readonly string[],
): Promise<number> {
  const converted = columns.map((name) => `count(${sqlIdent(name)})`).join(', ');
  const query = `SELECT count(*)${converted ? `, ${converted}` : ''} FROM ${source}`;
  const rows = (await connection.runAndReadAll(query)).getRowsJS();
  return Number(rows[0]?.[0] ?? 0);
}

/** The records the rejecting read set aside, as problems with their line and column. */
async function rejectedProblems(
  connection: DuckDBConnection,
  columnCount: number,
): Promise<{ problems: DataProblem[]; records: number }> {
  const totals = (
    await connection.runAndReadAll('SELECT count(*), count(DISTINCT line) FROM reject_errors')
  ).getRowsJS()[0];
  const total = Number(totals?.[0] ?? 0);
  const records = Number(totals?.[1] ?? 0);
  if (total === 0) return { problems: [], records };
  const rows = (
    await connection.runAndReadAll(
      `SELECT line, column_name, error_type, error_message FROM reject_errors ORDER BY line, column_idx LIMIT ${MAX_PROBLEMS + 1}`,
    )
  ).getRowObjectsJS();
  const problems = rows.slice(0, MAX_PROBLEMS).map((row): DataProblem => {
    const line = Number(row['line']);
    const column = row['column_name'] == null ? null : String(row['column_name']);
    return {
      line,
      column,
      message: describeReject(String(row['error_type']), String(row['error_message']), columnCount),
    };
  });
  if (total > MAX_PROBLEMS)
    problems.push({ line: null, column: null, message: `${total - MAX_PROBLEMS} more problems not listed` });
  return { problems, records };
}

function describeReject(type: string, message: string, columnCount: number): string {
  const fields = /Found: (\d+)/.exec(message)?.[1];
  switch (type) {
    case 'CAST': {
      const value = /Could not convert string "([\s\S]*?)" to '(\w+)'/.exec(message);
      return value ? `not a number: ${JSON.stringify(value[1])}` : 'a value of the wrong type';
    }
    case 'MISSING COLUMNS':
      return `the row has ${fields ?? 'fewer'} fields but the header has ${columnCount}`;
    case 'TOO MANY COLUMNS':
      return `the row has ${fields ?? 'more'} fields but the header has ${columnCount} (extra field)`;
    case 'UNQUOTED VALUE':
      return 'unterminated or misplaced quote';
    case 'LINE SIZE OVER MAXIMUM':
      return 'the line is longer than the reader accepts';
    case 'INVALID UNICODE':
      return 'not UTF-8 text: save the file as UTF-8';
    default:
      return message.split('\n')[0]!;
  }
}

async function summarize(connection: DuckDBConnection, source: string): Promise<ColumnSummary[]> {
  const rows = (await connection.runAndReadAll(`SUMMARIZE SELECT * FROM ${source}`)).getRowObjectsJS();
  return rows.map((row) => {
    const count = Number(row['count'] ?? 0);
    const nullPercent = Number(row['null_percentage'] ?? 0);
    const summary: ColumnSummary = {
      name: String(row['column_name']),
      type: String(row['column_type']),
      nulls: Math.round((count * nullPercent) / 100),
    };
    if (row['min'] != null) summary.min = numberIfNumeric(row['min'], summary.type);
    if (row['max'] != null) summary.max = numberIfNumeric(row['max'], summary.type);
    if (row['avg'] != null && Number.isFinite(Number(row['avg']))) summary.mean = Number(row['avg']);
    if (row['approx_unique'] != null) summary.distinct = Number(row['approx_unique']);
    return summary;
  });
}

/** SUMMARIZE prints min/max as text; give numbers back for numeric columns. */
function numberIfNumeric(value: unknown, type: string): PreviewValue {
  const numeric = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|DECIMAL|U)/i.test(type);
  const asNumber = Number(value);
  return numeric && Number.isFinite(asNumber) ? asNumber : jsonSafe(value);
}

/** BigInt → number when exact, else its decimal text; dates and others → text. */
export function jsonSafe(value: unknown): PreviewValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
