import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { StudioError } from '../../contract/errors';
import type { ModelInfo } from '../../contract/model-types';
import { fromJson, toJson } from './json';
import type { ModelRecord, ModelSignature } from '../../contract/history-types';

/**
 * Records a model file as inspected and returns its id. The same bytes at the same path are one
 * model (its last-seen time and what was detected are refreshed); changed bytes are a new model,
 * so runs that used the old ones still name exactly what they ran.
 */
export function upsertModel(db: Database, info: ModelInfo, now: string = new Date().toISOString()): number {
  const signature: ModelSignature = {
    irVersion: info.irVersion,
    opsets: info.opsets,
    inputs: info.inputs,
    outputs: info.outputs,
    originalOutputs: info.originalOutputs,
  };
  const producer = [info.producer.name, info.producer.version].filter(Boolean).join(' ');
  const row = db
    .prepare(
      `INSERT INTO models (path, sha256, size_bytes, signature_json, producer, detected_json, first_seen_at, last_seen_at)
       VALUES (@path, @sha256, @sizeBytes, @signature, @producer, @detected, @now, @now)
       ON CONFLICT (path, sha256) DO UPDATE SET
         size_bytes = excluded.size_bytes,
         signature_json = excluded.signature_json,
         producer = excluded.producer,
         detected_json = excluded.detected_json,
         last_seen_at = excluded.last_seen_at
       RETURNING id`,
    )
    .get({
      path: path.resolve(info.path),
      sha256: info.sha256,
      sizeBytes: info.sizeBytes,
      signature: toJson(signature),
      producer,
      detected: toJson(info.detected),
      now,
    }) as { id: number };
  return row.id;
}

interface ModelRow {
  id: number;
  path: string;
  sha256: string;
  size_bytes: number;
  signature_json: string;
  producer: string;
  detected_json: string;
  first_seen_at: string;
  last_seen_at: string;
}

export function getModel(db: Database, id: number): ModelRecord {
  const row = db.prepare(`SELECT * FROM models WHERE id = ?`).get(id) as ModelRow | undefined;
  if (!row) throw new StudioError('not_found', `No model ${id} in the history ${db.name}`, { file: db.name });
  return {
    id: row.id,
    path: row.path,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    signature: fromJson(row.signature_json),
    producer: row.producer,
    detected: fromJson(row.detected_json),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}
