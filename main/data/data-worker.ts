/**
 * The data layer's worker threads (read-ahead, write-behind): where their script is and how they
 * start. Only built JavaScript runs in a worker: the script is the bundle's sibling (out/cli,
 * out/main); run from TypeScript sources (a checkout's tests), the caller stays on its own thread,
 * which gives the same chunks and bytes.
 *
 * A worker learns its job from its first message, so it can be started before there is a job:
 * the engine host parks one of each while it loads (prewarmDataWorkers), and the first job takes
 * them with their start-up already done.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker, type MessagePort } from 'node:worker_threads';
import { knownFormatOfPath } from './format';

/**
 * Heap limits: a worker's working set is a few chunks; V8's default young generation would let each
 * keep tens of MB of garbage resident, which shows in the engine host's peak memory.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 } as const;

interface StartMessage<T> {
  type: 'start';
  start: T;
}

/** Sent to a parked worker before its start: load now what the job will need (DuckDB, ZSTD). */
interface WarmMessage {
  type: 'warm';
}

/** Started workers waiting for a job, by script. */
const parked = new Map<string, Worker>();

/**
 * The built worker script `name.js` beside this module's bundle, or null: none built, or switched off
 * by `ENSEMBLE_STUDIO_<SWITCH>=0` (npm run bench compares with and without).
 */
function builtWorkerScript(name: string, envSwitch: string): string | null {
  if (process.env[`ENSEMBLE_STUDIO_${envSwitch}`] === '0') return null;
  const built = join(dirname(fileURLToPath(import.meta.url)), `${name}.js`);
  return existsSync(built) ? built : null;
}

/** The read-ahead worker's script (main/data/read-ahead-worker.ts), or null. */
export function readAheadScript(): string | null {
  return builtWorkerScript('read-ahead-worker', 'READ_AHEAD');
}

/** The write-behind worker's script (main/data/write-behind-worker.ts), or null. */
export function writeBehindScript(): string | null {
  return builtWorkerScript('write-behind-worker', 'WRITE_BEHIND');
}

/** Starts the read-ahead and write-behind workers now, for the next job to take. */
export function prewarmDataWorkers(): void {
  for (const script of [readAheadScript(), writeBehindScript()]) {
    if (!script || parked.has(script)) continue;
    const worker = new Worker(script, { resourceLimits: WORKER_LIMITS });
    // Waiting for a job must not keep the process alive; a worker that dies is not handed out.
    worker.unref();
    worker.once('exit', () => {
      if (parked.get(script) === worker) parked.delete(script);
    });
    parked.set(script, worker);
  }
}

/**
 * Tells the parked workers to load what a job's files need now: DuckDB for an input the fast CSV
 * path does not read (read-ahead), the Parquet writer and its ZSTD for a Parquet output
 * (write-behind). The engine host does this when the job arrives, so the libraries load on those
 * threads while the host opens the job's models, not after (~200 ms before a Parquet input's
 * first chunk).
 */
export function warmDataWorkersFor(files: { input: string | null; output: string | null }): void {
  const input = files.input === null ? null : knownFormatOfPath(files.input);
  if (input === 'parquet' || input === 'jsonl') warm(readAheadScript());
  if (files.output !== null && knownFormatOfPath(files.output) === 'parquet') warm(writeBehindScript());
}

function warm(script: string | null): void {
  if (script) parked.get(script)?.postMessage({ type: 'warm' } satisfies WarmMessage);
}

/** A worker running `script` for one job (a parked one when there is one), told its start. */
export function startDataWorker<T>(script: string, start: T): Worker {
  let worker = parked.get(script);
  parked.delete(script);
  if (worker) worker.ref();
  else worker = new Worker(script, { resourceLimits: WORKER_LIMITS });
  worker.postMessage({ type: 'start', start } satisfies StartMessage<T>);
  return worker;
}

/**
 * In a worker script: calls `begin` once, with the port to the starting thread and the job's
 * start. `begin` must add its own message listener before it awaits anything (the job's next
 * messages follow the start at once). `warm` runs when the worker is told to load ahead.
 */
export function onDataWorkerStart<T>(begin: (port: MessagePort, start: T) => void, warm: () => void): void {
  const port = parentPort;
  if (!port) return;
  const first = (message: StartMessage<T> | WarmMessage) => {
    if (message?.type === 'warm') warm();
    if (message?.type !== 'start') return;
    port.off('message', first);
    begin(port, message.start);
  };
  port.on('message', first);
}
