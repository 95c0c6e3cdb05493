import type { Database } from 'better-sqlite3';
import type { StudioErrorPayload } from '../../contract/errors';
import { currentOwner, isOwnerAlive, isProcessAlive, processStartTime, type RunOwner } from './owner';
import { toJson } from './json';

export interface RecoverOptions {
  /** This process and machine; defaults to the real ones. */
  self?: RunOwner;
  isAlive?: (pid: number) => boolean;
  /** When a process started (seconds since the epoch); defaults to what the OS says. */
  startTimeOf?: (pid: number) => number | null;
  now?: string;
}

/**
 * Marks runs left `running` by a process that is gone (a crash, kill -9, power loss) as
 * `interrupted`, so the history never shows a run as running forever. A run whose owner is alive
 * on this machine (its pid, started when the run's owner started) is another window or CLI at
 * work and is left alone; a pid the OS has since given to another process does not count. A run owned by another host
 * cannot be checked from here and is treated as gone: the history is a per-user local file.
 * Returns the ids marked.
 */
export function recoverInterruptedRuns(db: Database, options: RecoverOptions = {}): number[] {
  const self = options.self ?? currentOwner();
  const isAlive = options.isAlive ?? isProcessAlive;
  const startTimeOf = options.startTimeOf ?? processStartTime;
  const now = options.now ?? new Date().toISOString();

  // Most opens find nothing to do: look before taking the write lock.
  const anyRunning = db.prepare(`SELECT 1 FROM runs WHERE status = 'running' LIMIT 1`).get();
  if (!anyRunning) return [];

  const mark = db.transaction((): number[] => {
    const running = db
      .prepare(
        `SELECT id, owner_pid AS pid, owner_host AS host, owner_started_at AS startedAt
         FROM runs WHERE status = 'running'`,
      )
      .all() as { id: number; pid: number | null; host: string | null; startedAt: number | null }[];
    const orphaned = running.filter(
      (run) =>
        run.host !== self.host ||
        run.pid === null ||
        !isOwnerAlive(run.pid, run.startedAt, isAlive, startTimeOf),
    );
    const update = db.prepare(
      `UPDATE runs SET status = 'interrupted', finished_at = ?, error_json = ?
       WHERE id = ? AND status = 'running'`,
    );
    for (const run of orphaned) update.run(now, toJson(interruptedError(run, now)), run.id);
    return orphaned.map((run) => run.id);
  });
  return mark.immediate();
}

function interruptedError(run: { pid: number | null; host: string | null }, now: string): StudioErrorPayload {
  const owner =
    run.pid === null ? 'its process' : `its process (pid ${run.pid} on ${run.host ?? 'unknown host'})`;
  return {
    code: 'internal',
    message: `The run was interrupted: ${owner} ended before finishing it; noticed at ${now}.`,
  };
}
