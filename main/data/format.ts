import { extname } from 'node:path';
import { StudioError } from '../../contract/errors';
import type { DataFormat } from '../../contract/data-types';

const BY_EXTENSION: Readonly<Record<string, DataFormat>> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** The data format a file name says, or null when its extension is none we read. */
export function knownFormatOfPath(path: string): DataFormat | null {
  return BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}

/** The data format a file name says, or a bad_input error listing the ones we read. */
export function formatFromPath(path: string): DataFormat {
  const format = knownFormatOfPath(path);
  if (!format) {
    throw new StudioError(
      'bad_input',
      `${path}: unknown data file type "${extname(path)}" (expected .csv, .tsv, .tab, .parquet, .pq, .jsonl or .ndjson)`,
      { file: path },
    );
  }
  return format;
}

export function delimiterOf(format: DataFormat): ',' | '\t' {
  return format === 'tsv' ? '\t' : ',';
}

export type OutputFormat = 'csv' | 'tsv' | 'parquet' | 'jsonl';

/** The output format a file name says (.csv, .tsv/.tab, .parquet/.pq, .jsonl/.ndjson). */
export function outputFormatFromPath(path: string): OutputFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new StudioError(
    'bad_input',
    `${path}: cannot write "${ext}" files: end the output name with .csv, .tsv, .parquet or .jsonl`,
    { file: path },
  );
}

/** The output formats written as a stream of text, which a resumed run can continue. */
export type TextFormat = Exclude<OutputFormat, 'parquet'>;

export function isTextFormat(format: OutputFormat): format is TextFormat {
  return format !== 'parquet';
}
