import type { Database } from 'better-sqlite3';
import { StudioError } from '../../contract/errors';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';

export interface MigrationResult {
  from: number;
  to: number;
  /** Names of the migrations applied now, in order; empty when the schema was current. */
  applied: string[];
}

/** Reads the schema version SQLite keeps in the file header. */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The message for a database written by a newer Ensemble Studio: names the file and both versions. */
export function newerSchemaError(
  file: string,
  found: number,
  known: number,
  appVersion?: string,
): StudioError {
  const us = appVersion ? `Ensemble Studio ${appVersion}` : 'this Ensemble Studio';
  return new StudioError(
    'history',
    `The history ${file} has schema version ${found}, but ${us} knows schema versions up to ${known}: ` +
      'it was written by a newer Ensemble Studio. It was left untouched; use that version, or another ' +
      'history file (--history).',
    { file },
  );
}

/**
 * Brings the schema up to date: every pending migration in ONE immediate transaction, then the
 * new user_version in the same transaction, so a crash or a failing step leaves the file exactly
 * as it was. A database newer than `migrations` is refused (the transaction writes nothing).
 */
export function migrate(
  db: Database,
  options: { appVersion?: string; migrations?: readonly Migration[] } = {},
): MigrationResult {
  const migrations = options.migrations ?? MIGRATIONS;
  checkSequence(migrations);
  const latest = migrations.at(-1)?.version ?? 0;

  // IMMEDIATE takes the write lock up front: two processes opening a fresh file at once
  // serialise here (busy_timeout) instead of both reading version 0 and migrating twice.
  const run = db.transaction((): MigrationResult => {
    const from = schemaVersion(db);
    if (from > latest) throw newerSchemaError(db.name, from, latest, options.appVersion);
    const pending = migrations.filter((m) => m.version > from);
    for (const migration of pending) migration.up(db);
    if (pending.length > 0) {
      // user_version lives in the file header and is part of this transaction.
      db.pragma(`user_version = ${latest}`);
      if (options.appVersion) recordMigratedBy(db, options.appVersion);
    }
    return { from, to: Math.max(from, latest), applied: pending.map((m) => m.name) };
  });
  return run.immediate();
}

function recordMigratedBy(db: Database, appVersion: string): void {
  db.prepare(
    `INSERT INTO meta (key, value) VALUES ('migrated_by_app_version', ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(appVersion);
}

/** A gap or a duplicate would silently skip or repeat a step on somebody's database. */
function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new StudioError(
        'internal',
        `Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
}
