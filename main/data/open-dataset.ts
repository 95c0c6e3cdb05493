/**
 * Opens a data file for streaming: works out its format and columns, and returns a reader whose
 * chunks() delivers requested columns as typed arrays.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { StudioError } from '../../contract/errors';
import { sourceTypeOf } from './column-types';
import { duplicateNames, readCsvHeader } from './csv-header';
import { DuckDbDatasetReader } from './dataset-reader';
import { connectDuckDb, sqlString } from './duckdb-engine';
import { delimiterOf, formatFromPath } from './format';
import { withLiteralPath } from './literal-path';
import { lenientCsvSource, typedSource } from './source-query';
import { assertUtf8Text } from './text-encoding';
import { malformedJsonError } from './typed-read-errors';
import { outOfMemoryError } from './read-errors';
import { numericCsvTypes } from './numeric-sniff';
import type { ColumnSchema, DataFormat, DatasetInfo, DatasetReader } from '../../contract/data-types';

export interface OpenOptions {
  /** Overrides the format the file's extension says. */
  format?: DataFormat;
}

export async function openDataset(path: string, options: OpenOptions = {}): Promise<DatasetReader> {
  const sizeBytes = await fileSize(path);
  const format = options.format ?? formatFromPath(path);
  if (format !== 'parquet') await assertUtf8Text(path);
  if (format === 'csv' || format === 'tsv') {
    const header = await readCsvHeader(path, delimiterOf(format));
    assertUniqueHeader(path, header);
    const numeric = await numericCsvTypes(path, delimiterOf(format), header);
    const columns = numeric
      ? header.map((name, i) => ({ name, sourceType: numeric[i]!, type: sourceTypeOf(numeric[i]!) }))
      : await withLiteralPath(path, (duckPath) => csvColumns(duckPath, format, header));
    return new DuckDbDatasetReader({ path, format, sizeBytes, columns }, header);
  }
  return withLiteralPath(path, async (duckPath) => {
    const connection = await connectDuckDb();
    try {
      const columns = await describe(connection, typedSource(duckPath, format)).catch(
        async (error: unknown) => {
          const outOfMemory = outOfMemoryError(error, path);
          if (outOfMemory) throw outOfMemory;
          if (format === 'jsonl' && /Malformed JSON/i.test(firstLine(error)))
            throw await malformedJsonError(error, path);
          throw new StudioError(
            'data',
            `${basename(path)}: cannot be read as ${format === 'jsonl' ? 'JSON Lines' : 'Parquet'}: ` +
              'check that the file is complete and of the type its name says',
            { file: path },
            firstLine(error),
          );
        },
      );
      const info: DatasetInfo = { path, format, sizeBytes, columns };
      if (format === 'parquet') info.rowCount = await parquetRowCount(connection, duckPath);
      return new DuckDbDatasetReader(info, []);
    } finally {
      connection.closeSync();
    }
  });
}

/** Refuses a header that names a column twice (DuckDB would silently rename the second). */
function assertUniqueHeader(path: string, header: readonly string[]): void {
  const duplicates = duplicateNames(header);
  if (duplicates.length === 0) return;
  const list = duplicates
    .map(({ name, positions }) => `${JSON.stringify(name)} (columns ${positions.join(' and ')})`)
    .join(', ');
  throw new StudioError(
    'data',
    `${basename(path)}: line 1: the header names ${duplicates.length === 1 ? 'a column' : 'columns'} more than once: ` +
      `${list}. Give each column its own name and open the file again`,
    { file: path, line: 1, column: duplicates[0]!.name },
  );
}

export async function fileSize(path: string): Promise<number> {
  try {
    const stats = await stat(path);
    if (!stats.isFile())
      throw new StudioError('bad_input', `${path} is a folder, not a data file: choose a file`, {
        file: path,
      });
    return stats.size;
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw new StudioError('not_found', `${path} does not exist: check the path`, { file: path });
  }
}

/**
 * `duckPath` is the name DuckDB reads (see literal-path.ts).
 * Column names come from the header exactly; types from DuckDB's sniffer in a forgiving mode,
 * for display and to spot true/false columns. A file the sniffer cannot read still opens (all
 * text), and chunks() reports precisely what is wrong with it.
 */
async function csvColumns(duckPath: string, format: DataFormat, header: string[]): Promise<ColumnSchema[]> {
  const connection = await connectDuckDb();
  try {
    const sniffed = await describe(connection, lenientCsvSource(duckPath, delimiterOf(format))).catch(
      () => [],
    );
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

/** `duckPath`: a name DuckDB reads literally (see literal-path.ts). */
export async function parquetRowCount(
  connection: Awaited<ReturnType<typeof connectDuckDb>>,
  duckPath: string,
): Promise<number> {
  const rows = (
    await connection.runAndReadAll(
      `SELECT sum(num_rows) AS n FROM parquet_file_metadata(${sqlString(duckPath)})`,
    )
  ).getRowsJS();
  return Number(rows[0]?.[0] ?? 0);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}
