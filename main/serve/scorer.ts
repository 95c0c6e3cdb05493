/**
 * The ensemble as the service runs it: members loaded and sessions opened once, then any chunk of
 * request rows scored by the very code `score` runs on a file's chunks (scoreChunks, combineChunk,
 * outputColumns), so a row gets the same prediction through either.
 */
import type { ColumnRequest, DataChunk, DatasetReader, OutputColumn } from '../../contract/data-types';
import type { EnsembleSpec } from '../../contract/ensemble-spec';
import { StudioError } from '../../contract/errors';
import type { Provider } from '../../contract/contract';
import { assumedColumns } from '../ensemble/assumed-columns';
import type { ResolvedEnsemble } from '../ensemble/plan';
import { resolveEnsemble } from '../ensemble/resolve';
import { combineChunk } from '../jobs/combine-chunk';
import { loadModels, modelInfos, openSessions, releaseSessions } from '../jobs/load-members';
import { outputColumns } from '../jobs/output-columns';
import { scoreChunks } from '../jobs/score-chunks';

export interface ServedMember {
  name: string;
  file: string;
  sha256: string;
}

export interface Scorer {
  resolved: ResolvedEnsemble;
  /** The request columns the members read, and as what. */
  needed: ReadonlyMap<string, ColumnRequest>;
  members: ServedMember[];
  /** Provider fallbacks, once each. */
  warnings: string[];
  /** `prediction` and `proba_<class>` (classification) for every row of the chunk. */
  score(chunk: DataChunk): Promise<OutputColumn[]>;
  close(): Promise<void>;
}

export async function openScorer(
  spec: EnsembleSpec,
  baseDir: string,
  options: { provider: Provider; threads?: number },
): Promise<Scorer> {
  if (spec.combiner.method === 'rank_mean') {
    throw new StudioError(
      'spec',
      `ensemble '${spec.name}': rank_mean ranks rows over a whole scored file, so it cannot score single ` +
        'requests; serve a copy of the spec with another combiner (soft_vote, for one)',
      { field: 'combiner.method' },
    );
  }
  const models = await loadModels(spec, baseDir);
  const infos = modelInfos(models);
  // No data file: the columns are the ones the spec names (or the members' input names).
  const resolved = resolveEnsemble(spec, infos, assumedColumns(spec, infos));
  const loaded = await openSessions(models, options);
  const never = new AbortController().signal;
  return {
    resolved,
    needed: resolved.columns,
    members: resolved.members.map((m) => {
      const model = models.get(m.name)!;
      return { name: m.name, file: model.path, sha256: model.info.sha256 };
    }),
    warnings: loaded.warnings,
    async score(chunk) {
      let scored: Float64Array[] | null = null;
      for await (const { memberScores } of scoreChunks({
        resolved,
        members: loaded.members,
        reader: oneChunkReader(chunk),
        columns: resolved.columns,
        chunkRows: Math.max(1, chunk.rowCount),
        signal: never,
      })) {
        scored = memberScores;
      }
      const memberScores = scored ?? resolved.members.map(() => new Float64Array(0));
      const combined = combineChunk(resolved, memberScores, chunk.rowCount);
      return outputColumns(resolved, chunk, combined, memberScores, [], {
        members: false,
        uncertainty: false,
      });
    },
    close: () => releaseSessions(loaded.members),
  };
}

/** The scoring loop reads chunks from a dataset reader: this one holds the request's rows. */
function oneChunkReader(chunk: DataChunk): DatasetReader {
  return {
    info: { path: '(request)', format: 'csv', sizeBytes: 0, columns: [] },
    chunks: () => ({
      async *[Symbol.asyncIterator]() {
        if (chunk.rowCount > 0) yield chunk;
      },
    }),
    close: async () => undefined,
  };
}
