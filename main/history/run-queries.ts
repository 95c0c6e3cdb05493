import type { Database } from 'better-sqlite3';
import { StudioError, type StudioErrorPayload } from '../../contract/errors';
import { getDataset } from './datasets';
import { getEnsembleVersion } from './ensembles';
import { fromJson } from './json';
import { getMetrics, listArtifacts } from './metrics';
import type {
  RunDetail,
  RunFilter,
  RunKind,
  RunMemberRecord,
  RunStatus,
  RunSummary,
} from '../../contract/history-types';

const DEFAULT_LIMIT = 100;

/** Columns of a RunSummary; the query joins runs r, ensemble_versions v, ensembles e, datasets d. */
const SUMMARY_SELECT = `
  SELECT r.id, r.kind, r.status, r.started_at, r.finished_at, e.name AS ensemble_name,
         v.version_number, d.path AS dataset_path, r.rows, r.rows_per_sec,
         r.provider_requested, r.provider_used
  FROM runs r
  LEFT JOIN ensemble_versions v ON v.id = r.ensemble_version_id
  LEFT JOIN ensembles e ON e.id = v.ensemble_id
  LEFT JOIN datasets d ON d.id = r.dataset_id`;

interface SummaryRow {
  id: number;
  kind: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  ensemble_name: string | null;
  version_number: number | null;
  dataset_path: string | null;
  rows: number | null;
  rows_per_sec: number | null;
  provider_requested: string | null;
  provider_used: string | null;
}

/**
 * Runs, newest first. Text filters match what the history table shows, as a person types them:
 * a case-insensitive substring of the kind, the status, the ensemble's name, or the dataset's
 * path (its file name included). A number picks an ensemble or dataset by id.
 */
export function listRuns(db: Database, filter: RunFilter = {}): RunSummary[] {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  const contains = (column: string, key: string, value: string) => {
    where.push(`instr(lower(coalesce(${column}, '')), lower(@${key})) > 0`);
    params[key] = value.trim();
  };
  if (filter.kind) contains('r.kind', 'kind', filter.kind);
  if (filter.status) contains('r.status', 'status', filter.status);
  if (typeof filter.ensemble === 'number') {
    where.push('v.ensemble_id = @ensemble');
    params.ensemble = filter.ensemble;
  } else if (filter.ensemble) {
    contains('e.name', 'ensemble', filter.ensemble);
  }
  if (typeof filter.dataset === 'number') {
    where.push('r.dataset_id = @dataset');
    params.dataset = filter.dataset;
  } else if (filter.dataset) {
    contains('d.path', 'dataset', filter.dataset);
  }
  params.limit = filter.limit ?? DEFAULT_LIMIT;
  params.offset = filter.offset ?? 0;
  const rows = db
    .prepare(
      `${SUMMARY_SELECT}
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY r.started_at DESC, r.id DESC
       LIMIT @limit OFFSET @offset`,
    )
    .all(params) as SummaryRow[];
  return rows.map(summaryFromRow);
}

interface DetailRow {
  ensemble_version_id: number | null;
  dataset_id: number | null;
  parent_run_id: number | null;
  produced_version_id: number | null;
  threads: number | null;
  app_version: string | null;
  onnxruntime_version: string | null;
  params_json: string;
  output_path: string | null;
  output_sha256: string | null;
  error_json: string | null;
  warnings_json: string;
  owner_pid: number | null;
  owner_host: string | null;
}

/** Everything recorded about one run: its spec, data, members with their models, metrics, artifact names. */
export function getRun(db: Database, runId: number): RunDetail {
  // One read transaction: a consistent snapshot while another process may be writing this run.
  return db.transaction(() => readRun(db, runId))();
}

function readRun(db: Database, runId: number): RunDetail {
  const summary = db.prepare(`${SUMMARY_SELECT} WHERE r.id = ?`).get(runId) as SummaryRow | undefined;
  if (!summary)
    throw new StudioError('not_found', `No run ${runId} in the history ${db.name}`, { file: db.name });
  const row = db.prepare(`SELECT * FROM runs WHERE id = ?`).get(runId) as DetailRow;
  return {
    ...summaryFromRow(summary),
    ensemble: row.ensemble_version_id === null ? null : getEnsembleVersion(db, row.ensemble_version_id),
    dataset: row.dataset_id === null ? null : getDataset(db, row.dataset_id),
    parentRunId: row.parent_run_id,
    producedVersion:
      row.produced_version_id === null ? null : getEnsembleVersion(db, row.produced_version_id),
    threads: row.threads,
    appVersion: row.app_version,
    onnxruntimeVersion: row.onnxruntime_version,
    params: fromJson<Record<string, unknown>>(row.params_json),
    outputPath: row.output_path,
    outputSha256: row.output_sha256,
    error: fromJson<StudioErrorPayload>(row.error_json),
    warnings: fromJson<string[]>(row.warnings_json),
    ownerPid: row.owner_pid,
    ownerHost: row.owner_host,
    members: members(db, runId),
    metrics: getMetrics(db, runId),
    artifacts: listArtifacts(db, runId),
  };
}

function summaryFromRow(row: SummaryRow): RunSummary {
  return {
    id: row.id,
    kind: row.kind as RunKind,
    status: row.status as RunStatus,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    ensembleName: row.ensemble_name,
    ensembleVersionNumber: row.version_number,
    datasetPath: row.dataset_path,
    rows: row.rows,
    rowsPerSec: row.rows_per_sec,
    providerRequested: row.provider_requested,
    providerUsed: row.provider_used,
  };
}

function members(db: Database, runId: number): RunMemberRecord[] {
  return db
    .prepare(
      `SELECT m.member_name AS name, m.weight, m.model_id AS modelId, mo.path AS modelPath,
              mo.sha256 AS modelSha256
       FROM run_members m JOIN models mo ON mo.id = m.model_id
       WHERE m.run_id = ? ORDER BY m.position`,
    )
    .all(runId) as RunMemberRecord[];
}
