import type { Migration } from './migration';

/**
 * The first schema. Conventions: times are ISO-8601 UTC text (they sort as text); JSON columns end
 * in `_json`; paths are absolute. A model or data file whose bytes change gets a new row, so an old
 * run keeps pointing at exactly what it used.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      -- Facts about the database itself, e.g. which app version last migrated it, for diagnosing a
      -- file that reaches support.
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE models (
        id             INTEGER PRIMARY KEY,
        path           TEXT NOT NULL,
        sha256         TEXT NOT NULL,
        size_bytes     INTEGER NOT NULL,
        signature_json TEXT NOT NULL,
        producer       TEXT NOT NULL,
        detected_json  TEXT NOT NULL,
        first_seen_at  TEXT NOT NULL,
        last_seen_at   TEXT NOT NULL,
        UNIQUE (path, sha256)
      ) STRICT;
      CREATE INDEX models_sha256 ON models (sha256);

      CREATE TABLE datasets (
        id            INTEGER PRIMARY KEY,
        path          TEXT NOT NULL,
        size_bytes    INTEGER NOT NULL,
        fingerprint   TEXT NOT NULL,
        format        TEXT NOT NULL,
        columns_json  TEXT NOT NULL,
        row_count     INTEGER,
        first_seen_at TEXT NOT NULL,
        last_seen_at  TEXT NOT NULL,
        UNIQUE (path, fingerprint)
      ) STRICT;

      CREATE TABLE ensembles (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        spec_path  TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      -- NULLs never collide in a UNIQUE constraint, so an ensemble without a spec file is keyed on ''.
      CREATE UNIQUE INDEX ensembles_identity ON ensembles (name, coalesce(spec_path, ''));

      CREATE TABLE ensemble_versions (
        id             INTEGER PRIMARY KEY,
        ensemble_id    INTEGER NOT NULL REFERENCES ensembles (id) ON DELETE CASCADE,
        version_number INTEGER NOT NULL,
        spec_json      TEXT NOT NULL,
        spec_sha256    TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        UNIQUE (ensemble_id, spec_sha256),
        UNIQUE (ensemble_id, version_number)
      ) STRICT;

      -- kind is checked in code, not here: a new kind must not need a table rebuild.
      CREATE TABLE runs (
        id                  INTEGER PRIMARY KEY,
        kind                TEXT NOT NULL,
        status              TEXT NOT NULL
          CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
        started_at          TEXT NOT NULL,
        finished_at         TEXT,
        ensemble_version_id INTEGER REFERENCES ensemble_versions (id),
        dataset_id          INTEGER REFERENCES datasets (id),
        parent_run_id       INTEGER REFERENCES runs (id) ON DELETE SET NULL,
        produced_version_id INTEGER REFERENCES ensemble_versions (id),
        rows                INTEGER,
        rows_per_sec        REAL,
        provider_requested  TEXT,
        provider_used       TEXT,
        threads             INTEGER,
        app_version         TEXT,
        onnxruntime_version TEXT,
        params_json         TEXT NOT NULL DEFAULT '{}',
        output_path         TEXT,
        output_sha256       TEXT,
        error_json          TEXT,
        warnings_json       TEXT NOT NULL DEFAULT '[]',
        owner_pid           INTEGER,
        owner_host          TEXT,
        -- A finished run has a finish time; a running one has none.
        CHECK ((status = 'running') = (finished_at IS NULL))
      ) STRICT;
      CREATE INDEX runs_started ON runs (started_at DESC, id DESC);
      CREATE INDEX runs_status ON runs (status, started_at DESC);
      CREATE INDEX runs_kind ON runs (kind, started_at DESC);
      CREATE INDEX runs_ensemble_version ON runs (ensemble_version_id, started_at DESC);
      CREATE INDEX runs_dataset ON runs (dataset_id, started_at DESC);
      CREATE INDEX runs_parent ON runs (parent_run_id);
      CREATE INDEX runs_produced_version ON runs (produced_version_id);

      CREATE TABLE run_members (
        run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        member_name TEXT NOT NULL,
        model_id    INTEGER NOT NULL REFERENCES models (id),
        weight      REAL NOT NULL,
        PRIMARY KEY (run_id, member_name),
        UNIQUE (run_id, position)
      ) STRICT;
      CREATE INDEX run_members_model ON run_members (model_id);

      -- value is NULL where a metric is undefined (NaN), e.g. ROC AUC on a single-class file.
      CREATE TABLE metrics (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        scope  TEXT NOT NULL,
        name   TEXT NOT NULL,
        value  REAL,
        PRIMARY KEY (run_id, scope, name)
      ) STRICT;

      CREATE TABLE run_artifacts (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        name   TEXT NOT NULL,
        json   TEXT NOT NULL,
        PRIMARY KEY (run_id, name)
      ) STRICT;
    `);
  },
};
