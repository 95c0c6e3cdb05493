/**
 * What a score run adds to the engine's part of a job (main/engine/job-manager.ts), for shards and
 * resumable runs (docs/SCALE-OUT.md):
 * - `--shard K/N`: the part's manifest, written aside and renamed into place with the part;
 * - a resumable run (a CSV/TSV/JSON Lines output, no rank_mean, no --label): it writes its output
 *   as `.<name>.partial-resume` with a checkpoint beside it (main/shards/checkpoint.ts), kept when
 *   the run is cancelled or its process killed; `--resume` continues it when the spec, models,
 *   input and output options are the same, and is refused naming what changed.
 *
 * A partial is removed when its run succeeds (renamed into place) or fails, when a run to the same
 * output starts without `--resume` (it starts over), and after 7 days (main/history/leftovers.ts).
 */
import { stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { StudioError, type StudioErrorPayload } from '../../contract/errors';
import type { JobKind, JobRequestOf } from '../../contract/contract';
import type { HostJobResult } from '../../contract/job-results';
import { SHARD_MANIFEST_FORMAT } from '../../contract/shard-types';
// data/format, not data/open-writer: the engine must not load DuckDB for commands that read no data.
import { isTextFormat, outputFormatFromPath } from '../data/format';
import { sha256File, tempPathFor } from '../jobs/atomic-output';
import { isProcessAlive } from '../history/owner';
import { specContentHash } from '../history/ensembles';
import {
  CHECKPOINT_FORMAT,
  identityChanges,
  readCheckpoint,
  removeResumable,
  resumablePaths,
  type CheckpointIdentity,
} from '../shards/checkpoint';
import type { CheckpointPlan } from '../shards/checkpointer';
import { ensembleHash, manifestPathFor, manifestText } from '../shards/manifest';
import type { LoadedSpec } from './load-spec';
import type { JobFiles, JobOf } from './job-request';

/** A file written aside, renamed into place when the run is recorded as succeeded. */
interface AsideFile {
  temp: string;
  target: string;
}

export interface ScoreExtras {
  /** The interrupted attempt this run continues (or replaces), for the history's link. */
  parentRunId: number | null;
  /** Notes for the run's result (a fresh start where --resume found nothing). */
  notes: string[];
  /** Fields the host request gets once the run has its id. */
  hostFields(runId: number): { checkpoint?: CheckpointPlan };
  /** Files to write aside for a successful run (a shard's manifest). */
  aside(result: HostJobResult, outputSha256: string | null, runId: number): Promise<AsideFile[]>;
  /** Whether a run that ended with `error` keeps its partial output for a later --resume. */
  keepsPartial(error: StudioErrorPayload): boolean;
  /** After the run is recorded: the checkpoint goes when the partial went (renamed or discarded). */
  ended(status: 'succeeded' | 'failed' | 'cancelled'): void;
}

const NONE: ScoreExtras = {
  parentRunId: null,
  notes: [],
  hostFields: () => ({}),
  aside: async () => [],
  keepsPartial: () => false,
  ended: () => undefined,
};

/** The request fields that shape a resumable output (compared on --resume). */
type ShardAndResume = JobRequestOf<'score'>;

/**
 * The engine's extra part of a job, by kind: only score runs have one (shards and resume). Keyed by
 * kind so no request is recognised by its fields.
 */
export async function planRunExtras(
  db: Database,
  job: JobOf<JobKind>,
  loaded: LoadedSpec,
  files: JobFiles,
): Promise<ScoreExtras> {
  return isScoreJob(job) ? planScoreExtras(db, job, loaded, files) : NONE;
}

function isScoreJob(job: JobOf<JobKind>): job is JobOf<'score'> {
  return job.kind === 'score';
}

async function planScoreExtras(
  db: Database,
  job: JobOf<'score'>,
  loaded: LoadedSpec,
  files: JobFiles,
): Promise<ScoreExtras> {
  const request = job.request;
  if (!files.output || !files.input) return NONE;
  const output = files.output;
  const input = files.input;
  const format = outputFormatFromPath(output);
  const rankMean = loaded.spec.combiner.method === 'rank_mean';
  const refuse = (why: string) => {
    throw new StudioError('bad_input', `${output}: ${why}`, { file: output });
  };
  if (request.shard && rankMean)
    refuse('--shard cannot be used with the rank_mean combiner: it ranks each row against the whole file');
  if (request.shard && !isTextFormat(format))
    refuse(
      '--shard writes CSV, TSV or JSON Lines parts (merge joins them byte for byte): name the part .csv, .tsv or .jsonl',
    );
  if (request.resume && !isTextFormat(format))
    refuse(
      '--resume cannot continue a Parquet output (its row groups and footer are written at the end): write .csv, .tsv or .jsonl',
    );
  if (request.resume && rankMean)
    refuse('--resume cannot be used with the rank_mean combiner: it ranks each row against the whole file');
  if (request.resume && request.label !== undefined)
    refuse('--resume cannot continue a run with --label: its metrics need every row scored in one run');
  const resumable = isTextFormat(format) && !rankMean && request.label === undefined;

  const identity = await identityOf(loaded, input, files.inputFingerprint, format, request);
  // A shard's manifest hashes the whole input; started now, it runs while the host scores.
  const inputSha256 = request.shard ? sha256File(input) : null;
  inputSha256?.catch(() => undefined);

  const notes: string[] = [];
  let parentRunId: number | null = null;
  let resume: CheckpointPlan['resume'];
  const paths = resumablePaths(output);
  if (resumable) {
    const existing = readCheckpointOrDiscard(paths.checkpoint, request.resume);
    if (
      existing &&
      existing.ownerPid !== process.pid &&
      isProcessAlive(existing.ownerPid) &&
      stillRunning(db, existing.runId)
    ) {
      refuse(`run #${existing.runId} (process ${existing.ownerPid}) is writing this output now`);
    }
    if (request.resume) {
      if (existing) parentRunId = existing.runId;
      const partialSize = (await stat(paths.partial).catch(() => null))?.size ?? null;
      if (existing?.progress && partialSize !== null) {
        const changes = identityChanges(existing.identity, identity);
        if (changes.length > 0) {
          refuse(
            `cannot resume run #${existing.runId}: ${changes.join('; ')}. Run without --resume to start over`,
          );
        }
        resume = { ...existing.progress, fromRunId: existing.runId };
      } else {
        notes.push(
          existing
            ? `nothing to resume: run #${existing.runId} stopped before its first chunk was written; started from the first row`
            : 'nothing to resume for this output: started from the first row',
        );
        removeResumable(output);
      }
    } else if (existing) {
      notes.push(
        `discarded the partial output of interrupted run #${existing.runId} (pass --resume to continue it)`,
      );
      removeResumable(output);
    } else {
      removeResumable(output);
    }
    files.tempOutput = paths.partial;
  }

  let endedWithPartialKept = false;
  return {
    parentRunId,
    notes,
    hostFields: (runId) =>
      resumable
        ? {
            checkpoint: {
              path: paths.checkpoint,
              base: { format: CHECKPOINT_FORMAT, runId, output, ownerPid: process.pid, identity },
              ...(resume ? { resume } : {}),
            },
          }
        : {},
    async aside(result, outputSha256, runId) {
      if (!request.shard || result.kind !== 'score' || !result.shard || !outputSha256 || !inputSha256)
        return [];
      const size = (await stat(input)).size;
      const manifest = manifestPathFor(output);
      const temp = tempPathFor(manifest);
      await writeFile(
        temp,
        manifestText({
          format: SHARD_MANIFEST_FORMAT,
          ensembleHash: ensembleHash(identity.spec, identity.models),
          input: { path: input, size, sha256: await inputSha256 },
          index: result.shard.index,
          count: result.shard.count,
          firstRow: result.shard.firstRow,
          rows: result.shard.rows,
          totalRows: result.shard.totalRows,
          sha256: outputSha256,
          outputFormat: format as 'csv' | 'tsv' | 'jsonl',
          runId,
        }),
        'utf8',
      );
      return [{ temp, target: manifest }];
    },
    keepsPartial(error) {
      endedWithPartialKept = resumable && error.code === 'cancelled';
      return endedWithPartialKept;
    },
    ended() {
      if (resumable && !endedWithPartialKept) removeResumable(output);
    },
  };
}

/** A checkpoint that cannot be read is refused for --resume, and simply replaced otherwise. */
function readCheckpointOrDiscard(path: string, resume: boolean) {
  try {
    return readCheckpoint(path);
  } catch (error) {
    if (resume) throw error;
    return null;
  }
}

function stillRunning(db: Database, runId: number): boolean {
  const row = db.prepare(`SELECT status FROM runs WHERE id = ?`).get(runId) as { status: string } | undefined;
  // A run of another history cannot be checked here: its live process is taken at its word.
  return row === undefined || row.status === 'running';
}

async function identityOf(
  loaded: LoadedSpec,
  input: string,
  fingerprint: string,
  format: string,
  request: ShardAndResume,
): Promise<CheckpointIdentity> {
  const models: Record<string, string> = {};
  for (const member of loaded.spec.members) {
    models[member.name] = await sha256File(resolve(loaded.baseDir, member.model));
  }
  return {
    spec: specContentHash(loaded.spec),
    models,
    input: { path: input, fingerprint },
    options: {
      format,
      keep: request.keepAll ? '(all)' : request.keep,
      members: request.members,
      uncertainty: request.uncertainty,
      escapeFormulas: request.escapeFormulas,
      provider: request.provider,
      shard: request.shard ?? null,
    },
  };
}
