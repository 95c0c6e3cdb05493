/**
 * A member's input tensors from a columnar chunk (DESIGN.md, "How data flows"): columns are
 * interleaved into one row-major typed array per input with one tight loop per column, and a
 * single column already of the right type is handed over without copying.
 */
import type { Column, DataChunk } from '../../contract/data-types';
import { StudioError } from '../../contract/errors';
import type { FeedPlan, FeedType, MemberPlan } from './plan';

export type FeedData = Float32Array | Float64Array | BigInt64Array | string[];

export interface FeedTensor {
  type: FeedType;
  data: FeedData;
  dims: number[];
}

export function buildFeeds(member: MemberPlan, chunk: DataChunk): Record<string, FeedTensor> {
  const feeds: Record<string, FeedTensor> = {};
  for (const feed of member.feeds) feeds[feed.input] = buildFeed(member.name, feed, chunk);
  return feeds;
}

/**
 * The members' inputs for a stream of chunks, as the scoring loop needs them:
 * - members that read the same columns the same way (a linear model and an MLP on all features)
 *   share one tensor per chunk;
 * - the interleaved arrays are reused from chunk to chunk (ONNX Runtime reads an input only during
 *   its run), so no chunk allocates fresh memory for them: fresh pages cost more than the copying.
 */
export class ChunkFeeds {
  private readonly buffers = new Map<string, Float32Array>();
  private built = new Map<string, FeedTensor>();
  private chunk: DataChunk | null = null;

  /** A member's inputs from `chunk` (valid until the next chunk's). */
  forMember(member: MemberPlan, chunk: DataChunk): Record<string, FeedTensor> {
    if (chunk !== this.chunk) {
      this.chunk = chunk;
      this.built = new Map();
    }
    const feeds: Record<string, FeedTensor> = {};
    for (const feed of member.feeds) {
      const key = `${feed.type}/${feed.rank}/${JSON.stringify(feed.columns)}`;
      let tensor = this.built.get(key);
      if (!tensor) {
        tensor = buildFeed(member.name, feed, chunk, (length) => this.buffer(key, length));
        this.built.set(key, tensor);
      }
      feeds[feed.input] = tensor;
    }
    return feeds;
  }

  private buffer(key: string, length: number): Float32Array {
    let buffer = this.buffers.get(key);
    if (!buffer || buffer.length < length) {
      buffer = new Float32Array(length);
      this.buffers.set(key, buffer);
    }
    return buffer.length === length ? buffer : buffer.subarray(0, length);
  }
}

/** One input's tensor from a chunk; `owner` (a member's name, or the fused model) names it in errors. */
export function buildFeed(
  owner: string,
  feed: FeedPlan,
  chunk: DataChunk,
  /** Where an interleaved float32 input may be written (every element is), instead of a new array. */
  float32Target?: (length: number) => Float32Array,
): FeedTensor {
  const n = chunk.rowCount;
  const width = feed.columns.length;
  const dims = feed.rank === 1 ? [n] : [n, width];
  const sources = feed.columns.map((name) => {
    const column = chunk.columns.get(name);
    if (!column) {
      throw new StudioError(
        'internal',
        `member '${owner}', input '${feed.input}': column '${name}' was not read`,
        {
          member: owner,
          input: feed.input,
          column: name,
        },
      );
    }
    return column;
  });
  const only = sources[0];
  if (width === 1 && only && only.kind === feed.type && only.values.length === n) {
    return { type: feed.type, data: only.values, dims };
  }
  if (feed.type === 'float32' && sources.every((source) => source.kind === 'float32')) {
    const data = float32Target?.(n * width) ?? new Float32Array(n * width);
    interleaveFloat32(
      sources.map((source) => source.values as Float32Array),
      data,
      n,
    );
    return { type: feed.type, data, dims };
  }
  const data = allocate(feed.type, n * width);
  sources.forEach((source, c) => {
    const ctx: Where = {
      member: owner,
      input: feed.input,
      column: feed.columns[c] as string,
      firstRow: chunk.firstRow,
    };
    interleave(source, data, c, width, n, ctx);
  });
  return { type: feed.type, data, dims };
}

