/**
 * Copies DuckDB result vectors into our typed arrays. This is the hot path of every scoring job:
 * it goes through @duckdb/node-bindings (the C API the node-api package wraps, pinned to the
 * same version) to memcpy a whole vector at once instead of reading values one by one.
 */
import duckdb from '@duckdb/node-bindings';
import type { DuckDBDataChunk, DuckDBVarCharVector } from '@duckdb/node-api';

/** Bit i of DuckDB's validity mask (little-endian 64-bit words) says whether row i is non-null. */
function validityOf(vector: duckdb.Vector, rows: number): Uint8Array | null {
  return duckdb.vector_get_validity(vector, Math.ceil(rows / 64) * 8);
}

function isValid(mask: Uint8Array, row: number): boolean {
  return ((mask[row >> 3]! >> (row & 7)) & 1) === 1;
}

/** FLOAT or DOUBLE vector rows [from, from+count) into target at `at`; nulls become NaN. */
export function copyFloats(
  chunk: DuckDBDataChunk,
  column: number,
  from: number,
  count: number,
  target: Float32Array | Float64Array,
  at: number,
): void {
  const vector = duckdb.data_chunk_get_vector(chunk.chunk, column);
  const rows = chunk.rowCount;
  const width = target.BYTES_PER_ELEMENT;
  const bytes = duckdb.vector_get_data(vector, rows * width);
  const source =
    width === 4
      ? new Float32Array(bytes.buffer, bytes.byteOffset, rows)
      : new Float64Array(bytes.buffer, bytes.byteOffset, rows);
  target.set(source.subarray(from, from + count), at);
  const mask = validityOf(vector, rows);
  if (!mask) return;
  for (let i = 0; i < count; i++) {
    if (!isValid(mask, from + i)) target[at + i] = NaN;
  }
}

/** BIGINT rows into target; returns the index (within the chunk) of the first null, or -1. */
export function copyInt64(
  chunk: DuckDBDataChunk,
  column: number,
  from: number,
  count: number,
  target: BigInt64Array,
  at: number,
): number {
  const vector = duckdb.data_chunk_get_vector(chunk.chunk, column);
  const rows = chunk.rowCount;
  const bytes = duckdb.vector_get_data(vector, rows * 8);
  target.set(new BigInt64Array(bytes.buffer, bytes.byteOffset, rows).subarray(from, from + count), at);
  const mask = validityOf(vector, rows);
  if (!mask) return -1;
  for (let i = 0; i < count; i++) if (!isValid(mask, from + i)) return from + i;
  return -1;
}

/** VARCHAR rows into target; null becomes "" (a string input has no null). */
export function copyStrings(
  chunk: DuckDBDataChunk,
  column: number,
  from: number,
  count: number,
  target: string[],
  at: number,
): void {
  const vector = chunk.getColumnVector(column) as DuckDBVarCharVector;
  for (let i = 0; i < count; i++) target[at + i] = vector.getItem(from + i) ?? '';
}

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;

/**
 * VARCHAR rows holding integers into target. CSV int64 columns come through here because
 * DuckDB's own BIGINT parse rounds "5.5" to 6 instead of refusing it. Returns the first bad
 * row (within the chunk) and its text (null for an empty cell), or undefined.
 */
export function copyIntegerText(
  chunk: DuckDBDataChunk,
  column: number,
  from: number,
  count: number,
  target: BigInt64Array,
  at: number,
): { row: number; text: string | null } | undefined {
  const vector = chunk.getColumnVector(column) as DuckDBVarCharVector;
  for (let i = 0; i < count; i++) {
    const text = vector.getItem(from + i);
    if (text === null || !INTEGER_TEXT.test(text)) return { row: from + i, text };
    const value = BigInt(text.trim());
    if (BigInt.asIntN(64, value) !== value) return { row: from + i, text };
    target[at + i] = value;
  }
  return undefined;
}
