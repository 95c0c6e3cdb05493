/**
 * Errors from Parquet and JSON Lines reads. DuckDB's cast errors there carry no row, so on the
 * error path we ask DuckDB for the first value that does not convert and name its row (Parquet)
 * or line (JSON Lines, one record per line).
 */
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { StudioError } from '../../contract/errors';
import { describeExpected } from './column-types';
import { sqlIdent } from './duckdb-engine';
import { firstMalformedJsonLine } from './json-lines-locator';
import { errorMessageOf, outOfMemoryError, showValue } from './read-errors';
import type { DataFormat } from '../../contract/data-types';

export async function typedReadError(
  error: unknown,
  connection: DuckDBConnection,
  path: string,
  format: DataFormat,
  source: string,
  casts: ReadonlyMap<string, string>,
): Promise<StudioError> {
  if (error instanceof StudioError) return error;
  const file = basename(path);
  const outOfMemory = outOfMemoryError(error, path);
  if (outOfMemory) return outOfMemory;
  if (format === 'jsonl' && MALFORMED_JSON.test(errorMessageOf(error)))
    return malformedJsonError(error, path);
  for (const [column, duckType] of casts) {
    const query =
      `SELECT row_index, CAST(${sqlIdent(column)} AS VARCHAR) AS value FROM ` +
      `(SELECT row_number() OVER () AS row_index, ${sqlIdent(column)} FROM ${source}) ` +
      `WHERE ${sqlIdent(column)} IS NOT NULL AND TRY_CAST(${sqlIdent(column)} AS ${duckType}) IS NULL LIMIT 1`;
    try {
      const rows = (await connection.runAndReadAll(query)).getRowsJS();
      const first = rows[0];
      if (!first) continue;
      const row = Number(first[0]);
      const where = format === 'jsonl' ? `line ${row}` : `row ${row}`;
      return new StudioError(
        'data',
        `${file}: ${where}, column ${JSON.stringify(column)}: expected ${describeExpected(duckType)}, found ${showValue(plainText(String(first[1]), format))}`,
        { file: path, line: row, column },
      );
    } catch {
      break; // the file itself does not parse: report DuckDB's own message below
    }
  }
  const detail = errorMessageOf(error).slice(0, 2000).trim();
  const line = /line (\d+)/i.exec(errorMessageOf(error));
  return new StudioError(
    'data',
    `${file}: cannot be read as ${format === 'jsonl' ? 'JSON Lines' : 'Parquet'}` +
      (line ? ` at line ${line[1]}` : '') +
      ': check that the file is complete and of the type its name says',
    line ? { file: path, line: Number(line[1]) } : { file: path },
    detail,
  );
}

const MALFORMED_JSON = /Malformed JSON/i;

/** `data.jsonl: line 3: malformed JSON (unexpected character)`, with the line checked by us. */
export async function malformedJsonError(error: unknown, path: string): Promise<StudioError> {
  const message = errorMessageOf(error);
  const line = (await firstMalformedJsonLine(path)) ?? Number(/line (\d+)/.exec(message)?.[1] ?? 0);
  const reason = /: ([^:]+?)[.\s]*$/.exec(message.split('\n')[0]!.trim())?.[1] ?? 'invalid JSON';
  return new StudioError(
    'data',
    `${basename(path)}: line ${line}: malformed JSON (${reason})`,
    { file: path, line },
    message.split('\n')[0]!.trim(),
  );
}

/** A JSON Lines column of mixed types comes back as JSON text: show "oops", not "\"oops\"". */
function plainText(value: string, format: DataFormat): string {
  if (format !== 'jsonl' || !value.startsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}
