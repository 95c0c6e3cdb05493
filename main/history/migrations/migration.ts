import type { Database } from 'better-sqlite3';

/**
 * One step of the schema. A migration is frozen once released: later changes go into a new,
 * higher-numbered file, because databases out there already ran the old one.
 */
export interface Migration {
  /** The `user_version` the database has after this step; 1, 2, 3 … without gaps. */
  version: number;
  name: string;
  /** Runs inside migrate()'s transaction; must not open its own. */
  up(db: Database): void;
}
