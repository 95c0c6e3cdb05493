/**
 * Removes temp files that runs of a dead process left beside their outputs. A job writes aside
 * under a hidden name, `.NAME.partial-PID-RAND` (plus, for Parquet, a staging database
 * `….staging.duckdb` with its `.wal` and `.tmp` folder), and renames or removes it when it ends;
 * a process killed with SIGKILL does neither. The next start looks in the output folders of runs
 * that did not succeed and removes what belongs to a process that no longer runs. Best effort:
 * a folder that cannot be read is skipped.
 */
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { isProcessAlive } from './owner';
import { recordedWrites } from './runs';

/** How many recent unfinished or failed runs are looked at: enough for any crash, cheap to open. */
const RECENT_RUNS = 200;

const TEMP_NAME = /^\.(.+)\.partial-(\d+)-[0-9a-f]+(?:\.staging\.duckdb(?:\.wal|\.tmp)?)?$/;

/** Removes leftovers; returns the paths removed. */
export function removeLeftovers(db: Database, isAlive: (pid: number) => boolean = isProcessAlive): string[] {
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
