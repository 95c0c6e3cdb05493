/**
 * Everything a job needs before its first chunk, opened once and in the same order for every
 * job that scores a file: models read (and rewritten), the data file opened, the spec resolved
 * against both, the columns to read planned, sessions started and progress metered.
 */
import { openDataset } from '../data/open-dataset';
import type { ColumnRequest, DatasetReader } from '../../contract/data-types';
import { widestRequest } from '../ensemble/resolve-inputs';
import { resolveEnsemble } from '../ensemble/resolve';
import type { ResolvedEnsemble } from '../ensemble/plan';
import type { EnsembleSpec } from '../../contract/ensemble-spec';
import type { JobContext } from './job-context';
import {
  loadModels,
  memberReports,
  modelInfos,
  openSessions,
  releaseSessions,
  type LoadedMembers,
  type LoadedModels,
} from './load-members';
import { ProgressMeter } from './progress-meter';
import type { ScoringRequest as JobRequest } from './protocol';
import { featureColumns, planReads, type ReadPlan } from './read-plan';
import type { HostJobReport } from '../../contract/job-results';
import { estimateRowsOrNull } from './row-count';
import { scoreChunks, type ScoredChunk } from './score-chunks';

export const DEFAULT_CHUNK_ROWS = 16_384;

/** The part of the file a job scores: data rows [skip, skip + take), `done` of them by an earlier attempt. */
export interface RowsPlan {
  skip: number;
  take?: number;
  /** Rows an earlier attempt already scored (a resumed run): progress counts from there. */
  done: number;
  /** The rows progress counts to, when known. */
  total: number | null;
}

export interface ScoringSession {
  resolved: ResolvedEnsemble;
  reader: DatasetReader;
  reads: ReadPlan;
  /** The members' models as read, for a job that also builds from them (export fuses them). */
  models: LoadedModels;
  loaded: LoadedMembers;
  meter: ProgressMeter;
  /**
   * One pass over the file (rank_mean makes two). `alsoRead` adds columns some other consumer of
   * the same chunks needs (the fused model, for export's parity check), each column still read
   * once, at the widest type either side asks for.
   */
  stream(alsoRead?: ReadonlyMap<string, ColumnRequest>): AsyncGenerator<ScoredChunk>;
  /** The fields every job reports, for `rows` scored since `started`. */
  report(rows: number): Omit<HostJobReport, 'metrics' | 'artifacts'>;
  close(): Promise<void>;
}

export async function openScoringSession(
  request: JobRequest,
  ctx: JobContext,
  options: {
    spec?: EnsembleSpec;
    keep?: readonly string[];
    keepAll?: boolean;
    /** Score only part of the file, given its data row count (null when it could not be counted). */
    rows?: (fileRows: number | null) => Promise<RowsPlan>;
  } = {},
): Promise<ScoringSession> {
  const started = performance.now();
  const spec = options.spec ?? request.spec;
  // The data file is opened (its header and column types read) while the models are read; a
  // problem with a model is still reported before one with the data.
  const opened = openDataset(request.input);
  opened.catch(() => undefined);
  const models = await loadModels(spec, request.baseDir);
  // ONNX Runtime builds the sessions meanwhile. A problem with the data or the columns is still
  // reported before one with a session, as before.
  const opening = openSessions(models, { provider: request.provider, threads: request.threads });
  opening.catch(() => undefined);
  let reader: DatasetReader;
  let resolved: ResolvedEnsemble;
  let reads: ReadPlan;
  try {
    reader = await opened;
    resolved = resolveEnsemble(spec, modelInfos(models), featureColumns(reader.info.columns, request.label));
    reads = planReads(resolved, reader.info.columns, {
      keep: options.keep ?? [],
      keepAll: options.keepAll ?? false,
      label: request.label,
      file: request.input,
    });
  } catch (error) {
    await opening.then((sessions) => releaseSessions(sessions.members)).catch(() => undefined);
    throw error;
  }
  const loaded = await opening;
  try {
    // Exact from Parquet metadata; a text file's rows are estimated, never counted before the first
    // scored row (a count is a pass over the whole file).
    const fileRows = reader.info.rowCount ?? null;
    const range = options.rows ? await options.rows(fileRows) : null;
    const exactTotal = range ? range.total : fileRows;
    const estimate = exactTotal === null ? await estimateRowsOrNull(request.input, reader.info.format) : null;
    const meter = new ProgressMeter(
      ctx.jobId,
      exactTotal ?? (estimate === null ? null : estimate - (range?.skip ?? 0) + (range?.done ?? 0)),
      ctx.progress,
      undefined,
      exactTotal === null && estimate !== null,
    );
    if (range) meter.startFrom(range.done);
    meter.update(range?.done ?? 0, 'scoring', true);
    return {
      resolved,
      reader,
      reads,
      models,
      loaded,
      meter,
      stream: (alsoRead) =>
        scoreChunks({
          resolved,
          members: loaded.members,
          reader,
          columns: alsoRead ? mergeReads(reads.columns, alsoRead) : reads.columns,
          chunkRows: request.chunkRows ?? DEFAULT_CHUNK_ROWS,
          signal: ctx.signal,
          ...(range
            ? { rows: { skip: range.skip, ...(range.take === undefined ? {} : { take: range.take }) } }
            : {}),
        }),
      report(rows) {
        const seconds = (performance.now() - started) / 1000;
        return {
          rows,
          seconds,
          rowsPerSec: seconds > 0 ? rows / seconds : 0,
          providerRequested: request.provider,
          providerUsed: loaded.providerUsed,
          warnings: loaded.warnings,
          models: memberReports(resolved, models),
          dataset: { ...reader.info, rowCount: rows },
          classes: resolved.task === 'classification' ? resolved.classes : null,
        };
      },
      async close() {
        await reader.close();
        await releaseSessions(loaded.members);
      },
    };
  } catch (error) {
    await reader.close();
    await releaseSessions(loaded.members);
    throw error;
  }
}

function mergeReads(
  reads: ReadonlyMap<string, ColumnRequest>,
  more: ReadonlyMap<string, ColumnRequest>,
): Map<string, ColumnRequest> {
  const merged = new Map(reads);
  for (const [name, type] of more) {
    const previous = merged.get(name);
    merged.set(name, previous ? widestRequest(previous, type) : type);
  }
  return merged;
}
