/**
 * `score`: every row of a data file through every member, combined, written aside and handed
 * back for the engine to rename into place. Memory stays flat: one chunk at a time, except the
 * whole-file buffers that `rank_mean` ranks over and `--label` evaluates (N numbers per member).
 */
import { openWriter, outputFormatFromPath } from '../data/open-writer';
import { RankMeanCollector, rankMeanChunk, memberWeights } from '../ensemble/combine';
import { StudioError } from '../../contract/errors';
import type { ScoreJobRequest } from './protocol';
import type { HostScoreResult } from '../../contract/job-results';
import type { JobContext } from './job-context';
import { combineChunk, type CombinedChunk } from './combine-chunk';
import { assertNoNameClash, emptyChunk, outputColumns } from './output-columns';
import { ScoreSummary } from './score-summary';
import { LabelledCollector } from './labelled-collector';
import { openScoringSession } from './scoring-session';

export async function runScoreJob(request: ScoreJobRequest, ctx: JobContext): Promise<HostScoreResult> {
  if (!request.tempOutput || !request.output) throw new StudioError('internal', 'score needs an output path');
  const session = await openScoringSession(request, ctx, { keep: request.keep, keepAll: request.keepAll });
  const { resolved, reads, meter } = session;
  try {
    const extras = { members: request.members, uncertainty: request.uncertainty };
    assertNoNameClash(resolved, reads.keep, extras, request.input);
    const writer = await openWriter(request.tempOutput, outputFormatFromPath(request.output), {
      escapeFormulas: request.escapeFormulas,
      writeBehind: true,
    });
    try {
      const summary = new ScoreSummary(resolved);
      const collector = request.label
        ? new LabelledCollector(resolved, request.label, request.input, request.ignoreUnknownLabels)
        : null;

      // rank_mean ranks over the whole file: a first pass collects the members' positive scores.
      let rankScores: Float64Array | null = null;
      if (resolved.combiner.method === 'rank_mean') {
        const ranks = new RankMeanCollector(memberWeights(resolved));
        let seen = 0;
        for await (const { chunk, memberScores } of session.stream()) {
          ranks.add(memberScores, chunk.rowCount);
          seen += chunk.rowCount;
          meter.update(Math.floor(seen / 2));
        }
        rankScores = ranks.finish();
      }

      let rows = 0;
      const offset = rankScores ? rankScores.length / 2 : 0;
      for await (const { chunk, memberScores } of session.stream()) {
        const combined: CombinedChunk = rankScores
          ? rankMeanChunk(rankScores, chunk.firstRow, chunk.rowCount)
          : combineChunk(resolved, memberScores, chunk.rowCount);
        await writer.write(outputColumns(resolved, chunk, combined, memberScores, reads.keep, extras));
        summary.add(combined, memberScores, chunk.rowCount);
        collector?.add(chunk, memberScores, combined);
        rows += chunk.rowCount;
        meter.update(rankScores ? Math.floor(offset + rows / 2) : rows);
      }
      // A file with a header and no rows still gets its output's header (an empty output, not 0 bytes).
      if (rows === 0) {
        const empty = emptyChunk(reads.columns);
        const noScores = resolved.members.map(() => new Float64Array(0));
        await writer.write(
          outputColumns(
            resolved,
            empty,
            rankScores ? rankMeanChunk(rankScores, 0, 0) : combineChunk(resolved, noScores, 0),
            noScores,
            reads.keep,
            extras,
          ),
        );
      }
      meter.update(rows, 'finishing', true);
      await writer.finish();
      const evaluation = collector?.finish() ?? null;
      const report = session.report(rows);
      // With labels and members, kept so a what-if can recombine them later (as for evaluate runs).
      if (collector && request.members && request.scoreFiles) {
        const { spec, baseDir } = request;
        await collector.keepScores(request.scoreFiles.temp, { spec, baseDir, models: report.models });
      }
      return {
        kind: 'score',
        ...report,
        metrics: evaluation?.metrics ?? [],
        artifacts: evaluation?.artifacts ?? {},
        predictionCounts: summary.predictionCounts(),
        members: summary.members(report.providerUsed),
        ...(evaluation ? { evaluation: evaluation.result } : {}),
      };
    } catch (error) {
      await writer.abort();
      throw error;
    }
  } finally {
    await session.close();
  }
}
