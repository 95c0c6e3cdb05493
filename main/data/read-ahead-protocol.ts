/** Messages between the scoring thread and the read-ahead worker (main/data/read-ahead.ts). */
import type { StudioErrorPayload } from '../../contract/errors';
import type { ColumnRequest, DataChunk, DatasetInfo } from '../../contract/data-types';

/** What the worker needs to read: the file as already opened (no second sniff) and the request. */
export interface ReadAheadStart {
  info: DatasetInfo;
  header: readonly string[];
  columns: [string, ColumnRequest][];
  chunkRows: number;
  /** The data rows to deliver (ReadOptions.rows). */
  rows: { skip: number; take?: number };
  /** Chunks the worker may have delivered and not yet seen consumed. */
  depth: number;
}

/** Scoring thread → worker: one chunk consumed (the worker may read one more). */
export type ToWorker = { type: 'consumed' };

/** Worker → scoring thread. */
export type FromWorker =
  { type: 'chunk'; chunk: DataChunk } | { type: 'done' } | { type: 'error'; error: StudioErrorPayload };
