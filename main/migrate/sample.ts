/**
 * The sample a migration is measured on, and its reference: the first `sampleRows` rows of the
 * analyst's file, scored once exactly as `score` scores them (the app's own sessions on cpu with
 * its default threads, float32 models, the JS combiner). Every candidate is compared with this reference.
 */
import type { ColumnRequest, DataChunk, DatasetInfo, DatasetReader } from '../../contract/data-types';
import { openDataset } from '../data/open-dataset';
import { combineChunk } from '../jobs/combine-chunk';
import type { JobContext } from '../jobs/job-context';
import {
  loadModels,
  modelInfos,
  openSessions,
  releaseSessions,
  type LoadedModels,
} from '../jobs/load-members';
import { featureColumns, planReads } from '../jobs/read-plan';
import { scoreChunks } from '../jobs/score-chunks';
import { resolveEnsemble } from '../ensemble/resolve';
import { widestRequest } from '../ensemble/resolve-inputs';
import type { ResolvedEnsemble } from '../ensemble/plan';
import { StudioError } from '../../contract/errors';
import { mapLabels, regressionTargets, type LabelColumn } from '../evaluate/labels';
import { sliceChunk } from './slice-chunk';
import type { Outputs } from './outputs';
import type { EnsembleSpec } from '../../contract/ensemble-spec';

export interface SampleRequest {
  spec: EnsembleSpec;
  baseDir: string;
  input: string;
  label?: string;
  sampleRows: number;
}

export interface MigrationSample {
  resolved: ResolvedEnsemble;
  models: LoadedModels;
  dataset: DatasetInfo;
  /** The sample's rows as read: every column the members, the fused model and the label need. */
  chunks: DataChunk[];
  rows: number;
  reference: Outputs;
  /** Class index per row (classification) or target value (regression), when labelled. */
  truth: Int32Array | Float64Array | null;
}

/**
 * Reads and scores the sample. `alsoRead`, called once the ensemble is resolved, names the columns
 * the fused model reads, so each chunk carries what every representation needs. The sample is read
 * whole first (on this thread, stopping at its last row), then scored by the loop `score` runs, on the
 * sessions `score` opens (cpu, default threads).
 */
export async function readMigrationSample(
  request: SampleRequest,
  ctx: JobContext,
  alsoRead: (resolved: ResolvedEnsemble, models: LoadedModels) => Promise<ReadonlyMap<string, ColumnRequest>>,
): Promise<MigrationSample> {
  const limit = request.sampleRows;
  const models = await loadModels(request.spec, request.baseDir);
  const reader = await openDataset(request.input);
  const chunks: DataChunk[] = [];
  let resolved: ResolvedEnsemble;
  try {
    resolved = resolveEnsemble(
      request.spec,
      modelInfos(models),
      featureColumns(reader.info.columns, request.label),
    );
    const reads = planReads(resolved, reader.info.columns, {
      keep: [],
      keepAll: false,
      label: request.label,
      file: request.input,
    });
    const columns = new Map(reads.columns);
    for (const [name, type] of await alsoRead(resolved, models)) {
      const previous = columns.get(name);
      columns.set(name, previous ? widestRequest(previous, type) : type);
    }
    let read = 0;
    for await (const chunk of reader.chunks({ columns, chunkRows: Math.min(16_384, limit) })) {
      if (ctx.signal.aborted) throw new StudioError('cancelled', 'cancelled');
      chunks.push(sliceChunk(chunk, limit - read));
      read += Math.min(chunk.rowCount, limit - read);
      if (read >= limit) break;
    }
  } finally {
    await reader.close();
  }
  const rows = chunks.reduce((n, c) => n + c.rowCount, 0);
  if (rows === 0)
    throw new StudioError('bad_input', `${request.input}: no rows to measure the migration on`, {
      file: request.input,
    });

  const classification = resolved.task === 'classification';
  const loaded = await openSessions(models, { provider: 'cpu' });
  const values: Float64Array[] = [];
  const predictions: Int32Array[] = [];
  try {
    for await (const scored of scoreChunks({
      resolved,
      members: loaded.members,
      reader: sampleReader(chunks, reader.info),
      columns: new Map(),
      chunkRows: 0,
      signal: ctx.signal,
    })) {
      const combined = combineChunk(resolved, scored.memberScores, scored.chunk.rowCount);
      if ('values' in combined) values.push(combined.values);
      else {
        values.push(combined.proba);
        predictions.push(combined.prediction);
      }
    }
  } finally {
    await releaseSessions(loaded.members);
  }
  const truth = request.label === undefined ? null : chunks.map((c) => labelsOf(c, request, resolved));
  return {
    resolved,
    models,
    dataset: { ...reader.info },
    chunks,
    rows,
    reference: {
      values: concat(values, Float64Array),
      labels: classification ? labelText(concat(predictions, Int32Array), resolved.classes) : null,
    },
    truth:
      truth === null
        ? null
        : classification
          ? concat(truth as Int32Array[], Int32Array)
          : concat(truth as Float64Array[], Float64Array),
  };
}

/** Chunks already read, as a reader, so they run through the very loop `score` uses. */
export function sampleReader(chunks: readonly DataChunk[], info: DatasetInfo): DatasetReader {
  return {
    info,
    chunks: () => ({
      async *[Symbol.asyncIterator]() {
        yield* chunks;
      },
    }),
    close: async () => undefined,
  };
}

function labelsOf(chunk: DataChunk, request: SampleRequest, resolved: ResolvedEnsemble) {
  const column = chunk.columns.get(request.label!)!.values as LabelColumn;
  const where = { file: request.input, column: request.label!, firstRow: chunk.firstRow };
  return resolved.task === 'classification'
    ? mapLabels(column, resolved.classes, where).indices
    : regressionTargets(column, where);
}

/** Class indices → labels in string form; a missing prediction (-1) is the empty string. */
export function labelText(indices: Int32Array, classes: readonly string[]): string[] {
  return Array.from(indices, (k) => (k < 0 ? '' : classes[k]!));
}

function concat<T extends Float64Array | Int32Array>(
  parts: readonly T[],
  Type: { new (length: number): T },
): T {
  const out = new Type(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
