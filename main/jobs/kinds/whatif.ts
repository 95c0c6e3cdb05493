/**
 * `whatif`: an earlier run's stored member scores recombined with members dropped, weights or the
 * combiner changed, and evaluated; recorded as a run whose parent is that run. Loads no model and
 * reads no data file.
 */
import { WhatIfJobRequestSchema } from '../../../contract/contract';
import type { WhatIfHostInput } from '../../whatif/whatif-job';
import type { EvaluationResult } from '../../../contract/evaluation-types';
import { describeRun, doneHeadline } from './run-text';
import { renderTable } from './text-table';
import type { HostRequestBase, JobKindModule } from './kind';
import { formatCount } from '../../text/format-count';

export type WhatIfJobRequest = HostRequestBase<'whatif'> & WhatIfHostInput;

export const whatifKind: JobKindModule<'whatif', WhatIfJobRequest> = {
  kind: 'whatif',
  schema: WhatIfJobRequestSchema,
  pathFields: (request) => [{ field: 'save', path: request.save, mode: 'write' }],
  dataFile: () => null,
  writes: (request) => (request.save ? { specOutput: request.save } : {}),
  hostRequest: (request, base) => ({
    ...base,
    runId: request.runId,
    change: { drop: request.drop, weights: request.weights, combiner: request.combiner },
  }),
  run: async (request) => (await import('../../whatif/whatif-job')).runWhatIf(request),
  finish({ writes }, result, tools) {
    if (!writes.specOutput) return {};
    return { producedSpec: tools.specSavedAt(result.whatIf.spec, writes.specOutput) };
  },
  cli: {
    verb: 'Recombined',
    warningsOnStderr: true,
    text: (r, _request, verb) =>
      describeRun(
        doneHeadline(`${verb} run #${r.whatIf.runId}'s stored scores (${formatCount(r.rows)} rows)`, r),
        { ...r, metrics: [] },
        whatIfLines(r.whatIf.members, r.whatIf.combiner, r.whatIf.before, r.whatIf.after),
      ),
  },
};

/** The changed ensemble, then each ensemble metric before and after. */
function whatIfLines(
  members: { name: string; weight: number; dropped: boolean }[],
  combiner: string,
  before: EvaluationResult,
  after: EvaluationResult,
): string[] {
  const names = Object.keys(after.metrics.ensemble);
  return [
    `combiner: ${combiner}`,
    `members: ${members.map((m) => (m.dropped ? `${m.name} (dropped)` : `${m.name}=${m.weight}`)).join(', ')}`,
    '',
    renderTable(
      ['metric', 'before', 'after'],
      names.map((name) => [
        name,
        before.metrics.ensemble[name] ?? null,
        after.metrics.ensemble[name] ?? null,
      ]),
    ),
  ];
}
