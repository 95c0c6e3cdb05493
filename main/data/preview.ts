/**
 * A first look at a data file for the UI: its columns, exact row count, the first rows and a
 * per-column summary, all computed by DuckDB and returned as JSON-safe values.
 */
import { basename } from 'node:path';
import { StudioError } from '../errors';
import { connectDuckDb } from './duckdb-engine';
import { delimiterOf } from './format';
import { openDataset } from './open-dataset';
import { lenientCsvSource, typedSource } from './source-query';
import type { ColumnSummary, DataProblem, DatasetInfo, PreviewValue } from './types';

export type { PreviewValue, ColumnSummary } from './types';

export interface DatasetPreview {
  info: DatasetInfo;
  rows: PreviewValue[][];
  summary: ColumnSummary[];
  problems: DataProblem[];
  emptiness: 'empty' | 'header-only' | null;
}

export async function previewDataset(path: string, options: { rows?: number } = {}): Promise<DatasetPreview> {
  const reader = await openDataset(path);
  const info = { ...reader.info };
  await reader.close();
  const source =
    info.format === 'csv' || info.format === 'tsv'
      ? lenientCsvSource(path, delimiterOf(info.format))
      : typedSource(path, info.format);
  const connection = await connectDuckDb();
  try {
    const limit = Math.max(0, Math.floor(options.rows ?? 200));
    const rows = (await connection.runAndReadAll(`SELECT * FROM ${source} LIMIT ${limit}`))
      .getRowsJS()
      .map((row) => row.map(jsonSafe));
    const summary = await summarize(connection, source);
    const counted = (await connection.runAndReadAll(`SELECT count(*) FROM ${source}`)).getRowsJS();
    info.rowCount = Number(counted[0]?.[0] ?? 0);
    return { info, rows, summary, problems: [], emptiness: null };
  } catch (error) {
    if (error instanceof StudioError) throw error;
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    throw new StudioError('data', `${basename(path)}: cannot preview: ${message}`, { file: path });
  } finally {
    connection.closeSync();
  }
}

async function summarize(
  connection: Awaited<ReturnType<typeof connectDuckDb>>,
  source: string,
): Promise<ColumnSummary[]> {
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
