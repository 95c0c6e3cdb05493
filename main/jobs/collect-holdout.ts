/**
 * Scores a labelled file with every member and the ensemble, keeping what evaluate and optimize
 * need (no output file). Shared by both jobs so they see exactly the same numbers.
 */
import { openDataset } from '../data/open-dataset';
import { rowCountOrNull } from './row-count';
import type { DatasetInfo } from '../data/types';
import { resolveEnsemble } from '../ensemble/resolve';
import type { ResolvedEnsemble } from '../ensemble/plan';
import { RankMeanCollector, rankMeanChunk, memberWeights } from '../ensemble/combine';
import type { EnsembleSpec } from '../ensemble/spec';
import type { ModelInfo } from '../model/types';
import { StudioError } from '../errors';
import type { JobRequest } from './protocol';
import type { JobContext } from './job-context';
import { loadModels, openSessions, releaseSessions } from './load-members';
import { featureColumns, planReads } from './read-plan';
import { scoreChunks } from './score-chunks';
import { combineChunk } from './combine-chunk';
import { LabelledCollector } from './labelled-collector';
import { ProgressMeter } from './progress-meter';
import { DEFAULT_CHUNK_ROWS } from './score-job';
import type { HostJobReport } from './results';

export interface Holdout {
  resolved: ResolvedEnsemble;
  collector: LabelledCollector;
  /** The ensemble's scores on the kept rows (rank_mean placed from its whole-file ranks). */
  ensembleScores: Float64Array;
  report: Omit<HostJobReport, 'metrics' | 'artifacts'>;
}

export async function collectHoldout(
  request: JobRequest,
  ctx: JobContext,
  spec: EnsembleSpec = request.spec,
): Promise<Holdout> {
  if (!request.label) throw new StudioError('bad_input', 'a label column is required');
  const started = performance.now();
  const models = await loadModels(spec, request.baseDir);
  const infos = new Map<string, ModelInfo>([...models].map(([name, m]) => [name, m.info]));
  const reader = await openDataset(request.input);
  const resolved = resolveEnsemble(spec, infos, featureColumns(reader.info.columns, request.label));
  const reads = planReads(resolved, reader.info.columns, {
    keep: [],
    keepAll: false,
    label: request.label,
    file: request.input,
  });
  const loaded = await openSessions(models, { provider: request.provider, threads: request.threads });
  try {
    const total = reader.info.rowCount ?? (await rowCountOrNull(request.input, reader.info.format));
    const meter = new ProgressMeter(ctx.jobId, total, ctx.progress);
    meter.update(0, 'scoring', true);
    const collector = new LabelledCollector(
      resolved,
      request.label,
      request.input,
      request.ignoreUnknownLabels,
    );
    const ranks =
      resolved.combiner.method === 'rank_mean' ? new RankMeanCollector(memberWeights(resolved)) : null;
    let rows = 0;
    for await (const { chunk, memberScores } of scoreChunks({
      resolved,
      members: loaded.members,
      reader,
      columns: reads.columns,
      chunkRows: request.chunkRows ?? DEFAULT_CHUNK_ROWS,
      signal: ctx.signal,
    })) {
      ranks?.add(memberScores, chunk.rowCount);
      collector.add(chunk, memberScores, ranks ? null : combineChunk(resolved, memberScores, chunk.rowCount));
      rows += chunk.rowCount;
      meter.update(rows);
    }
    meter.update(rows, 'finishing', true);
    const ensembleScores = ranks
      ? collector.keptRowsOf(rankMeanChunk(ranks.finish(), 0, rows).proba)
      : collector.collected().ensemble;
    const seconds = (performance.now() - started) / 1000;
    const dataset: DatasetInfo = { ...reader.info, rowCount: rows };
    return {
      resolved,
      collector,
      ensembleScores,
      report: {
        rows,
        seconds,
        rowsPerSec: seconds > 0 ? rows / seconds : 0,
        providerRequested: request.provider,
        providerUsed: loaded.providerUsed,
        warnings: loaded.warnings,
        models: resolved.members.map((m) => ({ member: m.name, weight: m.weight, info: infos.get(m.name)! })),
        dataset,
        classes: resolved.task === 'classification' ? resolved.classes : null,
      },
    };
  } finally {
    await reader.close();
    await releaseSessions(loaded.members);
  }
}
