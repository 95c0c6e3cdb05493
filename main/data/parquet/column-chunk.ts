/**
 * One column's rows of one row group, encoded as Parquet pages: a dictionary page and one data
 * page of indices when the column repeats few values (a predicted label), otherwise PLAIN data
 * pages (probabilities). Every page is compressed with ZSTD. Numbers are copied bit for bit, so a
 * reader gets back exactly the float64 (or float32, int64) that was written, -0 and NaN included.
 */
import { ByteBuffer } from '../../binary/byte-buffer';
import {
  Encoding,
  PhysicalType,
  encodePageHeader,
  type ChunkSummary,
  type PageCount,
  type PageHeader,
  type Statistics,
} from './parquet-format';
import { bitWidthFor, encodeRleHybrid } from './rle-hybrid';

/** A column's buffered rows: numbers in a typed array, text as strings (null for a missing value). */
export type ColumnRows =
  | { kind: 'float64'; values: Float64Array }
  | { kind: 'float32'; values: Float32Array }
  | { kind: 'int64'; values: BigInt64Array }
  | { kind: 'string'; values: (string | null)[] };

export const PHYSICAL_TYPE: Readonly<Record<ColumnRows['kind'], PhysicalType>> = {
  float64: PhysicalType.DOUBLE,
  float32: PhysicalType.FLOAT,
  int64: PhysicalType.INT64,
  string: PhysicalType.BYTE_ARRAY,
};

/** Distinct values beyond which a column is written PLAIN (its dictionary would not pay). */
const MAX_NUMBER_ENTRIES = 1024;
const MAX_TEXT_ENTRIES = 16_384;
const MAX_DICTIONARY_BYTES = 1 << 20;
/** Text pages are cut near this many bytes of values, so a reader never holds a huge page. */
const TEXT_PAGE_BYTES = 1 << 20;

export interface EncodedChunk extends ChunkSummary {
  /** Page headers and page bodies, in file order. */
  parts: Uint8Array[];
  pages: PageCount[];
}

type Compress = (bytes: Uint8Array) => Uint8Array;

/** Builds pages in reused buffers: one per writer, used for one column after another. */
export class ColumnChunkEncoder {
  private readonly page = new ByteBuffer(1 << 20);
  private readonly dictionary = new ByteBuffer(64 * 1024);
  private indices = new Uint32Array(0);
  private levels = new Uint32Array(0);

  constructor(private readonly compress: Compress) {}

  /** Encodes rows [0, rows) of the column. */
  encode(column: ColumnRows, rows: number): EncodedChunk {
    const chunk: EncodedChunk = {
      parts: [],
      dictionaryBytes: 0,
      pages: [],
      uncompressedBytes: 0,
      compressedBytes: 0,
      statistics:
        column.kind === 'string'
          ? { nullCount: countNulls(column.values, rows) }
          : numberStatistics(column, rows),
    };
    const entries = this.buildDictionary(column, rows);
    if (entries !== null) {
      this.addPage(chunk, this.dictionary.written(), (bytes) => ({ kind: 'dictionary', ...bytes, entries }));
      chunk.dictionaryBytes = chunk.compressedBytes;
      this.startDataPage(column, 0, rows);
      // A dictionary of one entry still gets a bit per index: some readers refuse a width of 0.
      const bitWidth = Math.max(1, bitWidthFor(entries - 1));
      this.page.byte(bitWidth);
      encodeRleHybrid(this.page, this.indices, rows - chunk.statistics.nullCount, bitWidth);
      this.addDataPage(chunk, rows, Encoding.PLAIN_DICTIONARY);
      return chunk;
    }
    if (column.kind !== 'string') {
      this.startDataPage(column, 0, rows);
      const values = column.values;
      // PLAIN numbers are little-endian IEEE 754 / two's complement: a typed array's own bytes on
      // every platform Electron and ONNX Runtime ship for.
      this.page.append(new Uint8Array(values.buffer, values.byteOffset, rows * values.BYTES_PER_ELEMENT));
      this.addDataPage(chunk, rows, Encoding.PLAIN);
      return chunk;
    }
    for (let start = 0; start < rows;) {
      const end = textPageEnd(column.values, start, rows);
      this.startDataPage(column, start, end);
      for (let i = start; i < end; i++) {
        const value = column.values[i];
        if (value !== null && value !== undefined) writeText(this.page, value);
      }
      this.addDataPage(chunk, end - start, Encoding.PLAIN);
      start = end;
    }
    return chunk;
  }

  /**
   * Fills `dictionary` with the distinct values (PLAIN) and `indices` with each non-null row's
   * entry, or returns null when the column has too many distinct values. Numbers go by value,
   * so a column holding -0 or NaN (whose bits a lookup by value could change) is written PLAIN.
   */
  private buildDictionary(column: ColumnRows, rows: number): number | null {
    this.dictionary.clear();
    if (this.indices.length < rows) this.indices = new Uint32Array(rows);
    const indices = this.indices;
    if (column.kind === 'string') {
      const seen = new Map<string, number>();
      let n = 0;
      for (let i = 0; i < rows; i++) {
        const value = column.values[i];
        if (value === null || value === undefined) continue;
        let entry = seen.get(value);
        if (entry === undefined) {
          if (seen.size >= MAX_TEXT_ENTRIES) return null;
          entry = seen.size;
          seen.set(value, entry);
          writeText(this.dictionary, value);
          if (this.dictionary.length > MAX_DICTIONARY_BYTES) return null;
        }
        indices[n++] = entry;
      }
      // A row group of nulls only has no dictionary to speak of: its page holds levels alone.
      return seen.size === 0 ? null : seen.size;
    }
    const seen = new Map<number | bigint, number>();
    const values = column.values;
    const width = values.BYTES_PER_ELEMENT;
    const bytes = new Uint8Array(values.buffer, values.byteOffset, rows * width);
    for (let i = 0; i < rows; i++) {
      const value = values[i]!;
      // Checked before the lookup: a Map finds 0's entry for -0 (and NaN's for any NaN).
      if (value !== value || Object.is(value, -0)) return null;
      let entry = seen.get(value);
      if (entry === undefined) {
        if (seen.size >= MAX_NUMBER_ENTRIES) return null;
        entry = seen.size;
        seen.set(value, entry);
        this.dictionary.append(bytes.subarray(i * width, (i + 1) * width));
      }
      indices[i] = entry;
    }
    return seen.size === 0 ? null : seen.size;
  }

