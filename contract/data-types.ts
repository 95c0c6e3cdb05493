/**
 * Columnar chunks: the unit that flows through every scoring pipeline. A chunk holds each
 * requested column as one typed array, never per-row objects (DESIGN.md, "How data flows").
 */

/** How a column is delivered to the engine. Chosen by the caller per column. */
export type ColumnRequest = 'float32' | 'float64' | 'int64' | 'string';

export type Column =
  | { kind: 'float32'; values: Float32Array }
  | { kind: 'float64'; values: Float64Array }
  | { kind: 'int64'; values: BigInt64Array }
  | { kind: 'string'; values: string[] };

export interface DataChunk {
  /** Index (0-based, over data rows) of the first row of this chunk in the file. */
  readonly firstRow: number;
  readonly rowCount: number;
  /** Requested columns by name, each of length rowCount. */
  readonly columns: ReadonlyMap<string, Column>;
}

/** The type a data file declares or that was inferred for a column. */
export type SourceType = 'number' | 'integer' | 'string' | 'boolean' | 'date' | 'other';

export interface ColumnSchema {
  name: string;
  type: SourceType;
  /** The engine's own type name (e.g. DuckDB's DOUBLE, VARCHAR), for display. */
  sourceType: string;
}

export type DataFormat = 'csv' | 'tsv' | 'parquet' | 'jsonl';

export interface DatasetInfo {
  path: string;
  format: DataFormat;
  sizeBytes: number;
  columns: ColumnSchema[];
  /** Exact when cheap to know (Parquet metadata, or after a count), otherwise undefined. */
  rowCount?: number;
}

export interface ReadOptions {
  /** Columns to deliver and as what; others are not read. */
  columns: ReadonlyMap<string, ColumnRequest>;
  /** Target rows per chunk (the reader may deliver fewer at the end). */
  chunkRows?: number;
  /**
   * Parse on a worker thread a few chunks ahead of the caller (the scoring loop, whose thread
   * ONNX Runtime blocks). The chunks and errors are the same either way.
   */
  readAhead?: boolean;
  /**
   * Only data rows [skip, skip + take) of the file, in file order (a shard, or a resumed run):
   * chunks' `firstRow` still counts from the file's first data row. `take` absent: to the end.
   */
  rows?: { skip: number; take?: number };
}

export interface DatasetReader {
  readonly info: DatasetInfo;
  /** Chunks in file order. Errors (bad quote, ragged row, text in a number) name file, line, column. */
  chunks(options: ReadOptions): AsyncIterable<DataChunk>;
  close(): Promise<void>;
}

/** Output column as written: numbers are written so they read back to the same value. */
export type OutputColumn = (
  | { name: string; kind: 'float64'; values: Float64Array }
  | { name: string; kind: 'float32'; values: Float32Array }
  | { name: string; kind: 'int64'; values: BigInt64Array }
  | { name: string; kind: 'string'; values: (string | null)[] }
) & {
  /**
   * Nothing else holds `values` (made for this write alone): a writer on another thread may take
   * its buffer (transfer it) instead of copying it.
   */
  handOver?: true;
};

export interface TableWriter {
  /** Append one chunk of rows; every column has the same length, in the same order each time. */
  write(columns: readonly OutputColumn[]): Promise<void>;
  /** Flush and close the file. After this the file is complete. */
  finish(): Promise<void>;
  /** Close and delete what was written. Never throws. */
  abort(): Promise<void>;
}

/** Values of a data preview: JSON-safe. */
export type PreviewValue = string | number | boolean | null;

export interface ColumnSummary {
  name: string;
  type: string;
  nulls: number;
  min?: PreviewValue;
  max?: PreviewValue;
  mean?: number;
  distinct?: number;
}

/** A problem found in a data file at preview, in the analyst's terms, with where it is. */
export interface DataProblem {
  /** 1-based line of the file, when known. */
  line: number | null;
  column: string | null;
  message: string;
}
