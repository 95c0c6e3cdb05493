import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../contract/errors';
import { migrate, schemaVersion } from '../../../main/history/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../main/history/migrations';
import type { Migration } from '../../../main/history/migrations/migration';
import { defaultHistoryPath, openHistory } from '../../../main/history/open-history';
import { sha256File, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function schemaSql(db: Sqlite.Database): string[] {
  const rows = db.prepare(`SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name`).all() as {
    sql: string;
  }[];
  return rows.map((r) => r.sql);
}

describe('openHistory', () => {
  it('creates folders and migrates an empty file to the latest schema', () => {
    const file = path.join(dir, 'nested', 'deeper', 'history.sqlite');
    const db = openHistory(file, { appVersion: '0.1.0' });
    try {
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      const tables = (
        db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as {
          name: string;
        }[]
      ).map((r) => r.name);
      expect(tables).toEqual(
        expect.arrayContaining([
          'datasets',
          'ensemble_versions',
          'ensembles',
          'meta',
          'metrics',
          'models',
          'run_artifacts',
          'run_members',
          'runs',
        ]),
      );
      const migratedBy = db.prepare(`SELECT value FROM meta WHERE key = 'migrated_by_app_version'`).get();
      expect(migratedBy).toEqual({ value: '0.1.0' });
    } finally {
      db.close();
    }
  });

  it('reopening a current database changes nothing', () => {
    const file = path.join(dir, 'history.sqlite');
    const first = openHistory(file);
    const before = schemaSql(first);
    first.close();

    const second = openHistory(file);
    try {
      expect(schemaSql(second)).toEqual(before);
      expect(migrate(second)).toEqual({
        from: LATEST_SCHEMA_VERSION,
        to: LATEST_SCHEMA_VERSION,
        applied: [],
      });
    } finally {
      second.close();
    }
  });

  /** Writes a database as a newer app would: a schema version above ours, a running run. */
  function writeNewerDatabase(file: string, journalMode: 'wal' | 'delete'): Sqlite.Database {
    const newer = new Sqlite(file);
    newer.pragma(`journal_mode = ${journalMode}`);
    newer.pragma('wal_autocheckpoint = 0'); // keep what follows in the WAL while the connection lives
    newer.exec(`CREATE TABLE runs (id INTEGER PRIMARY KEY, status TEXT);
                INSERT INTO runs (status) VALUES ('running');`);
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 41}`);
    return newer;
  }

  function expectRefusal(file: string): void {
    let thrown: unknown;
    try {
      openHistory(file, { appVersion: '0.1.0' }).close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StudioError);
    const error = thrown as StudioError;
    expect(error.code).toBe('history');
    expect(error.location?.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 41}`);
    expect(error.message).toContain(`up to ${LATEST_SCHEMA_VERSION}`);
    expect(error.message).toContain('0.1.0');
  }

  it.each(['wal', 'delete'] as const)(
    'refuses a database from a newer version without writing to it (journal %s)',
    (journalMode) => {
      const file = path.join(dir, 'history.sqlite');
      writeNewerDatabase(file, journalMode).close();
      const bytes = sha256File(file);
      const entries = fs.readdirSync(dir).sort();

      expectRefusal(file);
      expect(sha256File(file)).toBe(bytes);
      expect(fs.readdirSync(dir).sort()).toEqual(entries); // not even a -wal or -shm beside it
    },
  );

  it('refuses a newer version that is still only in the WAL, leaving the file as it was', () => {
    const file = path.join(dir, 'history.sqlite');
    const newer = writeNewerDatabase(file, 'wal');
    try {
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      const bytes = sha256File(file);
      const walBytes = sha256File(`${file}-wal`);
      expectRefusal(file);
      expect(sha256File(file)).toBe(bytes);
      expect(sha256File(`${file}-wal`)).toBe(walBytes);
    } finally {
      newer.close();
    }
  });

  it('reports a file that is not a database as a history error naming it', () => {
    const file = path.join(dir, 'history.sqlite');
    fs.writeFileSync(file, 'this is not sqlite, just text that is long enough to have a header'.repeat(20));
    const bytes = sha256File(file);
    expect(() => openHistory(file)).toThrow(
      expect.objectContaining({ code: 'history', location: { file } }) as unknown as Error,
    );
    expect(sha256File(file)).toBe(bytes);
  });
});

describe('migrate', () => {
  it('runs pending migrations in one transaction: a failing step leaves nothing behind', () => {
    const db = new Sqlite(path.join(dir, 'history.sqlite'));
    try {
      const failing: Migration = {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        up(inner) {
          inner.exec('CREATE TABLE half_done (id INTEGER)');
          throw new Error('boom');
        },
      };
      expect(() => migrate(db, { migrations: [...MIGRATIONS, failing] })).toThrow('boom');
      expect(schemaVersion(db)).toBe(0);
      expect(db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('applies only what is pending', () => {
    const db = new Sqlite(path.join(dir, 'history.sqlite'));
    try {
      expect(migrate(db).applied).toEqual(MIGRATIONS.map((m) => m.name));
      const second: Migration = {
        version: MIGRATIONS.length + 1,
        name: 'add-notes',
        up: (inner) => inner.exec('ALTER TABLE runs ADD COLUMN notes TEXT'),
      };
      expect(migrate(db, { migrations: [...MIGRATIONS, second] })).toEqual({
        from: MIGRATIONS.length,
        to: MIGRATIONS.length + 1,
        applied: ['add-notes'],
      });
      expect(schemaVersion(db)).toBe(MIGRATIONS.length + 1);
    } finally {
      db.close();
    }
  });

  it('refuses migrations with a gap in their numbers', () => {
    const db = new Sqlite(':memory:');
    try {
      const gap: Migration = { version: MIGRATIONS.length + 2, name: 'gap', up: () => undefined };
      expect(() => migrate(db, { migrations: [...MIGRATIONS, gap] })).toThrow(/expected/);
      expect(schemaVersion(db)).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('defaultHistoryPath', () => {
  const home = '/home/ana';
  it('prefers ENSEMBLE_STUDIO_HOME', () => {
    expect(defaultHistoryPath({ ENSEMBLE_STUDIO_HOME: '/data/es' }, 'linux', home)).toBe(
      '/data/es/history.sqlite',
    );
  });
  it('uses the platform per-user data folder', () => {
    expect(defaultHistoryPath({}, 'linux', home)).toBe(
      '/home/ana/.local/share/ensemble-studio/history.sqlite',
    );
    expect(defaultHistoryPath({ XDG_DATA_HOME: '/xdg' }, 'linux', home)).toBe(
      '/xdg/ensemble-studio/history.sqlite',
    );
    expect(defaultHistoryPath({ XDG_DATA_HOME: 'relative' }, 'linux', home)).toBe(
      '/home/ana/.local/share/ensemble-studio/history.sqlite',
    );
    expect(defaultHistoryPath({}, 'darwin', '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/Ensemble Studio/history.sqlite',
    );
    expect(
      defaultHistoryPath({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana'),
    ).toBe('C:\\Users\\ana\\AppData\\Roaming\\Ensemble Studio\\history.sqlite');
  });
});