/** Rows per block of interleaveFloat32: a block of the output stays in the CPU's cache. */
const BLOCK_ROWS = 256;

/**
 * The common case on its own: float32 columns into one row-major float32 input, a block of rows
 * at a time. Column by column over the whole chunk, every write lands on another cache line
 * (and the same lines come back once per column); by blocks, they stay in the cache.
 */
function interleaveFloat32(sources: readonly Float32Array[], out: Float32Array, n: number): void {
  const width = sources.length;
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const end = Math.min(n, start + BLOCK_ROWS);
    for (let c = 0; c < width; c++) {
      const src = sources[c]!;
      for (let r = start, o = start * width + c; r < end; r++, o += width) out[o] = src[r]!;
    }
  }
}

function allocate(type: FeedType, length: number): FeedData {
  switch (type) {
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
    case 'int64':
      return new BigInt64Array(length);
    case 'string':
      return new Array<string>(length).fill('');
  }
}

interface Where {
  member: string;
  input: string;
  column: string;
  firstRow: number;
}

/** Writes column `source` into every `width`-th slot of `out`, starting at `offset`, converting types. */
function interleave(
  source: Column,
  out: FeedData,
  offset: number,
  width: number,
  n: number,
  where: Where,
): void {
  if (out instanceof BigInt64Array) {
    toInt64(source, out, offset, width, n, where);
  } else if (Array.isArray(out)) {
    const src = source.values;
    for (let r = 0, o = offset; r < n; r++, o += width) out[o] = String(src[r]);
  } else if (source.kind === 'string') {
    // Strings are read only when some input wants strings; the numeric inputs parse them here.
    const src = source.values;
    for (let r = 0, o = offset; r < n; r++, o += width) out[o] = parseNumber(src[r] as string, r, where);
  } else if (source.kind === 'int64') {
    const src = source.values;
    for (let r = 0, o = offset; r < n; r++, o += width) out[o] = Number(src[r]);
  } else {
    // Float32 ↔ Float64: the typed-array store converts (rounds to nearest for float32).
    const src = source.values;
    for (let r = 0, o = offset; r < n; r++, o += width) out[o] = src[r] as number;
  }
}

function toInt64(
  source: Column,
  out: BigInt64Array,
  offset: number,
  width: number,
  n: number,
  where: Where,
): void {
  if (source.kind === 'int64') {
    const src = source.values;
    for (let r = 0, o = offset; r < n; r++, o += width) out[o] = src[r] as bigint;
    return;
  }
  for (let r = 0, o = offset; r < n; r++, o += width) {
    const value =
      source.kind === 'string' ? parseNumber(source.values[r] as string, r, where) : source.values[r];
    if (!Number.isInteger(value)) {
      throw dataError(
        where,
        r,
        `an int64 input needs whole numbers, got ${String(source.values[r]) || 'an empty cell'}`,
      );
    }
    out[o] = BigInt(value as number);
  }
}

/** As the reader treats numbers: an empty cell is NaN, other text is an error naming the row. */
function parseNumber(text: string, r: number, where: Where): number {
  const trimmed = text.trim();
  if (trimmed === '') return NaN;
  const value = Number(trimmed);
  if (Number.isNaN(value) && !/^[+-]?nan$/i.test(trimmed)) {
    throw dataError(where, r, `'${text}' is not a number`);
  }
  return value;
}

function dataError(where: Where, r: number, what: string): StudioError {
  return new StudioError(
    'data',
    `member '${where.member}', input '${where.input}', column '${where.column}', data row ${where.firstRow + r + 1}: ${what}`,
    { member: where.member, input: where.input, column: where.column },
  );
}
