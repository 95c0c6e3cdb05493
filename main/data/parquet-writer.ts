/**
 * Streams rows to a Parquet file with bounded memory: rows are copied into one row group's
 * buffers, and each full row group is encoded (main/data/parquet/), compressed and appended to the
 * file while the next one fills. finish() writes the last row group and the footer. Memory holds
 * one row group, whatever the row count, and nothing is staged elsewhere.
 *
 * Written here rather than through DuckDB's COPY: DuckDB must stage every row in a table before
 * it copies them out, so the whole file was encoded after the last row was scored (~150 ms of a
 * 1M-row score spent after the scoring ended, on one thread), and staging itself cost the writer
 * thread ~0.25 s per 1M rows × 3 columns.
 */
import { basename } from 'node:path';
import { StudioError, visiblePath } from '../../contract/errors';
import type { OutputColumn, TableWriter } from '../../contract/data-types';
import { ColumnChunkEncoder, PHYSICAL_TYPE, type ColumnRows } from './parquet/column-chunk';
import {
  MAGIC,
  encodeFooter,
  type ColumnChunkMeta,
  type ColumnSchema,
  type RowGroupMeta,
} from './parquet/parquet-format';
import { loadZstd } from './parquet/zstd';
import { OutputSink } from './output-sink';
import { appVersion } from '../environment/app-version';

/**
 * Rows per Parquet row group: the writer holds one row group of every column (64k rows × 40 double
 * columns is about 20 MB), and readers get groups large enough to scan fast.
 */
const ROW_GROUP_ROWS = 65_536;

/**
 * Text beyond which a row group is written before it has ROW_GROUP_ROWS rows: long texts (kept
 * input columns) must not make one row group hold hundreds of MB.
 */
const ROW_GROUP_TEXT_CHARS = 32 * 1024 * 1024;

export async function createParquetWriter(path: string): Promise<TableWriter> {
  const compress = await loadZstd().catch((error: unknown) => {
    const shown = visiblePath(path);
    throw new StudioError(
      'internal',
      `${basename(shown)}: the Parquet writer's ZSTD compressor could not be loaded`,
      { file: shown },
      error instanceof Error ? error.message : String(error),
    );
  });
  const sink = new OutputSink(path, { what: 'Parquet output' });
  // An output that cannot be created is reported now, as the other formats' first write does.
  await sink.opened();
  return new ParquetWriter(path, sink, new ColumnChunkEncoder(compress));
}

/** Compiles the compressor now: a worker that will write Parquet does this before its first rows. */
export function warmParquetWriter(): void {
  loadZstd().catch(() => undefined);
}

