/**
 * The scoring loop shared by score, evaluate and optimize: columnar chunks in, each member's
 * normalised scores and the combined result out. Reading the next chunk (DuckDB, on its own
 * threads) overlaps inference on the current one.
 */
import type { DataChunk, DatasetReader, ColumnRequest } from '../../contract/data-types';
import { ChunkFeeds } from '../ensemble/feeds';
import { normaliseClassification, normaliseRegression } from '../ensemble/normalise';
import type { ResolvedEnsemble } from '../ensemble/plan';
import { StudioError } from '../../contract/errors';
import { toFeeds } from '../runtime/tensors';
import type { LoadedMember } from './load-members';

export interface ScoredChunk {
  chunk: DataChunk;
  /** Per member, in plan order: N×K aligned probabilities (classification) or N values. */
  memberScores: Float64Array[];
}

export interface ScoreChunksOptions {
  resolved: ResolvedEnsemble;
  members: readonly LoadedMember[];
  reader: DatasetReader;
  /** Every column to read: the members' columns plus kept and label columns. */
  columns: ReadonlyMap<string, ColumnRequest>;
  chunkRows: number;
  signal: AbortSignal;
  /** Only these data rows (a shard, or what a resumed run has left). */
  rows?: { skip: number; take?: number };
}

export async function* scoreChunks(options: ScoreChunksOptions): AsyncGenerator<ScoredChunk> {
  const { resolved, reader, signal } = options;
  const sessions = new Map(options.members.map((m) => [m.name, m.session]));
  const iterator = reader
    .chunks({
      columns: options.columns,
      chunkRows: options.chunkRows,
      readAhead: true,
      ...(options.rows ? { rows: options.rows } : {}),
    })
    [Symbol.asyncIterator]();
  const feeds = new ChunkFeeds();
  let next = iterator.next();
  try {
    while (true) {
      const current = await next;
      if (current.done) return;
      throwIfCancelled(signal);
      next = iterator.next();
      // Keep a rejected prefetch from being reported as unhandled while we score this chunk.
      next.catch(() => undefined);
      const chunk = current.value;
      const memberScores: Float64Array[] = [];
      for (const plan of resolved.members) {
        const session = sessions.get(plan.name)!;
        const outputs = await session.run(toFeeds(feeds.forMember(plan, chunk)), [plan.output]);
        const tensor = outputs[plan.output];
        if (!tensor) {
          throw new StudioError(
            'model',
            `member '${plan.name}': the model did not return output '${plan.output}'`,
            {
              member: plan.name,
            },
          );
        }
        const raw = { data: tensor.data as Float32Array, dims: tensor.dims };
        memberScores.push(
          resolved.task === 'classification'
            ? normaliseClassification(plan, raw, chunk.rowCount, resolved.classes.length)
            : normaliseRegression(plan, raw, chunk.rowCount),
        );
        tensor.dispose?.();
      }
      yield { chunk, memberScores };
    }
  } finally {
    await iterator.return?.();
  }
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new StudioError('cancelled', 'cancelled');
}
