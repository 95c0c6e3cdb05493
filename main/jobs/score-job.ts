/**
 * `score`: every row of a data file through every member, combined, written aside and handed
 * back for the engine to rename into place. Memory stays flat: one chunk at a time, except the
 * whole-file buffers that `rank_mean` ranks over and `--label` evaluates (N numbers per member).
 *
 * `--shard K/N` scores only its rows of the file; a resumable run (a text output, see
 * main/shards/checkpoint.ts) checkpoints as chunks reach the file and, resumed, continues the
 * partial output after the rows it already holds.
 */
import { openTrackedWriter, openWriter, outputFormatFromPath, isTextFormat } from '../data/open-writer';
import { countRows } from '../data/count-rows';
import { formatFromPath } from '../data/format';
import { RankMeanCollector, rankMeanChunk, memberWeights } from '../ensemble/combine';
import { StudioError } from '../../contract/errors';
import type { ScoreJobRequest } from './protocol';
import type { HostScoreResult } from '../../contract/job-results';
import type { TableWriter } from '../../contract/data-types';
import type { JobContext } from './job-context';
import { combineChunk, type CombinedChunk } from './combine-chunk';
import { assertNoNameClash, emptyChunk, outputColumns } from './output-columns';
import { ScoreSummary } from './score-summary';
import { LabelledCollector } from './labelled-collector';
import { openScoringSession, type RowsPlan } from './scoring-session';
import { shardRange, type ShardRange } from '../shards/shard-range';
import { Checkpointer } from '../shards/checkpointer';
import type { ResumableWriter } from '../data/written-so-far';

export async function runScoreJob(request: ScoreJobRequest, ctx: JobContext): Promise<HostScoreResult> {
  if (!request.tempOutput || !request.output) throw new StudioError('internal', 'score needs an output path');
  const resume = request.checkpoint?.resume;
  // Filled in once the session knows the file's row count.
  const scope: { shard?: ShardRange & { totalRows: number } } = {};
  const rows = async (fileRows: number | null): Promise<RowsPlan> => {
    let skip = 0;
    let take: number | undefined;
    let total = fileRows;
    if (request.shard) {
      // The range needs the exact count; a file that cannot be counted says why here.
      const totalRows = fileRows ?? (await countRows(request.input, formatFromPath(request.input)));
      const shard = { ...shardRange(request.shard.index, request.shard.count, totalRows), totalRows };
      scope.shard = shard;
      skip = shard.firstRow;
      take = shard.rows;
      total = shard.rows;
    }
    const done = resume?.rowsDone ?? 0;
    return { skip: skip + done, ...(take === undefined ? {} : { take: take - done }), done, total };
  };
  const session = await openScoringSession(request, ctx, {
    keep: request.keep,
    keepAll: request.keepAll,
    ...(request.shard || resume ? { rows } : {}),
  });
  const { resolved, reads, meter } = session;
  try {
    if (resolved.combiner.method === 'rank_mean' && (request.shard || request.checkpoint)) {
      throw new StudioError(
        'bad_input',
        'the rank_mean combiner ranks over the whole file, so a shard or a resumed run cannot score part of it',
      );
    }
    const extras = { members: request.members, uncertainty: request.uncertainty };
    assertNoNameClash(resolved, reads.keep, extras, request.input);
    const format = outputFormatFromPath(request.output);
    const summary = new ScoreSummary(resolved);
    if (resume) summary.restore(resume.summary);
    const checkpointer = request.checkpoint ? new Checkpointer(request.checkpoint) : null;
    const tracked: ResumableWriter | null =
      checkpointer && isTextFormat(format)
        ? await openTrackedWriter(request.tempOutput, format, {
            escapeFormulas: request.escapeFormulas,
            writeBehind: true,
            ...(resume ? { resume: { bytes: resume.bytes, sha256: resume.sha256 } } : {}),
            onWritten: (written) => checkpointer.written(written),
          })
        : null;
    const writer: TableWriter =
      tracked ??
      (await openWriter(request.tempOutput, format, {
        escapeFormulas: request.escapeFormulas,
        writeBehind: true,
      }));
    // The first checkpoint names the run before any chunk is in the file.
    checkpointer?.save();
    try {
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

      const rowsBefore = resume?.rowsDone ?? 0;
      let rows = rowsBefore;
      const offset = rankScores ? rankScores.length / 2 : 0;
      for await (const { chunk, memberScores } of session.stream()) {
        const combined: CombinedChunk = rankScores
          ? rankMeanChunk(rankScores, chunk.firstRow, chunk.rowCount)
          : combineChunk(resolved, memberScores, chunk.rowCount);
        summary.add(combined, memberScores, chunk.rowCount);
        collector?.add(chunk, memberScores, combined);
        rows += chunk.rowCount;
        checkpointer?.handedOver(rows, summary.state());
        await writer.write(outputColumns(resolved, chunk, combined, memberScores, reads.keep, extras));
        meter.update(rankScores ? Math.floor(offset + rows / 2) : rows);
      }
      // A file with a header and no rows still gets its output's header (an empty output, not 0 bytes).
      if (rows === 0) {
        const empty = emptyChunk(reads.columns);
        const noScores = resolved.members.map(() => new Float64Array(0));
        checkpointer?.handedOver(0, summary.state());
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
      const report = session.report(rows - rowsBefore);
      // With labels and members, kept so a what-if can recombine them later (as for evaluate runs).
      if (collector && request.members && request.scoreFiles) {
        const { spec, baseDir } = request;
        await collector.keepScores(request.scoreFiles.temp, { spec, baseDir, models: report.models });
      }
      const { shard } = scope;
      const writtenSha256 = checkpointer?.writtenSha256();
      return {
        kind: 'score',
        ...report,
        ...(writtenSha256 ? { writtenSha256 } : {}),
        // The output holds every row, an earlier attempt's included; the rate is this attempt's.
        rows,
        ...(report.dataset
          ? { dataset: { ...report.dataset, rowCount: shard ? shard.totalRows : rows } }
          : {}),
        metrics: evaluation?.metrics ?? [],
        artifacts: evaluation?.artifacts ?? {},
        predictionCounts: summary.predictionCounts(),
        members: summary.members(report.providerUsed),
        ...(evaluation ? { evaluation: evaluation.result } : {}),
        ...(shard && request.shard ? { shard: { ...request.shard, ...shard } } : {}),
        ...(resume ? { resumed: { fromRunId: resume.fromRunId, rowsBefore } } : {}),
      };
    } catch (error) {
      // A cancel can surface as another error (a reader worker stopped mid-chunk): the signal says
      // what happened.
      const cancelled = isCancel(error) || ctx.signal.aborted;
      if (checkpointer && tracked && cancelled) {
        // Stopped on request: the partial output and its checkpoint stay for `score --resume`.
        await tracked.close();
        checkpointer.save();
      } else {
        await writer.abort();
      }
      throw cancelled && !isCancel(error) ? new StudioError('cancelled', 'cancelled') : error;
    }
  } finally {
    await session.close();
  }
}

function isCancel(error: unknown): boolean {
  return error instanceof StudioError && error.code === 'cancelled';
}
