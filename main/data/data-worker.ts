/**
 * The data layer's worker threads (read-ahead, write-behind): where their script is and how they
 * start. Only built JavaScript runs in a worker: the script is the bundle's sibling (out/cli,
 * out/main); run from TypeScript sources (a checkout's tests), the caller stays on its own thread,
 * which gives the same chunks and bytes.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Heap limits: a worker's working set is a few chunks; V8's default young generation would let each
 * keep tens of MB of garbage resident, which shows in the engine host's peak memory.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 } as const;

/**
 * The built worker script `name.js` beside this module's bundle, or null: none built, or switched off
 * by `ENSEMBLE_STUDIO_<SWITCH>=0` (npm run bench compares with and without).
 */
export function builtWorkerScript(name: string, envSwitch: string): string | null {
  if (process.env[`ENSEMBLE_STUDIO_${envSwitch}`] === '0') return null;
  const built = join(dirname(fileURLToPath(import.meta.url)), `${name}.js`);
  return existsSync(built) ? built : null;
}

export function startDataWorker(script: string, workerData: unknown): Worker {
  return new Worker(script, { workerData, resourceLimits: WORKER_LIMITS });
}
