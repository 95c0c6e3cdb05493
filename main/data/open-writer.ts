import { extname } from 'node:path';
import { StudioError } from '../errors';
import { createCsvWriter } from './csv-writer';
import { createParquetWriter } from './parquet-writer';
import type { TableWriter } from './types';

export type OutputFormat = 'csv' | 'tsv' | 'parquet';

/** The output format a file name says (.csv, .tsv/.tab, .parquet/.pq). */
export function outputFormatFromPath(path: string): OutputFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  throw new StudioError('bad_input', `${path}: cannot write "${ext}" files (use .csv, .tsv or .parquet)`, {
    file: path,
  });
}

/**
 * A writer for exactly `path` (the caller writes to a temporary name and renames it, so pass the
 * format when that name's extension does not say it).
 */
export async function openWriter(
  path: string,
  format: OutputFormat = outputFormatFromPath(path),
): Promise<TableWriter> {
  switch (format) {
    case 'csv':
      return createCsvWriter(path, { delimiter: ',' });
    case 'tsv':
      return createCsvWriter(path, { delimiter: '\t' });
    case 'parquet':
      return createParquetWriter(path);
  }
}
