import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3';
import { StudioError } from '../../contract/errors';
import { migrate, newerSchemaError, schemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { recoverInterruptedRuns } from './recover';
import { removeLeftovers } from './leftovers';

export { defaultHistoryPath } from './default-path';

export interface OpenHistoryOptions {
  /** This app's version: named when a newer database is refused, and recorded by migrations. */
  appVersion?: string;
}

/** How long a write waits for another process (the app and a CLI at once) before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating when needed) the history database at `file`, ready for the query functions:
 * WAL with synchronous=FULL (a finished run survives power loss), foreign keys on, schema
 * migrated, runs orphaned by a crashed process marked interrupted, and the temp files they left
 * beside their outputs removed. A database written by a
 * newer Ensemble Studio is refused before anything is written to it.
 */
export function openHistory(file: string, options: OpenHistoryOptions = {}): Database {
  const inMemory = file === ':memory:';
  const location = inMemory ? file : path.resolve(file);
  if (!inMemory) {
    if (isFolder(location)) {
      throw new StudioError(
        'history',
        `The history ${location} is a folder: give a file path for the history (for example ${path.join(location, 'history.sqlite')})`,
        { file: location },
      );
    }
    try {
      fs.mkdirSync(path.dirname(location), { recursive: true });
    } catch (error) {
      throw asHistoryError(error, location);
    }
    refuseNewerSchema(location, options.appVersion);
  }

  const db = connect(location);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, options);
    recoverInterruptedRuns(db);
    if (!inMemory) removeLeftovers(db);
    return db;
  } catch (error) {
    db.close();
    throw asHistoryError(error, location);
  }
}

/**
 * A newer app's database must stay exactly as it was, so its version is read without a read-write
 * connection: those write as soon as they start (switching to WAL rewrites the header; closing
 * checkpoints a leftover WAL into the file). user_version is in the file header; only when a WAL
 * with content sits beside the file can the header be stale, and then a read-only connection
 * reads the true value (it cannot checkpoint; the WAL and its index already exist).
 */
function refuseNewerSchema(file: string, appVersion: string | undefined): void {
  const headerVersion = readHeaderUserVersion(file);
  if (headerVersion === undefined) return; // new, empty, or not a database: the normal open decides
  const found = walHasContent(file) ? readOnlyUserVersion(file) : headerVersion;
  if (found !== undefined && found > LATEST_SCHEMA_VERSION) {
    throw newerSchemaError(file, found, LATEST_SCHEMA_VERSION, appVersion);
  }
}

const SQLITE_MAGIC = 'SQLite format 3\0';
/** Offset of user_version in the 100-byte database header (big-endian 32-bit). */
const USER_VERSION_OFFSET = 60;

function readHeaderUserVersion(file: string): number | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const header = Buffer.alloc(100);
    const read = fs.readSync(fd, header, 0, header.length, 0);
    if (read < header.length || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) return undefined;
    return header.readInt32BE(USER_VERSION_OFFSET);
  } finally {
    fs.closeSync(fd);
  }
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function walHasContent(file: string): boolean {
  try {
    return fs.statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
}

function readOnlyUserVersion(file: string): number | undefined {
  let db: Database | undefined;
  try {
    db = new Sqlite(file, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return schemaVersion(db);
  } catch {
    return undefined; // left to the read-write open, which reports it with the file's name
  } finally {
    db?.close();
  }
}

function connect(file: string): Database {
  try {
    return new Sqlite(file);
  } catch (error) {
    throw asHistoryError(error, file);
  }
}

/** SQLite's own errors ("file is not a database", "database is locked") gain the file's name. */
function asHistoryError(error: unknown, file: string): StudioError {
  if (error instanceof StudioError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new StudioError('history', `Cannot open the history ${file}: ${reason}`, { file });
}
