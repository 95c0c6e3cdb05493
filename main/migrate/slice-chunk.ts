/** The first rows of a chunk, as views (no copy): the sample ends inside the last chunk read. */
import type { DataChunk } from '../../contract/data-types';

export function sliceChunk(chunk: DataChunk, rows: number): DataChunk {
  if (rows >= chunk.rowCount) return chunk;
  const columns = new Map(
    [...chunk.columns].map(([name, c]) => [
      name,
      c.kind === 'string'
        ? { kind: c.kind, values: c.values.slice(0, rows) }
        : ({ kind: c.kind, values: c.values.subarray(0, rows) } as typeof c),
    ]),
  );
  return { firstRow: chunk.firstRow, rowCount: rows, columns };
}
