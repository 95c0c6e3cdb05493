/**
 * Opens a data file for streaming: works out its format and columns, and returns a reader whose
 * chunks() delivers requested columns as typed arrays.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { StudioError } from '../errors';
import { sourceTypeOf } from './column-types';
import { readCsvHeader } from './csv-header';
import { DuckDbDatasetReader } from './dataset-reader';
import { connectDuckDb, sqlString } from './duckdb-engine';
import { delimiterOf, formatFromPath } from './format';
import { lenientCsvSource, typedSource } from './source-query';
import { malformedJsonError } from './typed-read-errors';
import type { ColumnSchema, DataFormat, DatasetInfo, DatasetReader } from './types';

export interface OpenOptions {
  /** Overrides the format the file's extension says. */
  format?: DataFormat;
}

export async function openDataset(path: string, options: OpenOptions = {}): Promise<DatasetReader> {
  const sizeBytes = await fileSize(path);
  const format = options.format ?? formatFromPath(path);
  if (format === 'csv' || format === 'tsv') {
    const header = await readCsvHeader(path, delimiterOf(format));
    const columns = await csvColumns(path, format, header);
    return new DuckDbDatasetReader({ path, format, sizeBytes, columns }, header);
  }
  const connection = await connectDuckDb();
  try {
    const columns = await describe(connection, typedSource(path, format)).catch(async (error: unknown) => {
      if (format === 'jsonl' && /Malformed JSON/i.test(firstLine(error)))
        throw await malformedJsonError(error, path);
      throw new StudioError('data', `${basename(path)}: cannot be read as ${format}: ${firstLine(error)}`, {
        file: path,
      });
    });
    const info: DatasetInfo = { path, format, sizeBytes, columns };
    if (format === 'parquet') info.rowCount = await parquetRowCount(connection, path);
    return new DuckDbDatasetReader(info, []);
  } finally {
    connection.closeSync();
  }
}

export async function fileSize(path: string): Promise<number> {
  try {
    const stats = await stat(path);
    if (!stats.isFile()) throw new StudioError('bad_input', `${path}: not a file`, { file: path });
    return stats.size;
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw new StudioError('not_found', `${path}: no such file`, { file: path });
  }
}

/**
 * Column names come from the header exactly; types from DuckDB's sniffer in a forgiving mode,
 * for display and to spot true/false columns. A file the sniffer cannot read still opens (all
 * text), and chunks() reports precisely what is wrong with it.
 */
async function csvColumns(path: string, format: DataFormat, header: string[]): Promise<ColumnSchema[]> {
  const connection = await connectDuckDb();
  try {
    const sniffed = await describe(connection, lenientCsvSource(path, delimiterOf(format))).catch(() => []);
    return header.map((name, i) => {
      const sourceType = sniffed.length === header.length ? sniffed[i]!.sourceType : 'VARCHAR';
      return { name, sourceType, type: sourceTypeOf(sourceType) };
    });
  } finally {
    connection.closeSync();
  }
}

async function describe(
  connection: Awaited<ReturnType<typeof connectDuckDb>>,
  source: string,
): Promise<ColumnSchema[]> {
  const rows = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowObjectsJS();
  return rows.map((row) => {
    const sourceType = String(row['column_type']);
    return { name: String(row['column_name']), sourceType, type: sourceTypeOf(sourceType) };
  });
}

export async function parquetRowCount(
  connection: Awaited<ReturnType<typeof connectDuckDb>>,
  path: string,
): Promise<number> {
  const rows = (
    await connection.runAndReadAll(`SELECT sum(num_rows) AS n FROM parquet_file_metadata(${sqlString(path)})`)
  ).getRowsJS();
  return Number(rows[0]?.[0] ?? 0);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}
