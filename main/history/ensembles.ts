import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { EnsembleSpec } from '../../contract/ensemble-spec';
import { StudioError } from '../../contract/errors';
import { canonicalJson, fromJson } from './json';
import type { EnsembleVersionRecord, EnsembleVersionRef } from '../../contract/history-types';

/**
 * Records an ensemble spec and returns its ensemble and version. An ensemble is its name: two
 * spec files that share a name are versions of one ensemble, as the analyst sees them. A version
 * is one exact spec, compared by the sha256 of its canonical JSON, so scoring the same spec again
 * (from any file) reuses the version while any edit (a weight, a member, the combiner) makes the
 * next version number.
 */
/** The content hash the history keys an ensemble version by: sha256 of the spec's canonical JSON. */
export function specContentHash(spec: EnsembleSpec): string {
  return createHash('sha256').update(canonicalJson(spec)).digest('hex');
}

export function upsertEnsembleVersion(
  db: Database,
  spec: EnsembleSpec,
  specPath?: string | null,
  now: string = new Date().toISOString(),
): EnsembleVersionRef {
  const resolvedPath = specPath ? path.resolve(specPath) : null;
  const specJson = canonicalJson(spec);
  const specSha256 = specContentHash(spec);

  const upsert = db.transaction((): EnsembleVersionRef => {
    const ensembleId = ensureEnsemble(db, spec.name, resolvedPath, now);
    const existing = db
      .prepare(`SELECT id, version_number FROM ensemble_versions WHERE ensemble_id = ? AND spec_sha256 = ?`)
      .get(ensembleId, specSha256) as { id: number; version_number: number } | undefined;
    if (existing) return { ensembleId, versionId: existing.id, versionNumber: existing.version_number };

    const { next } = db
      .prepare(
        `SELECT coalesce(max(version_number), 0) + 1 AS next FROM ensemble_versions WHERE ensemble_id = ?`,
      )
      .get(ensembleId) as { next: number };
    const inserted = db
      .prepare(
        `INSERT INTO ensemble_versions (ensemble_id, version_number, spec_json, spec_sha256, created_at)
         VALUES (?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(ensembleId, next, specJson, specSha256, now) as { id: number };
    return { ensembleId, versionId: inserted.id, versionNumber: next };
  });
  // IMMEDIATE: two processes recording the same new spec must not both pick the same number.
  return upsert.immediate();
}

/**
 * The ensemble of this name. Histories from before versions were keyed by name may hold several
 * rows of one name (one per spec file); the oldest is the one that carries on.
 */
function ensureEnsemble(db: Database, name: string, specPath: string | null, now: string): number {
  const found = db.prepare(`SELECT id FROM ensembles WHERE name = ? ORDER BY id LIMIT 1`).get(name) as
    { id: number } | undefined;
  if (found) return found.id;
  const inserted = db
    .prepare(`INSERT INTO ensembles (name, spec_path, created_at) VALUES (?, ?, ?) RETURNING id`)
    .get(name, specPath, now) as { id: number };
  return inserted.id;
}

interface EnsembleVersionRow {
  version_id: number;
  ensemble_id: number;
  version_number: number;
  name: string;
  spec_path: string | null;
  spec_sha256: string;
  spec_json: string;
  created_at: string;
}

export function getEnsembleVersion(db: Database, versionId: number): EnsembleVersionRecord {
  const row = db
    .prepare(
      `SELECT v.id AS version_id, v.ensemble_id, v.version_number, e.name, e.spec_path,
              v.spec_sha256, v.spec_json, v.created_at
       FROM ensemble_versions v JOIN ensembles e ON e.id = v.ensemble_id
       WHERE v.id = ?`,
    )
    .get(versionId) as EnsembleVersionRow | undefined;
  if (!row) {
    throw new StudioError('not_found', `No ensemble version ${versionId} in the history ${db.name}`, {
      file: db.name,
    });
  }
  return {
    ensembleId: row.ensemble_id,
    versionId: row.version_id,
    versionNumber: row.version_number,
    name: row.name,
    specPath: row.spec_path,
    specSha256: row.spec_sha256,
    spec: fromJson<EnsembleSpec>(row.spec_json),
    createdAt: row.created_at,
  };
}
