import { outputFormatFromPath, type OutputFormat } from './format';
import { createCsvWriter } from './csv-writer';
import { createParquetWriter } from './parquet-writer';
import type { TableWriter } from './types';

export { outputFormatFromPath, type OutputFormat } from './format';

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
