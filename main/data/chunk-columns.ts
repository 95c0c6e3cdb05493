/**
 * The typed-array columns a reader fills and the chunks it hands out: shared by the DuckDB reader
 * and the fast CSV path, apart from both so that neither loads the other's dependencies.
 */
import type { Column, ColumnRequest, DataChunk } from '../../contract/data-types';

/** Requested columns, in order, with what each is wanted as. */
export type ColumnRequests = readonly (readonly [string, ColumnRequest])[];

export function allocateColumns(requests: ColumnRequests, rows: number): Column[] {
  return requests.map(([, kind]): Column => {
    switch (kind) {
      case 'float32':
        return { kind, values: new Float32Array(rows) };
      case 'float64':
        return { kind, values: new Float64Array(rows) };
      case 'int64':
        return { kind, values: new BigInt64Array(rows) };
      case 'string':
        return { kind, values: new Array<string>(rows) };
    }
  });
}

export function toDataChunk(
  requests: ColumnRequests,
  out: Column[],
  firstRow: number,
  rowCount: number,
): DataChunk {
  const columns = new Map<string, Column>();
  requests.forEach(([name], j) => columns.set(name, trim(out[j]!, rowCount)));
  return { firstRow, rowCount, columns };
}

/** The last chunk is usually short: hand out views of exactly rowCount rows. */
function trim(column: Column, rows: number): Column {
  if (column.values.length === rows) return column;
  // A typed array's view keeps its kind; text is copied (an array has no views).
  const values = column.kind === 'string' ? column.values.slice(0, rows) : column.values.subarray(0, rows);
  return { kind: column.kind, values } as Column;
}
