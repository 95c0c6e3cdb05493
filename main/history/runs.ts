import type { Database } from 'better-sqlite3';
import { StudioError } from '../../contract/errors';
import { JOB_KINDS } from '../../contract/contract';
import { toJson } from './json';
import { currentOwner } from './owner';
import {
  FINISH_STATUSES,
  type FinishRunInput,
  type RunMemberInput,
  type StartRunInput,
} from '../../contract/history-types';

/**
 * Records the start of a run (status `running`) and returns its id. The owner (this process and
 * host unless given) is stored so that a run whose process dies is marked interrupted at the next
 * open instead of showing as running forever.
 */
export function startRun(db: Database, input: StartRunInput, now: string = new Date().toISOString()): number {
  if (!(JOB_KINDS as readonly string[]).includes(input.kind)) {
    throw new StudioError('bad_input', `Unknown run kind "${String(input.kind)}"`, { field: 'kind' });
  }
  const owner = input.owner ?? currentOwner();
  const row = db
    .prepare(
      `INSERT INTO runs (kind, status, started_at, ensemble_version_id, dataset_id, parent_run_id,
         provider_requested, threads, app_version, onnxruntime_version, params_json, owner_pid, owner_host,
         owner_started_at)
       VALUES (@kind, 'running', @now, @ensembleVersionId, @datasetId, @parentRunId,
         @providerRequested, @threads, @appVersion, @onnxruntimeVersion, @params, @pid, @host,
         @startedAt)
       RETURNING id`,
    )
    .get({
      kind: input.kind,
      now,
      ensembleVersionId: input.ensembleVersionId ?? null,
      datasetId: input.datasetId ?? null,
      parentRunId: input.parentRunId ?? null,
      providerRequested: input.providerRequested ?? null,
      threads: input.threads ?? null,
      appVersion: input.appVersion ?? null,
      onnxruntimeVersion: input.onnxruntimeVersion ?? null,
      params: toJson(input.params ?? {}),
      pid: owner.pid,
      host: owner.host,
      startedAt: owner.startedAt ?? null,
    }) as { id: number };
  return row.id;
}

/**
 * Records how a run ended. Only a `running` run may be finished: a run already finished, or one
 * marked interrupted because its process was taken for dead, keeps what it says.
 */
export function finishRun(
  db: Database,
  runId: number,
  result: FinishRunInput,
  now: string = new Date().toISOString(),
): void {
  if (!(FINISH_STATUSES as readonly string[]).includes(result.status)) {
    throw new StudioError('bad_input', `A run cannot be finished as "${String(result.status)}"`, {
      field: 'status',
    });
  }
  const changes = db
    .prepare(
      `UPDATE runs SET status = @status, finished_at = @now, rows = @rows, rows_per_sec = @rowsPerSec,
         output_path = @outputPath, output_sha256 = @outputSha256, error_json = @error,
         warnings_json = @warnings, provider_used = @providerUsed, produced_version_id = @producedVersionId
       WHERE id = @runId AND status = 'running'`,
    )
    .run({
      runId,
      now,
      status: result.status,
      rows: result.rows ?? null,
      rowsPerSec: finiteOrNull(result.rowsPerSec),
      outputPath: result.outputPath ?? null,
      outputSha256: result.outputSha256 ?? null,
      error: result.error ? toJson(result.error) : null,
      warnings: toJson(result.warnings ?? []),
      providerUsed: result.providerUsed ?? null,
      producedVersionId: result.producedVersionId ?? null,
    }).changes;
  if (changes === 0) throw notRunning(db, runId);
}

/** The members a run used, in spec order, each with the exact model it loaded. */
export function addRunMembers(db: Database, runId: number, members: readonly RunMemberInput[]): void {
  const insert = db.prepare(
    `INSERT INTO run_members (run_id, position, member_name, model_id, weight) VALUES (?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    const { start } = db
      .prepare(`SELECT coalesce(max(position) + 1, 0) AS start FROM run_members WHERE run_id = ?`)
      .get(runId) as { start: number };
    members.forEach((member, index) =>
      insert.run(runId, start + index, member.name, member.modelId, member.weight),
    );
  })();
}

function notRunning(db: Database, runId: number): StudioError {
  const row = db.prepare(`SELECT status FROM runs WHERE id = ?`).get(runId) as { status: string } | undefined;
  if (!row)
    return new StudioError('not_found', `No run ${runId} in the history ${db.name}`, { file: db.name });
  return new StudioError(
    'history',
    `Run ${runId} is already ${row.status}; only a running run can be finished`,
    { file: db.name },
  );
}

/** A division by a zero elapsed time must not store Infinity as a speed. */
function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

// Reading runs lives in its own files; runs.ts is the one place to import run functions from.
export { listRuns, getRun } from './run-queries';
export { compareRuns } from './compare';

/**
 * The files a run recorded it writes: `params.writes`, and `params.output` (all that runs recorded
 * before `writes` existed kept); none for a record that says neither.
 */
export function recordedWrites(paramsJson: string): string[] {
  let params: { output?: unknown; writes?: unknown };
  try {
    params = JSON.parse(paramsJson) as typeof params;
  } catch {
    return [];
  }
  const writes = Array.isArray(params.writes) ? params.writes : [];
  return [...writes, params.output].filter((w): w is string => typeof w === 'string');
}

/** The files the runs still `running` (in any process) will write. */
export function runningWrites(db: Database): string[] {
  const rows = db.prepare(`SELECT params_json FROM runs WHERE status = 'running'`).all() as {
    params_json: string;
  }[];
  return rows.flatMap((row) => recordedWrites(row.params_json));
}
