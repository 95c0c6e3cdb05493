/**
 * Chunks of a data file read on a worker thread, a few chunks ahead of the scoring loop, so DuckDB
 * parses the next chunks while ONNX Runtime (which blocks the thread that calls it) scores this
 * one. The chunks are the same as DuckDbDatasetReader's; errors arrive as the same payloads.
 *
 * The worker's script is the built JavaScript beside this module's bundle (out/cli, out/main); run
 * from TypeScript sources (a checkout's tests), reading stays on this thread.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WORKER_LIMITS } from './worker-limits';
import { StudioError } from '../../contract/errors';
import type { ColumnRequest, DataChunk, DatasetInfo } from '../../contract/data-types';
import type { FromWorker, ReadAheadStart } from './read-ahead-protocol';

/** Chunks the worker may read ahead: enough to keep DuckDB busy, few enough to keep memory flat. */
export const READ_AHEAD_DEPTH = 3;

export function workerScript(): { path: string; execArgv: string[] } | null {
  // For measuring the difference (npm run bench): ENSEMBLE_STUDIO_READ_AHEAD=0 reads on this thread.
  if (process.env.ENSEMBLE_STUDIO_READ_AHEAD === '0') return null;
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'read-ahead-worker.js');
  // Only built JavaScript runs in a worker thread: TypeScript sources (a checkout's tests under
  // tsx or vitest) work on this thread, which gives the same chunks and bytes.
  return existsSync(built) ? { path: built, execArgv: [] } : null;
}

export async function* readAhead(
  info: DatasetInfo,
  header: readonly string[],
  columns: ReadonlyMap<string, ColumnRequest>,
  chunkRows: number,
  script: { path: string; execArgv: string[] },
): AsyncGenerator<DataChunk> {
  const start: ReadAheadStart = {
    info,
    header,
    columns: [...columns],
    chunkRows,
    depth: READ_AHEAD_DEPTH,
  };
  const worker = new Worker(script.path, {
    workerData: start,
    execArgv: script.execArgv,
    resourceLimits: WORKER_LIMITS,
  });
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
        const { code, message: text, location, detail } = message.error;
        throw new StudioError(code, text, location, detail);
      }
      worker.postMessage({ type: 'consumed' });
      yield message.chunk;
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
