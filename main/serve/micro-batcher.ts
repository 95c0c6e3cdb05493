/**
 * Micro-batching: requests that arrive within `waitMs` of the first one waiting are joined (up to
 * `maxRows` rows) into one chunk and scored with one ONNX Runtime call per member; each request
 * gets back its own rows. One batch runs at a time; requests arriving meanwhile form the next.
 * A batch that fails is retried request by request, so one bad request never fails another's.
 */
import type { Column, DataChunk, OutputColumn } from '../../contract/data-types';

export type ScoreChunk = (chunk: DataChunk) => Promise<OutputColumn[]>;

interface Pending {
  chunk: DataChunk;
  resolve(columns: OutputColumn[]): void;
  reject(error: unknown): void;
}

export class MicroBatcher {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** Scoring calls made (each runs every member once). */
  batches = 0;

  constructor(
    private readonly score: ScoreChunk,
    private readonly options: { waitMs: number; maxRows: number },
  ) {}

  submit(chunk: DataChunk): Promise<OutputColumn[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ chunk, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.timer || this.queue.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runBatch();
    }, this.options.waitMs);
  }

  private async runBatch(): Promise<void> {
    const batch = this.take();
    this.running = true;
    try {
      await this.scoreBatch(batch);
    } finally {
      this.running = false;
      this.schedule();
    }
  }

  /** The oldest requests whose rows fit maxRows together; always at least one. */
  private take(): Pending[] {
    let rows = 0;
    let count = 0;
    for (const pending of this.queue) {
      if (count > 0 && rows + pending.chunk.rowCount > this.options.maxRows) break;
      rows += pending.chunk.rowCount;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async scoreBatch(batch: Pending[]): Promise<void> {
    if (batch.length === 1) {
      await this.scoreAlone(batch[0]!);
      return;
    }
    let outputs: OutputColumn[];
    try {
      this.batches++;
      outputs = await this.score(concatChunks(batch.map((p) => p.chunk)));
    } catch {
      for (const pending of batch) await this.scoreAlone(pending);
      return;
    }
    let offset = 0;
    for (const pending of batch) {
      const n = pending.chunk.rowCount;
      pending.resolve(outputs.map((column) => sliceColumn(column, offset, offset + n)));
      offset += n;
    }
  }

  private async scoreAlone(pending: Pending): Promise<void> {
    try {
      this.batches++;
      pending.resolve(await this.score(pending.chunk));
    } catch (error) {
      pending.reject(error);
    }
  }
}

/** Chunks with the same columns, one after the other. */
export function concatChunks(chunks: readonly DataChunk[]): DataChunk {
  const rowCount = chunks.reduce((n, c) => n + c.rowCount, 0);
  const columns = new Map<string, Column>();
  for (const [name, first] of chunks[0]!.columns) {
    const parts = chunks.map((c) => c.columns.get(name)!);
    columns.set(name, concatColumn(first.kind, parts, rowCount));
  }
  return { firstRow: 0, rowCount, columns };
}

function concatColumn(kind: Column['kind'], parts: readonly Column[], n: number): Column {
  // Every part holds the same kind: each request's columns were made for the same plan.
  switch (kind) {
    case 'string':
      return { kind, values: parts.flatMap((p) => p.values as string[]) };
    case 'float32': {
      const values = new Float32Array(n);
      let offset = 0;
      for (const p of parts) offset = put(values, p.values as Float32Array, offset);
      return { kind, values };
    }
    case 'float64': {
      const values = new Float64Array(n);
      let offset = 0;
      for (const p of parts) offset = put(values, p.values as Float64Array, offset);
      return { kind, values };
    }
    case 'int64': {
      const values = new BigInt64Array(n);
      let offset = 0;
      for (const p of parts) {
        values.set(p.values as BigInt64Array, offset);
        offset += p.values.length;
      }
      return { kind, values };
    }
  }
}

function put(out: Float32Array | Float64Array, part: ArrayLike<number>, offset: number): number {
  out.set(part, offset);
  return offset + part.length;
}

function sliceColumn(column: OutputColumn, start: number, end: number): OutputColumn {
  switch (column.kind) {
    case 'float64':
      return { ...column, values: column.values.subarray(start, end) };
    case 'float32':
      return { ...column, values: column.values.subarray(start, end) };
    case 'int64':
      return { ...column, values: column.values.subarray(start, end) };
    case 'string':
      return { ...column, values: column.values.slice(start, end) };
  }
}
