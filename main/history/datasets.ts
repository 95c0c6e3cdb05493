import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { StudioError } from '../../contract/errors';
import type { ColumnSchema, DataFormat } from '../../contract/data-types';
import { fromJson, toJson } from './json';
import type { DatasetInput, DatasetRecord } from '../../contract/history-types';

/** Bytes hashed at each end of the file: enough to notice an edit or a re-export, cheap on gigabytes. */
const FINGERPRINT_SPAN = 1024 * 1024;

/**
 * A cheap identity for a data file that may be gigabytes: size, modification time, and a sha256
 * over its first and last MiB. Hashing the whole file would cost as much as parsing it; a change
 * in the middle that keeps size and mtime goes unnoticed, which is accepted.
 */
export async function datasetFingerprint(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const stat = await handle.stat();
    const hash = createHash('sha256');
    const headLength = Math.min(FINGERPRINT_SPAN, stat.size);
    hash.update(await readAt(handle, 0, headLength));
    // The tail starts after the head, so small files are hashed once, not twice.
    const tailStart = Math.max(headLength, stat.size - FINGERPRINT_SPAN);
    hash.update(await readAt(handle, tailStart, stat.size - tailStart));
    return `v1:${stat.size}:${Math.trunc(stat.mtimeMs)}:${hash.digest('hex')}`;
  } finally {
    await handle.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break; // the file shrank while we read; hash what is there
    done += bytesRead;
  }
  return buffer.subarray(0, done);
}

/**
 * Records a data file and returns its id. Same path and fingerprint → the same dataset (columns
 * and a row count learned later are added to it); a changed file is a new dataset.
 */
export function upsertDataset(
  db: Database,
  input: DatasetInput,
  now: string = new Date().toISOString(),
): number {
  const row = db
    .prepare(
      `INSERT INTO datasets (path, size_bytes, fingerprint, format, columns_json, row_count, first_seen_at, last_seen_at)
       VALUES (@path, @sizeBytes, @fingerprint, @format, @columns, @rowCount, @now, @now)
       ON CONFLICT (path, fingerprint) DO UPDATE SET
         format = excluded.format,
         -- A caller that has not read the schema yet passes no columns: keep what is known.
         columns_json = CASE WHEN excluded.columns_json = '[]' THEN columns_json ELSE excluded.columns_json END,
         row_count = coalesce(excluded.row_count, row_count),
         last_seen_at = excluded.last_seen_at
       RETURNING id`,
    )
    .get({
      path: path.resolve(input.path),
      sizeBytes: input.sizeBytes,
      fingerprint: input.fingerprint,
      format: input.format,
      columns: toJson(input.columns),
      rowCount: input.rowCount ?? null,
      now,
    }) as { id: number };
  return row.id;
}

interface DatasetRow {
  id: number;
  path: string;
  size_bytes: number;
  fingerprint: string;
  format: string;
  columns_json: string;
  row_count: number | null;
  first_seen_at: string;
  last_seen_at: string;
}

function datasetFromRow(row: DatasetRow): DatasetRecord {
  return {
    id: row.id,
    path: row.path,
    sizeBytes: row.size_bytes,
    fingerprint: row.fingerprint,
    format: row.format as DataFormat,
    columns: fromJson<ColumnSchema[]>(row.columns_json),
    rowCount: row.row_count,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}

export function getDataset(db: Database, id: number): DatasetRecord {
  const row = db.prepare(`SELECT * FROM datasets WHERE id = ?`).get(id) as DatasetRow | undefined;
  if (!row)
    throw new StudioError('not_found', `No dataset ${id} in the history ${db.name}`, { file: db.name });
  return datasetFromRow(row);
}
