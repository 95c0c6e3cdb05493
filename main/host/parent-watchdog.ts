/**
 * Ends the engine host when the process that started it is gone (kill -9 of the CLI, a crashed
 * app). The IPC channel's `disconnect` event cannot be relied on for this: while the main thread
 * is inside a long `session.run` no event is handled, and the host would keep burning CPU for
 * no one. A worker thread has its own event loop, so it keeps watching, and it kills the whole
 * process (the blocked main thread cannot exit by itself). Our temp files are left behind and
 * removed at the next start (history/leftovers.ts).
 */
import { Worker } from 'node:worker_threads';

/** How often the watchdog looks at its parent. */
const POLL_MS = 500;

// Plain JavaScript run by the worker (eval): nothing to resolve or transpile in the host's bundle.
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
function parentGone() {
  // Orphans are adopted by init or a subreaper, so the parent pid changes when the parent dies.
  if (process.ppid !== workerData.parentPid) return true;
  try {
    process.kill(workerData.parentPid, 0);
    return false;
  } catch (error) {
    return error.code !== 'EPERM';
  }
}
setInterval(() => {
  if (parentGone()) process.kill(process.pid, 'SIGKILL');
}, workerData.pollMs);
`;

let watching = false;

/** Starts the watchdog (once per process) for the parent `parentPid`. */
export function watchParent(parentPid: number): void {
  if (watching) return;
  watching = true;
  if (!Number.isInteger(parentPid) || parentPid <= 1) return; // already orphaned or no parent to watch
  const worker = new Worker(WATCHDOG_SOURCE, { eval: true, workerData: { parentPid, pollMs: POLL_MS } });
  // The watchdog never keeps the host alive: the host exits when its job ends, as before.
  worker.unref();
}
