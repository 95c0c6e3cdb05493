/**
 * The read-ahead worker: parses a data file into typed-array chunks on its own thread and hands
 * each chunk over (its buffers transferred, not copied), at most `depth` ahead of the scoring
 * thread. ONNX Runtime's session.run blocks the thread that calls it; reading here keeps parsing
 * going meanwhile instead of waiting for the scoring thread's event loop.
 *
 * A plain numeric CSV is read by the fast path alone; DuckDB is loaded only for what it leaves
 * (and for other formats), so the worker starts in a fraction of the time.
 */
import { parentPort } from 'node:worker_threads';
import { toErrorPayload } from '../../contract/errors';
import type { Column } from '../../contract/data-types';
import { fastCsvRequest, fastThenDuckDb } from './fast-csv';
import { onDataWorkerStart } from './data-worker';
import type { FromWorker, ReadAheadStart, ToWorker } from './read-ahead-protocol';

async function run(port: NonNullable<typeof parentPort>, start: ReadAheadStart): Promise<void> {
  let credits = start.depth;
  let wake: (() => void) | null = null;
  port.on('message', (message: ToWorker) => {
    if (message.type !== 'consumed') return;
    credits += 1;
    wake?.();
    wake = null;
  });
  const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  try {
    const { info, header, columns, chunkRows, rows } = start;
    const chunks = fastThenDuckDb(
      fastCsvRequest(info, header, columns, chunkRows, rows),
      rows,
      async function* (rest) {
        const { DuckDbDatasetReader } = await import('./dataset-reader');
        yield* new DuckDbDatasetReader(info, header).duckDbChunks(new Map(columns), chunkRows, rest);
      },
    );
    for await (const chunk of chunks) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits -= 1;
      post({ type: 'chunk', chunk }, buffersOf(chunk.columns.values()));
    }
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'error', error: toErrorPayload(error) });
  }
}

/** The typed arrays' buffers, each once (a trimmed last chunk is a view on a larger buffer). */
function buffersOf(columns: Iterable<Column>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const column of columns) {
    if (column.kind !== 'string') buffers.add(column.values.buffer as ArrayBuffer);
  }
  return [...buffers];
}

onDataWorkerStart<ReadAheadStart>(
  (port, start) => void run(port, start),
  // What a DuckDB read loads: the reader's code, its vector copies, and DuckDB's instance.
  () =>
    void Promise.all([
      import('./dataset-reader'),
      import('./vector-copy'),
      import('./duckdb-engine').then(({ warmDuckDb }) => warmDuckDb()),
    ]).catch(() => undefined),
);
