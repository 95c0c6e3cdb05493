/** `evaluate`: metrics and plot data for each member and the ensemble on a labelled file. */
import { EvaluateRequestSchema } from '../../../contract/contract';
import { describeRun, rowsHeadline } from './run-text';
import type { HostRequestBase, JobKindModule } from './kind';
import type { ScoreFiles } from '../../whatif/score-store';

export interface EvaluateJobRequest extends HostRequestBase<'evaluate'> {
  label: string;
  ignoreUnknownLabels: boolean;
  /** Added by the engine: the temp file the members' scores are kept in for later what-ifs. */
  scoreFiles?: ScoreFiles;
}

export const evaluateKind: JobKindModule<'evaluate', EvaluateJobRequest> = {
  kind: 'evaluate',
  schema: EvaluateRequestSchema,
  pathFields: (request) => [
    { field: 'input', path: request.input, mode: 'read' },
    { field: 'report', path: request.report, mode: 'write' },
  ],
  dataFile: (request) => ({ path: request.input, role: 'the input data file' }),
  writes: (request) => (request.report ? { report: request.report } : {}),
  hostRequest: (request, base) => ({
    ...base,
    label: request.label,
    ignoreUnknownLabels: request.ignoreUnknownLabels,
  }),
  run: async (request, ctx) => (await import('../evaluate-job')).runEvaluateJob(request, ctx),
  finish({ writes, spec }, result, tools) {
    // The file an optimize run fitted this version on measures the fit, not new data: say so.
    const fitRun = tools.fittedOnThisData();
    if (fitRun !== null) {
      result.inSample = true;
      result.inSampleRunId = fitRun;
      result.warnings = [
        ...result.warnings,
        `In-sample: this file is the one the ensemble was optimised on (run #${fitRun}); these results overstate how it does on new data`,
      ];
    }
    if (!writes.report) return {};
    return { report: { evaluation: result.evaluation, title: `${spec.name}: evaluation`, spec } };
  },
  cli: {
    verb: 'Evaluated',
    warningsOnStderr: true,
    text: (r, _request, verb) => describeRun(rowsHeadline(verb, r), r, []),
  },
};
