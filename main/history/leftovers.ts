/**
 * Removes temp files that runs of a dead process left beside their outputs. A job writes aside
 * under a hidden name, `.NAME.partial-PID-RAND`, and renames or removes it when it ends (builds
 * before 2026-12 also staged Parquet rows in `….staging.duckdb`, its `.wal` and `.tmp` folder);
 * a process killed with SIGKILL does neither. The next start looks in the output folders of runs
 * that did not succeed and removes what belongs to a process that no longer runs. Best effort:
 * a folder that cannot be read is skipped.
 *
 * A resumable score's partial output, `.NAME.partial-resume` with its `.ckpt.json`, is kept for
 * `score --resume` (main/shards/checkpoint.ts): it is removed here only once it has not been
 * touched for RESUMABLE_DAYS.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { isProcessAlive } from './owner';
import { recordedWrites } from './runs';

/** How many recent unfinished or failed runs are looked at: enough for any crash, cheap to open. */
const RECENT_RUNS = 200;

/** How long an interrupted run's partial output waits for `score --resume`. */
export const RESUMABLE_DAYS = 7;

/** `.NAME.partial-resume` or its checkpoint (main/shards/checkpoint.ts names them): NAME, or null. */
function resumableOutputName(entry: string): string | null {
  return /^\.(.+)\.partial-resume(?:\.ckpt\.json)?$/.exec(entry)?.[1] ?? null;
}

const TEMP_NAME = /^\.(.+)\.partial-(\d+)-[0-9a-f]+(?:\.staging\.duckdb(?:\.wal|\.tmp)?)?$/;

/** Removes leftovers; returns the paths removed. */
export function removeLeftovers(
  db: Database,
  isAlive: (pid: number) => boolean = isProcessAlive,
  now: number = Date.now(),
): string[] {
  const targets = outputsOfUnfinishedRuns(db);
  const byFolder = new Map<string, Set<string>>();
  for (const target of targets) {
    const names = byFolder.get(dirname(target)) ?? new Set<string>();
    names.add(basename(target));
    byFolder.set(dirname(target), names);
  }
  const removed: string[] = [];
  for (const [folder, names] of byFolder) {
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch {
      continue;
    }
    for (const entry of entries) {
      const resumableOf = resumableOutputName(entry);
      if (resumableOf !== null) {
        if (names.has(resumableOf) && isStale(join(folder, entry), now)) {
          rmSync(join(folder, entry), { force: true });
          removed.push(join(folder, entry));
        }
        continue;
      }
      const match = TEMP_NAME.exec(entry);
      if (!match || !names.has(match[1]!)) continue;
      const pid = Number(match[2]);
      if (pid === process.pid || isAlive(pid)) continue;
      try {
        rmSync(join(folder, entry), { recursive: true, force: true });
        removed.push(join(folder, entry));
      } catch {
        // Left for the next start.
      }
    }
  }
  return removed;
}

function isStale(path: string, now: number): boolean {
  try {
    return now - statSync(path).mtimeMs > RESUMABLE_DAYS * 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

/** The files recent runs that did not succeed were writing (as recorded when they started). */
function outputsOfUnfinishedRuns(db: Database): string[] {
  const rows = db
    .prepare(
      `SELECT params_json, output_path FROM runs
       WHERE status IN ('running', 'interrupted', 'failed', 'cancelled')
       ORDER BY id DESC LIMIT ?`,
    )
    .all(RECENT_RUNS) as { params_json: string; output_path: string | null }[];
  const targets = new Set<string>();
  for (const row of rows) {
    if (row.output_path) targets.add(row.output_path);
    for (const written of recordedWrites(row.params_json)) targets.add(written);
  }
  return [...targets];
}
