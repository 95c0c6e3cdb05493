/** `score`: batch-score a data file with an ensemble into an output file. */
import { resolve } from 'node:path';
import { ScoreRequestSchema } from '../../../contract/contract';
import { outputFormatFromPath } from '../../data/format';
import { describeRun, rowsHeadline } from './run-text';
import { renderTable } from './text-table';
import type { HostRequestBase, JobKindModule } from './kind';
import type { ScoreFiles } from '../../whatif/score-store';
import type { CheckpointPlan } from '../../shards/checkpointer';
import { formatCount } from '../../text/format-count';

export interface ScoreJobRequest extends HostRequestBase<'score'> {
  /** The final output path; the host writes `tempOutput` and the engine renames it here. */
  output: string;
  keep: string[];
  keepAll: boolean;
  members: boolean;
  label?: string;
  ignoreUnknownLabels: boolean;
  chunkRows?: number;
  /** Neutralise formula-like text cells in CSV/TSV output (ScoreRequest.escapeFormulas). */
  escapeFormulas: boolean;
  /** Add the per-row uncertainty columns. */
  uncertainty: boolean;
  /** Added by the engine: where the members' scores are kept (with `label` and `members`) for what-ifs. */
  scoreFiles?: ScoreFiles;
  /** `--shard K/N`: only that shard's rows. */
  shard?: { index: number; count: number };
  /** Added by the engine for a resumable run (main/shards/checkpoint.ts): where to checkpoint, and from where to continue. */
  checkpoint?: CheckpointPlan;
}

export const scoreKind: JobKindModule<'score', ScoreJobRequest> = {
  kind: 'score',
  schema: ScoreRequestSchema,
  pathFields: (request) => [
    { field: 'input', path: request.input, mode: 'read' },
    { field: 'output', path: request.output, mode: 'write' },
  ],
  dataFile: (request) => ({ path: request.input, role: 'the input data file' }),
  // An output type the writers do not know is refused up front.
  checkRequest: (request) => void outputFormatFromPath(resolve(request.output)),
  writes: (request) => ({ output: request.output }),
  hostRequest: (request, base) => ({
    ...base,
    output: resolve(request.output),
    keep: request.keep,
    keepAll: request.keepAll,
    members: request.members,
    label: request.label,
    ignoreUnknownLabels: request.ignoreUnknownLabels,
    chunkRows: request.chunkRows,
    escapeFormulas: request.escapeFormulas,
    uncertainty: request.uncertainty,
    ...(request.shard ? { shard: request.shard } : {}),
  }),
  run: async (request, ctx) => (await import('../score-job')).runScoreJob(request, ctx),
  cli: {
    verb: 'Scored',
    warningsOnStderr: true,
    text(r, _request, verb) {
      const lines: string[] = [];
      if (r.shard) {
        const { index, count, firstRow, rows, totalRows } = r.shard;
        lines.push(
          `shard ${index}/${count}: data rows ${formatCount(firstRow)}–${formatCount(firstRow + rows)} of ${formatCount(totalRows)} (manifest: ${r.output ?? ''}.shard.json)`,
        );
      }
      if (r.resumed) {
        lines.push(
          `resumed run #${r.resumed.fromRunId}: its first ${formatCount(r.resumed.rowsBefore)} rows were kept`,
        );
      }
      if (r.predictionCounts) {
        lines.push(
          `predictions: ${Object.entries(r.predictionCounts)
            .map(([c, n]) => `${c}: ${formatCount(n)}`)
            .join(', ')}`,
        );
      }
      if (r.members.length > 0) {
        const classes = r.classes;
        const header = [
          'member',
          'weight',
          ...(classes ? ['agreement', ...classes.map((c) => `mean P(${c})`)] : ['mean']),
        ];
        lines.push(
          '',
          renderTable(
            header,
            r.members.map((m) => [
              m.name,
              m.weight,
              ...(classes ? [m.agreement === null ? null : `${(100 * m.agreement).toFixed(1)} %`] : []),
              ...m.means,
            ]),
          ),
        );
      }
      return describeRun(rowsHeadline(verb, r), r, lines);
    },
  },
};
