/**
 * The parts of the Parquet format (parquet.thrift) this writer produces: flat schemas of optional
 * columns, v1 data pages, dictionary pages, ZSTD compression, and the footer that indexes them.
 * Field ids below are parquet.thrift's.
 */
import { CompactWriter, ThriftType } from './thrift-compact';

export const MAGIC = new TextEncoder().encode('PAR1');

/** Physical types. */
export const PhysicalType = { INT64: 2, FLOAT: 4, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
export type PhysicalType = (typeof PhysicalType)[keyof typeof PhysicalType];

export const Encoding = { PLAIN: 0, PLAIN_DICTIONARY: 2, RLE: 3 } as const;
export type Encoding = (typeof Encoding)[keyof typeof Encoding];

const CODEC_ZSTD = 6;

const REPETITION_OPTIONAL = 1;
const CONVERTED_UTF8 = 0;
const PAGE_DATA = 0;
const PAGE_DICTIONARY = 2;

export interface ColumnSchema {
  name: string;
  type: PhysicalType;
}

/** Min and max as PLAIN-encoded bytes (numeric columns only), and the number of nulls. */
export interface Statistics {
  nullCount: number;
  min?: Uint8Array;
  max?: Uint8Array;
}

/** How many pages of one kind and encoding a column chunk holds (its encoding_stats). */
export interface PageCount {
  kind: 'data' | 'dictionary';
  encoding: Encoding;
  count: number;
}

/** What one column chunk's pages add up to (column-chunk.ts makes it). */
export interface ChunkSummary {
  pages: readonly PageCount[];
  /** Bytes of the dictionary page (header included) before the first data page; 0 without one. */
  dictionaryBytes: number;
  /** Page headers included, as the footer counts them. */
  uncompressedBytes: number;
  compressedBytes: number;
  statistics: Statistics;
}

export interface ColumnChunkMeta extends ColumnSchema, ChunkSummary {
  /** File offset of the chunk's first page. */
  offset: number;
}

export interface RowGroupMeta {
  rows: number;
  columns: readonly ColumnChunkMeta[];
}

export type PageHeader =
  | {
      kind: 'data';
      uncompressedBytes: number;
      compressedBytes: number;
      /** Rows in the page, nulls included. */
      values: number;
      encoding: Encoding;
    }
  | { kind: 'dictionary'; uncompressedBytes: number; compressedBytes: number; entries: number };

export function encodePageHeader(header: PageHeader): Uint8Array {
  const w = new CompactWriter()
    .i32(1, header.kind === 'data' ? PAGE_DATA : PAGE_DICTIONARY)
    .i32(2, header.uncompressedBytes)
    .i32(3, header.compressedBytes);
  if (header.kind === 'data') {
    w.struct(5, (page) =>
      page
        .i32(1, header.values)
        .i32(2, header.encoding)
        // Definition levels are RLE/bit-packed hybrid; flat columns have no repetition levels, but
        // the field is required.
        .i32(3, Encoding.RLE)
        .i32(4, Encoding.RLE),
    );
  } else {
    w.struct(7, (page) => page.i32(1, header.entries).i32(2, Encoding.PLAIN));
  }
  return w.endMessage().finish();
}

export function encodeFooter(
  columns: readonly ColumnSchema[],
  rowGroups: readonly RowGroupMeta[],
  createdBy: string,
) {
  const rows = rowGroups.reduce((sum, group) => sum + group.rows, 0);
  const w = new CompactWriter().i32(1, 1);
  // The schema is a tree flattened depth first: a root with one optional leaf per column.
  w.list(2, ThriftType.STRUCT, [null, ...columns], (element, column) => {
    if (column === null) element.string(4, 'schema').i32(5, columns.length);
    else {
      element.i32(1, column.type).i32(3, REPETITION_OPTIONAL).string(4, column.name);
      // Text: the legacy UTF8 annotation and the logical STRING type, so old and new readers agree.
      if (column.type === PhysicalType.BYTE_ARRAY)
        element.i32(6, CONVERTED_UTF8).struct(10, (l) => l.struct(1, () => {}));
    }
  });
  w.i64(3, rows);
  w.list(4, ThriftType.STRUCT, rowGroups, (group, g) => {
    group.list(1, ThriftType.STRUCT, g.columns, (chunk, c) =>
      chunk.i64(2, c.offset).struct(3, (meta) => writeColumnMeta(meta, c, g.rows)),
    );
    const uncompressed = sum(g.columns, (c) => c.uncompressedBytes);
    const compressed = sum(g.columns, (c) => c.compressedBytes);
    group.i64(2, uncompressed).i64(3, g.rows);
    if (g.columns[0]) group.i64(5, g.columns[0].offset);
    group.i64(6, compressed);
  });
  w.string(6, createdBy);
  // Every column's min and max follow its type's own order (signed numbers, IEEE floats).
  w.list(7, ThriftType.STRUCT, columns, (order) => order.struct(1, () => {}));
  return w.endMessage().finish();
}

/** `rows`: the row group's, nulls included (a flat column has one value per row). */
function writeColumnMeta(w: CompactWriter, c: ColumnChunkMeta, rows: number): void {
  w.i32(1, c.type)
    .list(2, ThriftType.I32, encodingsOf(c.pages), (list, e) => list.i32Value(e))
    .list(3, ThriftType.BINARY, [c.name], (list, name) => list.stringValue(name))
    .i32(4, CODEC_ZSTD)
    .i64(5, rows)
    .i64(6, c.uncompressedBytes)
    .i64(7, c.compressedBytes)
    .i64(9, c.offset + c.dictionaryBytes);
  if (c.dictionaryBytes > 0) w.i64(11, c.offset);
  const stats = c.statistics;
  w.struct(12, (s) => {
    // Fields 1 and 2 are the legacy max and min: same bytes, for readers that know only those.
    if (stats.max) s.binary(1, stats.max);
    if (stats.min) s.binary(2, stats.min);
    s.i64(3, stats.nullCount);
    if (stats.max) s.binary(5, stats.max);
    if (stats.min) s.binary(6, stats.min);
  });
  // Which pages use which encoding: lets a reader see that every data page is dictionary-encoded.
  w.list(13, ThriftType.STRUCT, c.pages, (page, p) =>
    page
      .i32(1, p.kind === 'data' ? PAGE_DATA : PAGE_DICTIONARY)
      .i32(2, p.encoding)
      .i32(3, p.count),
  );
}

/** Every encoding the chunk uses: its pages' and RLE (definition levels), in a fixed order. */
function encodingsOf(pages: readonly PageCount[]): Encoding[] {
  const used = new Set(pages.map((p) => p.encoding));
  return [Encoding.PLAIN, Encoding.RLE, Encoding.PLAIN_DICTIONARY].filter(
    (e) => e === Encoding.RLE || used.has(e),
  );
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}
