/**
 * Turns DuckDB's multi-line read errors into our one-line data errors that name the file, the
 * physical line and the column, e.g. `data.csv: line 5, column "age": expected a number, found "abc"`.
 */
import { basename } from 'node:path';
import { StudioError } from '../../contract/errors';
import { describeExpected } from './column-types';
import { faultyQuoteField, locateRecord } from './csv-record-locator';
import { MAX_LINE_BYTES } from './source-query';
import { DUCKDB_SETTINGS } from './duckdb-engine';
import { textProblemError } from './text-encoding';

const LINE = /CSV Error on Line: (\d+)/;
const CONVERSION =
  /Error when converting column "((?:[^"]|"")*)"\. Could not convert string "([\s\S]*?)" to '(\w+)'/;
const FIELD_COUNT = /Expected Number of Columns: (\d+) Found: (\d+)/;
const UNTERMINATED = /unterminated quote/i;
const LINE_SIZE = /Maximum line size of (\d+) bytes exceeded\. Actual Size:\s*(\d+)/;
const PARALLEL_FULL_READ = /does not support a full read on this file/;
const INVALID_UNICODE = /Invalid unicode|invalid UTF-?8/i;
const OUT_OF_MEMORY = /Out of Memory Error/i;

/** DuckDB's message without the echoed record (which can be megabytes), for an error's detail. */
export function technicalDetail(message: string): string {
  return message
    .split('\n')
    .filter((line) => !line.startsWith('Original Line:'))
    .join('\n')
    .slice(0, 2000)
    .trim();
}

export function errorMessageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A short, single-line rendering of a cell's text for a message. */
export function showValue(value: string): string {
  const flat = value.replace(/\r?\n/g, '\\n');
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 40)}…` : flat);
}

/**
 * DuckDB out of its memory cap (duckdb-engine.ts) while reading a file, said as such: it is not
 * the file's fault, and "cannot be read as CSV" sent the analyst looking for a broken file.
 */
export function outOfMemoryError(error: unknown, path: string): StudioError | null {
  const message = errorMessageOf(error);
  if (!OUT_OF_MEMORY.test(message)) return null;
  return new StudioError(
    'data',
    `${basename(path)}: reading it needed more memory than the reader may use (DuckDB's ` +
      `${DUCKDB_SETTINGS.memory_limit}): very long lines or very many columns take more; read fewer ` +
      'columns or split the file',
    { file: path },
    technicalDetail(message),
  );
}

/** Maps an error from a strict CSV read to a StudioError('data'); other errors are returned as data errors too. */
export async function csvReadError(
  error: unknown,
  path: string,
  delimiter: string,
  header: readonly string[],
): Promise<StudioError> {
  if (error instanceof StudioError) return error;
  const message = errorMessageOf(error);
  const detail = technicalDetail(message);
  const file = basename(path);
  const lineMatch = LINE.exec(message);
  if (PARALLEL_FULL_READ.test(message)) return lineTooLong(path, null, null, detail);
  const outOfMemory = outOfMemoryError(error, path);
  if (outOfMemory) return outOfMemory;
  if (!lineMatch) {
    if (INVALID_UNICODE.test(message)) return textProblemError(path, { kind: 'not-utf8', line: 0 }, detail);
    return new StudioError(
      'data',
      `${file}: cannot be read as ${delimiter === '\t' ? 'TSV' : 'CSV'}: check that it is a text file with a header row`,
      { file: path },
      detail,
    );
  }
  const located = await locateRecord(path, Number(lineMatch[1]));
  const line = located?.line ?? Number(lineMatch[1]);
  const at = (column: string | number, what: string): StudioError =>
    new StudioError(
      'data',
      `${file}: line ${line}, column ${typeof column === 'string' ? JSON.stringify(column) : column}: ${what}`,
      { file: path, line, column },
      detail,
    );
  const size = LINE_SIZE.exec(message);
  if (size) return lineTooLong(path, line, Number(size[2]), detail);
  if (INVALID_UNICODE.test(message)) return textProblemError(path, { kind: 'not-utf8', line }, detail);

  const conversion = CONVERSION.exec(message);
  if (conversion) {
    const column = conversion[1]!.replaceAll('""', '"');
    return at(column, `expected ${describeExpected(conversion[3]!)}, found ${showValue(conversion[2]!)}`);
  }
  const count = FIELD_COUNT.exec(message);
  if (count) {
    const expected = Number(count[1]);
    const found = Number(count[2]);
    if (found < expected) {
      const missing = header[found] ?? found + 1;
      return at(missing, `the row has ${found} fields but the header has ${expected}`);
    }
    return at(expected + 1, `the row has ${found} fields but the header has ${expected} (extra field)`);
  }
  if (UNTERMINATED.test(message)) {
    const field = located ? faultyQuoteField(located.text, delimiter) : undefined;
    const column = field === undefined ? '?' : (header[field] ?? field + 1);
    return at(column, 'unterminated or misplaced quote');
  }
  return new StudioError(
    'data',
    `${file}: line ${line} cannot be read: check its quotes and its number of fields`,
    { file: path, line },
    detail,
  );
}

/** A record longer than the reader's limit: say the limit, and the line when DuckDB gives it. */
function lineTooLong(path: string, line: number | null, bytes: number | null, detail: string): StudioError {
  const limit = `${MAX_LINE_BYTES / (1024 * 1024)} MB`;
  const where = line === null ? 'a line' : `line ${line}`;
  const size = bytes === null ? `longer than ${limit}` : `${(bytes / (1024 * 1024)).toFixed(1)} MB long`;
  return new StudioError(
    'data',
    `${basename(path)}: ${where} is ${size}; the longest line that can be read is ${limit}: ` +
      'shorten its long text cells or leave that column out of the file',
    line === null ? { file: path } : { file: path, line },
    detail,
  );
}