class ParquetWriter implements TableWriter {
  private schema: readonly ColumnSchema[] | null = null;
  /** The row group being filled: one buffer per column, ROW_GROUP_ROWS long, `buffered` rows used. */
  private buffers: ColumnRows[] = [];
  private buffered = 0;
  /** Characters of text in the row group being filled. */
  private bufferedText = 0;
  private readonly rowGroups: RowGroupMeta[] = [];
  /** Where the next byte goes: the file starts with the magic number. */
  private offset = 0;
  /**
   * Set once the file is finished, when a write or finish failed, or when abort() began: the file
   * may no longer match what the writer holds, so it refuses to go on (abort removes the file).
   */
  private stopped = false;
  /** The write or finish in progress: abort() waits for it, so it never closes the file under a write. */
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly sink: OutputSink,
    private readonly encoder: ColumnChunkEncoder,
  ) {}

  write(columns: readonly OutputColumn[]): Promise<void> {
    return this.track(this.append(columns));
  }

  finish(): Promise<void> {
    return this.track(this.writeFooter());
  }

  async abort(): Promise<void> {
    this.stopped = true;
    await this.busy;
    await this.sink.abort();
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.busy = work.catch(() => {
      this.stopped = true;
    });
    return work;
  }

  private checkRunning(): void {
    if (this.stopped) throw new StudioError('internal', `${this.path}: the Parquet writer has stopped`);
  }

  private async append(columns: readonly OutputColumn[]): Promise<void> {
    this.checkRunning();
    if (!this.schema) await this.begin(columns);
    this.checkShape(columns);
    const rows = columns[0]?.values.length ?? 0;
    for (let taken = 0; taken < rows;) {
      const count = Math.min(ROW_GROUP_ROWS - this.buffered, rows - taken);
      columns.forEach((column, j) => {
        copyRows(column, taken, count, this.buffers[j]!, this.buffered);
        if (column.kind === 'string') this.bufferedText += textLength(column.values, taken, count);
      });
      this.buffered += count;
      taken += count;
      if (this.buffered === ROW_GROUP_ROWS || this.bufferedText > ROW_GROUP_TEXT_CHARS) {
        await this.writeRowGroup();
        // An abort waits for this write; it takes effect here, not after the rest of the chunk.
        this.checkRunning();
      }
    }
  }

  private async begin(columns: readonly OutputColumn[]): Promise<void> {
    this.schema = columns.map((c) => ({ name: c.name, type: PHYSICAL_TYPE[c.kind] }));
    this.buffers = columns.map(emptyBuffer);
    await this.writeBytes([MAGIC]);
  }

  /** Every write must bring the columns of the first, in order, each with the same number of rows. */
  private checkShape(columns: readonly OutputColumn[]): void {
    const rows = columns[0]?.values.length ?? 0;
    const same =
      columns.length === this.buffers.length &&
      columns.every(
        (c, j) =>
          c.name === this.schema![j]!.name && c.kind === this.buffers[j]!.kind && c.values.length === rows,
      );
    if (!same)
      throw new StudioError('internal', `${this.path}: a chunk's columns differ from the first chunk's`);
  }

  private async writeRowGroup(): Promise<void> {
    const rows = this.buffered;
    const parts: Uint8Array[] = [];
    const columns: ColumnChunkMeta[] = [];
    let position = this.offset;
    for (const [j, buffer] of this.buffers.entries()) {
      const { parts: pages, ...summary } = this.encoder.encode(buffer, rows);
      columns.push({ ...this.schema![j]!, ...summary, offset: position });
      parts.push(...pages);
      // A chunk's compressed size counts its page headers: it is the bytes its parts take.
      position += summary.compressedBytes;
    }
    await this.writeBytes(parts);
    this.rowGroups.push({ rows, columns });
    this.buffered = 0;
    this.bufferedText = 0;
  }

  private async writeFooter(): Promise<void> {
    this.checkRunning();
    if (!this.schema)
      throw new StudioError('internal', `${this.path}: nothing was written`, { file: this.path });
    if (this.buffered > 0) await this.writeRowGroup();
    const footer = encodeFooter(this.schema, this.rowGroups, `Ensemble Studio version ${appVersion()}`);
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, footer.length, true);
    await this.writeBytes([footer, length, MAGIC]);
    // The sink's close may report a write the system had deferred: then finish() fails.
    await this.sink.finish();
    this.stopped = true;
  }

  /** Appends the parts at the end of the file. */
  private async writeBytes(parts: readonly Uint8Array[]): Promise<void> {
    for (const part of parts) {
      await this.sink.write(part);
      this.offset += part.length;
    }
  }
}

function emptyBuffer(column: OutputColumn): ColumnRows {
  switch (column.kind) {
    case 'float64':
      return { kind: column.kind, values: new Float64Array(ROW_GROUP_ROWS) };
    case 'float32':
      return { kind: column.kind, values: new Float32Array(ROW_GROUP_ROWS) };
    case 'int64':
      return { kind: column.kind, values: new BigInt64Array(ROW_GROUP_ROWS) };
    case 'string':
      return { kind: column.kind, values: new Array<string | null>(ROW_GROUP_ROWS).fill(null) };
  }
}

/**
 * Copies rows [from, from+count) of a chunk's column into the row group's buffer at `at`
 * (checkShape made sure the kinds agree).
 */
function copyRows(column: OutputColumn, from: number, count: number, buffer: ColumnRows, at: number): void {
  const end = from + count;
  if (column.kind === 'float64' && buffer.kind === 'float64')
    buffer.values.set(column.values.subarray(from, end), at);
  else if (column.kind === 'float32' && buffer.kind === 'float32')
    buffer.values.set(column.values.subarray(from, end), at);
  else if (column.kind === 'int64' && buffer.kind === 'int64')
    buffer.values.set(column.values.subarray(from, end), at);
  else if (column.kind === 'string' && buffer.kind === 'string')
    for (let i = 0; i < count; i++) buffer.values[at + i] = column.values[from + i] ?? null;
}

function textLength(values: readonly (string | null)[], from: number, count: number): number {
  let length = 0;
  for (let i = from; i < from + count; i++) length += values[i]?.length ?? 0;
  return length;
}