  /**
   * Starts a data page in the page buffer (emptying it) with the definition levels of rows
   * [start, end) (1 present, 0 missing), their byte length first.
   */
  private startDataPage(column: ColumnRows, start: number, end: number): void {
    this.page.clear();
    this.page.uint32(0);
    const count = end - start;
    if (column.kind !== 'string' || !hasNull(column.values, start, end)) {
      // No missing values: one run of ones.
      this.page.varint(count * 2);
      this.page.byte(1);
    } else {
      if (this.levels.length < count) this.levels = new Uint32Array(count);
      for (let i = 0; i < count; i++) this.levels[i] = column.values[start + i] == null ? 0 : 1;
      encodeRleHybrid(this.page, this.levels, count, 1);
    }
    this.page.setUint32At(0, this.page.length - 4);
  }

  private addDataPage(chunk: EncodedChunk, rows: number, encoding: Encoding): void {
    this.addPage(chunk, this.page.written(), (bytes) => ({ kind: 'data', ...bytes, values: rows, encoding }));
  }

  private addPage(
    chunk: EncodedChunk,
    body: Uint8Array,
    header: (bytes: { uncompressedBytes: number; compressedBytes: number }) => PageHeader,
  ): void {
    const compressed = this.compress(body);
    const page = header({ uncompressedBytes: body.length, compressedBytes: compressed.length });
    const head = encodePageHeader(page);
    chunk.parts.push(head, compressed);
    // Dictionary pages are PLAIN-encoded values.
    const encoding = page.kind === 'data' ? page.encoding : Encoding.PLAIN;
    const counted = chunk.pages.find((p) => p.kind === page.kind && p.encoding === encoding);
    if (counted) counted.count++;
    else chunk.pages.push({ kind: page.kind, encoding, count: 1 });
    chunk.uncompressedBytes += head.length + body.length;
    chunk.compressedBytes += head.length + compressed.length;
  }
}

const utf8 = new TextEncoder();

/** A PLAIN byte array: its UTF-8 length, then the bytes. */
function writeText(out: ByteBuffer, value: string): void {
  const at = out.length;
  out.uint32(0);
  out.reserve(value.length * 3);
  const { written } = utf8.encodeInto(value, out.bytes.subarray(out.length));
  out.length += written;
  out.setUint32At(at, written);
}

/** Where a text page that starts at `start` ends: near TEXT_PAGE_BYTES of values. */
function textPageEnd(values: readonly (string | null)[], start: number, rows: number): number {
  let bytes = 0;
  let i = start;
  while (i < rows && bytes < TEXT_PAGE_BYTES) {
    const value = values[i++];
    if (value != null) bytes += 4 + Buffer.byteLength(value, 'utf8');
  }
  return i;
}

function hasNull(values: readonly (string | null)[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (values[i] == null) return true;
  return false;
}

function countNulls(values: readonly (string | null)[], rows: number): number {
  let nulls = 0;
  for (let i = 0; i < rows; i++) if (values[i] == null) nulls++;
  return nulls;
}

/**
 * Min and max of a number column, as Parquet orders them: a zero bound widened to both signs
 * (-0 as min, +0 as max); none when the rows hold NaN.
 */
function numberStatistics(column: Exclude<ColumnRows, { kind: 'string' }>, rows: number): Statistics {
  if (rows === 0) return { nullCount: 0 };
  if (column.kind === 'int64') {
    let min = column.values[0]!;
    let max = min;
    for (let i = 1; i < rows; i++) {
      const value = column.values[i]!;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    return { nullCount: 0, min: plainBytes(column.kind, min), max: plainBytes(column.kind, max) };
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < rows; i++) {
    const value = column.values[i]!;
    // Readers disagree on where NaN sorts (some put it above every number and trust max to
    // skip row groups): a row group holding NaN gets no bounds, so no reader skips it wrongly.
    if (value !== value) return { nullCount: 0 };
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return {
    nullCount: 0,
    min: plainBytes(column.kind, min === 0 ? -0 : min),
    max: plainBytes(column.kind, max === 0 ? 0 : max),
  };
}

function plainBytes(kind: 'float64' | 'float32' | 'int64', value: number | bigint): Uint8Array {
  const bytes = new Uint8Array(kind === 'float32' ? 4 : 8);
  const view = new DataView(bytes.buffer);
  if (kind === 'int64') view.setBigInt64(0, BigInt(value), true);
  else if (kind === 'float32') view.setFloat32(0, Number(value), true);
  else view.setFloat64(0, Number(value), true);
  return bytes;
}
