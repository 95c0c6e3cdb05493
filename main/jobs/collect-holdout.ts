/**
 * Scores a labelled file with every member and the ensemble, keeping what evaluate and optimize
 * need (no output file). Shared by both jobs so they see exactly the same numbers.
 */
import type { ResolvedEnsemble } from '../ensemble/plan';
import { RankMeanCollector, rankMeanChunk, memberWeights } from '../ensemble/combine';
import { StudioError } from '../../contract/errors';
import type { JobRequest } from './protocol';
import type { JobContext } from './job-context';
import { combineChunk } from './combine-chunk';
import { LabelledCollector } from './labelled-collector';
import type { HostJobReport } from '../../contract/job-results';
import { openScoringSession } from './scoring-session';

export interface Holdout {
  resolved: ResolvedEnsemble;
  collector: LabelledCollector;
  /** The ensemble's scores on the kept rows (rank_mean placed from its whole-file ranks). */
  ensembleScores: Float64Array;
  report: Omit<HostJobReport, 'metrics' | 'artifacts'>;
}

export async function collectHoldout(
  request: JobRequest<'evaluate' | 'optimize'>,
  ctx: JobContext,
): Promise<Holdout> {
  if (!request.label) throw new StudioError('bad_input', 'a label column is required');
  const session = await openScoringSession(request, ctx);
  const { resolved, meter } = session;
  try {
    const collector = new LabelledCollector(
      resolved,
      request.label,
      request.input,
      request.ignoreUnknownLabels,
    );
    const ranks =
      resolved.combiner.method === 'rank_mean' ? new RankMeanCollector(memberWeights(resolved)) : null;
    let rows = 0;
    for await (const { chunk, memberScores } of session.stream()) {
      ranks?.add(memberScores, chunk.rowCount);
      collector.add(chunk, memberScores, ranks ? null : combineChunk(resolved, memberScores, chunk.rowCount));
      rows += chunk.rowCount;
      meter.update(rows);
    }
    meter.update(rows, 'finishing', true);
    const ensembleScores = ranks
      ? collector.keptRowsOf(rankMeanChunk(ranks.finish(), 0, rows).proba)
      : collector.collected().ensemble;
    return { resolved, collector, ensembleScores, report: session.report(rows) };
  } finally {
    await session.close();
  }
}
