import Database from 'better-sqlite3';

/** Reads a history file directly (read-only), as an independent check of what the app wrote. */
export function readRuns(
  path: string,
): { id: number; kind: string; status: string; error_json: string | null }[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT * FROM runs ORDER BY id').all() as never;
  } finally {
    db.close();
  }
}

export function integrityCheck(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
  } finally {
    db.close();
  }
}
