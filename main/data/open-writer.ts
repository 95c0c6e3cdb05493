import { outputFormatFromPath, type OutputFormat, type TextFormat } from './format';
import { createCsvWriter } from './csv-writer';
import { createJsonLinesWriter } from './json-lines-writer';
import type { TableWriter } from '../../contract/data-types';
import { WriteBehindWriter } from './write-behind';
import { writeBehindScript } from './data-worker';
import type { ResumableWriter, TrackOptions } from './written-so-far';

export { outputFormatFromPath, isTextFormat, type OutputFormat, type TextFormat } from './format';

export interface WriterOptions {
  /** CSV/TSV: neutralise cells a spreadsheet would run as formulas (default true). */
  escapeFormulas?: boolean;
  /** Format and write on a worker thread, behind the caller (the scoring loop). Same bytes. */
  writeBehind?: boolean;
}

/**
 * A text writer that reports what is in the file after each chunk and may continue a partial file
 * (a resumable score: main/shards/checkpoint.ts). Same bytes as openWriter's.
 */
export async function openTrackedWriter(
  path: string,
  format: TextFormat,
  options: WriterOptions & TrackOptions,
): Promise<ResumableWriter> {
  const escapeFormulas = options.escapeFormulas ?? true;
  const script = options.writeBehind ? writeBehindScript() : null;
  if (script) {
    const track = options.resume ? { resume: options.resume } : {};
    return new WriteBehindWriter({ path, format, escapeFormulas, track }, script, options.onWritten);
  }
  const track: TrackOptions = { resume: options.resume, onWritten: options.onWritten };
  return format === 'jsonl'
    ? createJsonLinesWriter(path, track)
    : createCsvWriter(path, { delimiter: format === 'tsv' ? '\t' : ',', escapeFormulas, ...track });
}

/**
 * A writer for exactly `path` (the caller writes to a temporary name and renames it, so pass the
 * format when that name's extension does not say it).
 */
export async function openWriter(
  path: string,
  format: OutputFormat = outputFormatFromPath(path),
  options: WriterOptions = {},
): Promise<TableWriter> {
  const script = options.writeBehind ? writeBehindScript() : null;
  if (script) {
    return new WriteBehindWriter({ path, format, escapeFormulas: options.escapeFormulas ?? true }, script);
  }
  switch (format) {
    case 'csv':
      return createCsvWriter(path, { delimiter: ',', escapeFormulas: options.escapeFormulas });
    case 'tsv':
      return createCsvWriter(path, { delimiter: '\t', escapeFormulas: options.escapeFormulas });
    case 'jsonl':
      return createJsonLinesWriter(path);
    case 'parquet': {
      // Loaded when asked for: the text writers (and their worker) start without DuckDB.
      const { createParquetWriter } = await import('./parquet-writer');
      return createParquetWriter(path);
    }
  }
}
