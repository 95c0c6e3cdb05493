/**
 * The saved workspace: one JSON document per name, written whole. The engine stores it and hands
 * it back; what it holds is the renderer's business.
 */
import type { Database } from 'better-sqlite3';
import { StudioError } from '../../contract/errors';
import type { WorkspaceState } from '../../contract/contract';

/** A workspace is a handful of paths and a draft; anything near this size is a bug, not a workspace. */
export const MAX_WORKSPACE_BYTES = 4 * 1024 * 1024;

export function loadWorkspace(
  db: Database,
  name = 'default',
): { state: WorkspaceState | null; savedAt: string | null } {
  const row = db.prepare(`SELECT json, saved_at FROM workspace WHERE name = ?`).get(name) as
    { json: string; saved_at: string } | undefined;
  if (!row) return { state: null, savedAt: null };
  try {
    return { state: JSON.parse(row.json) as WorkspaceState, savedAt: row.saved_at };
  } catch {
    // A damaged workspace must not stop the app from opening: start from an empty one.
    return { state: null, savedAt: null };
  }
}

export function saveWorkspace(
  db: Database,
  state: WorkspaceState,
  name = 'default',
  now: string = new Date().toISOString(),
): { savedAt: string } {
  const json = JSON.stringify(state);
  if (Buffer.byteLength(json) > MAX_WORKSPACE_BYTES) {
    throw new StudioError(
      'bad_input',
      `The workspace is too large to save (${Math.round(Buffer.byteLength(json) / 1024)} KiB; the limit is ${MAX_WORKSPACE_BYTES / 1024} KiB).`,
      { field: 'state' },
    );
  }
  db.prepare(
    `INSERT INTO workspace (name, json, saved_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET json = excluded.json, saved_at = excluded.saved_at`,
  ).run(name, json, now);
  return { savedAt: now };
}
