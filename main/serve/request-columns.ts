/**
 * The columns the ensemble reads, from a request's frame, as the typed arrays the scoring code
 * takes (the same kinds the data reader delivers for a file). Columns are matched by name; other
 * columns are ignored. Values follow the data files' rules: null, an empty cell and the missing
 * markers (NA, N/A, null, NaN …) are missing (NaN); inf/-inf are infinities; any other text in a
 * numeric column is refused, naming the row and the column.
 */
import type { Column, ColumnRequest, DataChunk } from '../../contract/data-types';
import { MISSING_MARKERS } from '../data/missing-markers';
import { badRequest } from './http-error';
import type { RequestFrame } from './request-frame';

const MISSING = new Set(MISSING_MARKERS);
const INFINITY = /^\s*([+-]?)(inf|infinity)\s*$/i;

export function requestChunk(frame: RequestFrame, needed: ReadonlyMap<string, ColumnRequest>): DataChunk {
  const missing = [...needed.keys()].filter((name) => !frame.has(name));
  if (missing.length > 0) {
    throw badRequest(
      `the request has no column${missing.length === 1 ? '' : 's'} ${shortList(missing)} (the ensemble ` +
        `needs: ${shortList([...needed.keys()])}; the request has: ${shortList(frame.names) || 'no columns'})`,
      { field: missing[0]! },
    );
  }
  const columns = new Map<string, Column>();
  for (const [name, kind] of needed) columns.set(name, toColumn(frame, name, kind));
  return { firstRow: 0, rowCount: frame.rowCount, columns };
}

function toColumn(frame: RequestFrame, name: string, kind: ColumnRequest): Column {
  const n = frame.rowCount;
  switch (kind) {
    case 'float32':
    case 'float64': {
      const values = kind === 'float32' ? new Float32Array(n) : new Float64Array(n);
      for (let r = 0; r < n; r++) values[r] = toNumber(frame.value(name, r), name, r);
      return kind === 'float32'
        ? { kind, values: values as Float32Array }
        : { kind, values: values as Float64Array };
    }
    case 'int64': {
      const values = new BigInt64Array(n);
      for (let r = 0; r < n; r++) values[r] = toInt64(frame.value(name, r), name, r);
      return { kind, values };
    }
    case 'string': {
      const values: string[] = new Array<string>(n);
      for (let r = 0; r < n; r++) values[r] = toText(frame.value(name, r), name, r);
      return { kind, values };
    }
  }
}

function toNumber(value: unknown, column: string, r: number): number {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return NaN;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    if (MISSING.has(value.trim())) return NaN;
    const infinity = INFINITY.exec(value);
    if (infinity) return infinity[1] === '-' ? -Infinity : Infinity;
    // Number() takes hex, binary and '' as numbers; a data file's reader does not.
    const trimmed = value.trim();
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
      const number = Number(trimmed);
      if (Number.isFinite(number)) return number;
      throw cellError(column, r, value, 'is too large for a number');
    }
  }
  throw cellError(column, r, value, 'is not a number');
}

function toInt64(value: unknown, column: string, r: number): bigint {
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) {
    const big = BigInt(value.trim());
    if (big >= -(2n ** 63n) && big < 2n ** 63n) return big;
    throw cellError(column, r, value, 'does not fit a 64-bit integer');
  }
  const number = toNumber(value, column, r);
  if (!Number.isSafeInteger(number)) {
    throw cellError(column, r, value, 'is not a whole number, which this int64 input needs');
  }
  return BigInt(number);
}

function toText(value: unknown, column: string, r: number): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw cellError(column, r, value, 'is not a text value');
}

/** Names quoted, the first few of a long list, so an answer stays readable. */
function shortList(names: readonly string[], most = 8): string {
  const shown = names
    .slice(0, most)
    .map((n) => `'${n}'`)
    .join(', ');
  return names.length > most ? `${shown} and ${names.length - most} more` : shown;
}

function cellError(column: string, r: number, value: unknown, why: string) {
  const shown =
    typeof value === 'string'
      ? `'${value.length > 40 ? value.slice(0, 40) + '…' : value}'`
      : JSON.stringify(value);
  return badRequest(`row ${r + 1}, column '${column}': ${shown ?? String(value)} ${why}`, {
    field: column,
    row: r + 1,
  });
}
