import type { Database } from 'better-sqlite3';
import { StudioError } from '../../contract/errors';
import { fromJson, toJson } from './json';
import type { MetricInput, MetricRecord } from '../../contract/history-types';

/**
 * Records metrics of a run (scope 'ensemble' or a member name). Recording a metric again replaces
 * its value but keeps its place, so metrics read back in the order they were first recorded.
 */
export function recordMetrics(db: Database, runId: number, rows: readonly MetricInput[]): void {
  const upsert = db.prepare(
    `INSERT INTO metrics (run_id, scope, name, value) VALUES (?, ?, ?, ?)
     ON CONFLICT (run_id, scope, name) DO UPDATE SET value = excluded.value`,
  );
  db.transaction(() => {
    // NaN would be stored as NULL by SQLite anyway; say so explicitly.
    for (const row of rows)
      upsert.run(runId, row.scope, row.name, Number.isNaN(row.value) ? null : row.value);
  })();
}

export function getMetrics(db: Database, runId: number): MetricRecord[] {
  return db
    .prepare(`SELECT scope, name, value FROM metrics WHERE run_id = ? ORDER BY rowid`)
    .all(runId) as MetricRecord[];
}

/** Stores a named JSON document of a run (ROC points, confusion matrix, trajectory …), replacing one of that name. */
export function recordArtifact(db: Database, runId: number, name: string, json: unknown): void {
  if (json === undefined)
    throw new StudioError('bad_input', `Artifact "${name}" has no value`, { field: name });
  db.prepare(
    `INSERT INTO run_artifacts (run_id, name, json) VALUES (?, ?, ?)
     ON CONFLICT (run_id, name) DO UPDATE SET json = excluded.json`,
  ).run(runId, name, toJson(json));
}

export function listArtifacts(db: Database, runId: number): string[] {
  const rows = db.prepare(`SELECT name FROM run_artifacts WHERE run_id = ? ORDER BY rowid`).all(runId) as {
    name: string;
  }[];
  return rows.map((row) => row.name);
}

export function getArtifact<T = unknown>(db: Database, runId: number, name: string): T {
  const row = db.prepare(`SELECT json FROM run_artifacts WHERE run_id = ? AND name = ?`).get(runId, name) as
    { json: string } | undefined;
  if (!row) {
    throw new StudioError('not_found', `Run ${runId} has no artifact "${name}" in the history ${db.name}`, {
      file: db.name,
    });
  }
  return fromJson<T>(row.json);
}
