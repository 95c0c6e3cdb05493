/**
 * DuckDB's number parser is more forgiving than a data file should be: `1e400` becomes infinity
 * (and `1e39` in a 32-bit column too), and `1_000` becomes 1000. Both are refused, naming the
 * file, line, column and the cell's text.
 *
 * Decided: the words inf, -inf, +inf, infinity (any case) are read as ±infinity, because that is
 * how the CSV writer writes infinities and outputs must read back to the same values. NaN and the
 * other missing markers are missing values (source-query.ts); an empty cell stays NaN.
 *
 * The check costs nothing on ordinary files: it runs only when a read delivers an infinity or
 * the file holds an underscore past its header, and then scans the file once with DuckDB.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { StudioError } from '../../contract/errors';
import { locateRecord, recordOfDataRow } from './csv-record-locator';
import { sqlIdent, sqlString } from './duckdb-engine';
import { showValue } from './read-errors';

const INFINITY_WORD = '^\\s*[+-]?(inf|infinity)\\s*$';

/** Whether any byte after the header line is an underscore (a fast byte search, no parsing). */
export async function hasUnderscoreAfterHeader(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    let position = 0;
    let pastHeader = false;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) return false;
      let view = buffer.subarray(0, bytesRead);
      if (!pastHeader) {
        const newline = view.indexOf(0x0a);
        if (newline < 0) {
          position += bytesRead;
          continue;
        }
        pastHeader = true;
        view = view.subarray(newline + 1);
      }
      if (view.indexOf(0x5f) >= 0) return true;
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/**
 * The first cell in `columns` (name → FLOAT or DOUBLE) whose text DuckDB would read loosely, as a
 * data error; undefined when there is none. `textSource` reads those columns as text, in file order.
 */
export async function looseNumberError(
  connection: DuckDBConnection,
  path: string,
  textSource: string,
  columns: ReadonlyMap<string, string>,
): Promise<StudioError | undefined> {
  if (columns.size === 0) return undefined;
  const conditions = [...columns].map(([name, type]) => looseCondition(sqlIdent(name), type));
  const names = [...columns.keys()].map(sqlIdent).join(', ');
  const query =
    `SELECT row_index, ${names} FROM (SELECT row_number() OVER () AS row_index, ${names} FROM ${textSource}) ` +
    `WHERE ${conditions.join(' OR ')} ORDER BY row_index LIMIT 1`;
  const row = (await connection.runAndReadAll(query)).getRowsJS()[0];
  if (!row) return undefined;
  const dataRow = Number(row[0]) - 1;
  const line = (await locateRecord(path, await recordOfDataRow(path, dataRow)))?.line ?? dataRow + 2;
  const checked = [...columns];
  for (let j = 0; j < checked.length; j++) {
    const [column, type] = checked[j]!;
    const text = row[j + 1] == null ? null : String(row[j + 1]);
    if (text === null) continue;
    const why = looseReason(text, type);
    if (!why) continue;
    return new StudioError(
      'data',
      `${basename(path)}: line ${line}, column ${JSON.stringify(column)}: ${showValue(text)} ${why}`,
      { file: path, line, column },
    );
  }
  return undefined;
}

function looseCondition(ident: string, type: string): string {
  const parsed = `TRY_CAST(${ident} AS ${type})`;
  return (
    `(${parsed} IS NOT NULL AND (contains(${ident}, '_') OR ` +
    `(isinf(${parsed}) AND NOT regexp_matches(${ident}, ${sqlString(INFINITY_WORD)}, 'i'))))`
  );
}

/** Why a cell's text is refused, or undefined when it is a strict number. */
function looseReason(text: string, type: string): string | undefined {
  if (text.includes('_')) return 'is not a number as written: remove the _ digit separators';
  if (new RegExp(INFINITY_WORD, 'i').test(text)) return undefined;
  const value = Number(text.trim());
  if (!Number.isFinite(value)) return 'is too large for a number (the largest is about ±1.8e308)';
  // The row may hold other checked cells: only the one that overflows 32 bits is named.
  if (type === 'FLOAT' && !Number.isFinite(Math.fround(value)))
    return 'is too large for the model, which takes 32-bit numbers (up to ±3.4e38)';
  return undefined;
}
