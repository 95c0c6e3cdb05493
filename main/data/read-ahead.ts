/**
 * Chunks of a data file read on a worker thread, a few chunks ahead of the scoring loop, so DuckDB
 * parses the next chunks while ONNX Runtime (which blocks the thread that calls it) scores this
 * one. The chunks are the same as DuckDbDatasetReader's; errors arrive as the same payloads.
 *
 * The caller finds the worker's script (main/data/data-worker.ts); without one it reads on its own thread.
 */
import { errorFromPayload } from '../../contract/errors';
import { startDataWorker } from './data-worker';
import type { ColumnRequest, DataChunk, DatasetInfo } from '../../contract/data-types';
import type { FromWorker, ReadAheadStart } from './read-ahead-protocol';

/** Chunks the worker may read ahead: enough to keep DuckDB busy, few enough to keep memory flat. */
export const READ_AHEAD_DEPTH = 3;

export async function* readAhead(
  info: DatasetInfo,
  header: readonly string[],
  columns: ReadonlyMap<string, ColumnRequest>,
  chunkRows: number,
  script: string,
  rows: ReadAheadStart['rows'] = { skip: 0 },
): AsyncGenerator<DataChunk> {
  const start: ReadAheadStart = {
    info,
    header,
    columns: [...columns],
    chunkRows,
    rows,
    depth: READ_AHEAD_DEPTH,
  };
  const worker = startDataWorker(script, start);
  const queue: FromWorker[] = [];
  let wake: (() => void) | null = null;
  const push = (message: FromWorker) => {
    queue.push(message);
    wake?.();
    wake = null;
  };
  worker.on('message', push);
  worker.on('error', (error) =>
    push({
      type: 'error',
      error: {
        code: 'internal',
        message: `Reading ${info.path} stopped unexpectedly.`,
        detail: error.message,
      },
    }),
  );
  worker.on('exit', (code) => {
    if (code !== 0)
      push({ type: 'error', error: { code: 'internal', message: `Reading ${info.path} stopped.` } });
  });
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift()!;
      if (message.type === 'done') return;
      if (message.type === 'error') {
        throw errorFromPayload(message.error);
      }
      worker.postMessage({ type: 'consumed' });
      yield message.chunk;
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
