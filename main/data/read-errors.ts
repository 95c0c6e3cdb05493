/**
 * Turns DuckDB's multi-line read errors into our one-line data errors that name the file, the
 * physical line and the column, e.g. `data.csv: line 5, column "age": expected a number, found "abc"`.
 */
import { basename } from 'node:path';
import { StudioError } from '../errors';
import { describeExpected } from './column-types';
import { faultyQuoteField, locateRecord } from './csv-record-locator';

const LINE = /CSV Error on Line: (\d+)/;
const CONVERSION =
  /Error when converting column "((?:[^"]|"")*)"\. Could not convert string "([\s\S]*?)" to '(\w+)'/;
const FIELD_COUNT = /Expected Number of Columns: (\d+) Found: (\d+)/;
const UNTERMINATED = /unterminated quote/i;

export function errorMessageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A short, single-line rendering of a cell's text for a message. */
export function showValue(value: string): string {
  const flat = value.replace(/\r?\n/g, '\\n');
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 40)}…` : flat);
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
  const file = basename(path);
  const lineMatch = LINE.exec(message);
  if (!lineMatch) return new StudioError('data', `${file}: ${firstLine(message)}`, { file: path });
  const located = await locateRecord(path, Number(lineMatch[1]));
  const line = located?.line ?? Number(lineMatch[1]);
  const at = (column: string | number, what: string): StudioError =>
    new StudioError(
      'data',
      `${file}: line ${line}, column ${typeof column === 'string' ? JSON.stringify(column) : column}: ${what}`,
      { file: path, line, column },
    );

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
  return new StudioError('data', `${file}: line ${line}: ${firstLine(message)}`, { file: path, line });
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
