import type { Migration } from './migration';

/**
 * The analyst's workspace (the renderer's open models, data file, builder draft and page inputs)
 * kept beside the runs, so a reload or restart finds it again; and the start time of a run's owner
 * process, so a run whose pid was reused by another process is still recognised as interrupted.
 */
export const workspaceAndOwnerStart: Migration = {
  version: 2,
  name: 'workspace-and-owner-start',
  up(db) {
    db.exec(`
      -- One row per workspace; the app keeps one, named 'default'. json is opaque to the engine.
      CREATE TABLE workspace (
        name       TEXT PRIMARY KEY,
        json       TEXT NOT NULL,
        saved_at   TEXT NOT NULL
      ) STRICT;

      -- When the owner process started (seconds since the epoch, as the OS reports it); NULL for
      -- runs recorded before this column existed or where the OS does not say.
      ALTER TABLE runs ADD COLUMN owner_started_at REAL;
    `);
  },
};
