/**
 * What the engine's non-job handlers (bundles, the scoring service, shard merges) get from the
 * engine: the history's path (never to be written over) and the outputs running jobs own.
 */
import type { Database } from 'better-sqlite3';

export interface EngineServices {
  db: Database;
  historyPath: string;
  /** Outputs of jobs now running: no other call may write them. */
  busyOutputs(): string[];
}
