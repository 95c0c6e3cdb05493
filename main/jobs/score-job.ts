/**
 * `score`: every row of a data file through every member, combined, written aside and handed
 * back for the engine to rename into place. Memory stays flat: one chunk at a time, except the
 * whole-file buffers that `rank_mean` ranks over and `--label` evaluates (N numbers per member).
 */
import { openDataset } from '../data/open-dataset';
import { openWriter, outputFormatFromPath } from '../data/open-writer';
import { rowCountOrNull } from './row-count';
import { resolveEnsemble } from '../ensemble/resolve';
import { RankMeanCollector, rankMeanChunk, memberWeights } from '../ensemble/combine';
import { StudioError } from '../errors';
import type { JobRequest } from './protocol';
import type { HostScoreResult } from './results';
import type { JobContext } from './job-context';
import { loadModels, openSessions, releaseSessions } from './load-members';
import { featureColumns, planReads } from './read-plan';
import { scoreChunks } from './score-chunks';
import { combineChunk, type CombinedChunk } from './combine-chunk';
import { outputColumns } from './output-columns';
import { ScoreSummary } from './score-summary';
import { ProgressMeter } from './progress-meter';
import { LabelledCollector } from './labelled-collector';

export const DEFAULT_CHUNK_ROWS = 16_384;

export async function runScoreJob(request: JobRequest, ctx: JobContext): Promise<HostScoreResult> {
  if (!request.tempOutput || !request.output) throw new StudioError('internal', 'score needs an output path');
  const started = performance.now();
  const models = await loadModels(request.spec, request.baseDir);
  const reader = await openDataset(request.input);
  const infos = new Map([...models].map(([name, m]) => [name, m.info]));
  const resolved = resolveEnsemble(request.spec, infos, featureColumns(reader.info.columns, request.label));
  const reads = planReads(resolved, reader.info.columns, {
    keep: request.keep,
    keepAll: request.keepAll,
    label: request.label,
    file: request.input,
  });
  const loaded = await openSessions(models, { provider: request.provider, threads: request.threads });
  const writer = await openWriter(request.tempOutput, outputFormatFromPath(request.output));
  try {
    const total = reader.info.rowCount ?? (await rowCountOrNull(request.input, reader.info.format));
    const meter = new ProgressMeter(ctx.jobId, total, ctx.progress);
    meter.update(0, 'scoring', true);
    const summary = new ScoreSummary(resolved);
    const collector = request.label
      ? new LabelledCollector(resolved, request.label, request.input, request.ignoreUnknownLabels)
      : null;
    const chunkRows = request.chunkRows ?? DEFAULT_CHUNK_ROWS;
    const stream = () =>
      scoreChunks({
        resolved,
        members: loaded.members,
        reader,
        columns: reads.columns,
        chunkRows,
        signal: ctx.signal,
      });

    // rank_mean ranks over the whole file: a first pass collects the members' positive scores.
    let rankScores: Float64Array | null = null;
    if (resolved.combiner.method === 'rank_mean') {
      const ranks = new RankMeanCollector(memberWeights(resolved));
      let seen = 0;
      for await (const { chunk, memberScores } of stream()) {
        ranks.add(memberScores, chunk.rowCount);
        seen += chunk.rowCount;
        meter.update(Math.floor(seen / 2));
      }
      rankScores = ranks.finish();
    }

    let rows = 0;
    const offset = rankScores ? rankScores.length / 2 : 0;
    for await (const { chunk, memberScores } of stream()) {
      const combined: CombinedChunk = rankScores
        ? rankMeanChunk(rankScores, chunk.firstRow, chunk.rowCount)
        : combineChunk(resolved, memberScores, chunk.rowCount);
      await writer.write(
        outputColumns(resolved, chunk, combined, request.members ? memberScores : null, reads.keep),
      );
      summary.add(combined, memberScores, chunk.rowCount);
      collector?.add(chunk, memberScores, combined);
      rows += chunk.rowCount;
      meter.update(rankScores ? Math.floor(offset + rows / 2) : rows);
    }
    meter.update(rows, 'finishing', true);
    await writer.finish();
    const seconds = (performance.now() - started) / 1000;
    const evaluation = collector?.finish() ?? null;
    return {
      kind: 'score',
      rows,
      seconds,
      rowsPerSec: seconds > 0 ? rows / seconds : 0,
      providerRequested: request.provider,
      providerUsed: loaded.providerUsed,
      warnings: loaded.warnings,
      models: resolved.members.map((m) => ({ member: m.name, weight: m.weight, info: infos.get(m.name)! })),
      dataset: { ...reader.info, rowCount: rows },
      classes: resolved.task === 'classification' ? resolved.classes : null,
      metrics: evaluation?.metrics ?? [],
      artifacts: evaluation?.artifacts ?? {},
      predictionCounts: summary.predictionCounts(),
      members: summary.members(loaded.providerUsed),
      ...(evaluation ? { evaluation: evaluation.result } : {}),
    };
  } catch (error) {
    await writer.abort();
    throw error;
  } finally {
    await reader.close();
    await releaseSessions(loaded.members);
  }
}
