/**
 * `optimize`: greedy weights, a stacking meta-model or a calibration map fitted on a labelled file;
 * writes the new spec.
 */
import { OptimizeRequestSchema } from '../../../contract/contract';
import { describeRun, rowsHeadline } from './run-text';
import { renderTable } from './text-table';
import type { EnsembleSpec } from '../../../contract/ensemble-spec';
import type { EvaluationResult } from '../../../contract/evaluation-types';
import type { HostRequestBase, JobKindModule } from './kind';

export interface OptimizeJobRequest extends HostRequestBase<'optimize'> {
  label: string;
  ignoreUnknownLabels: boolean;
  method: 'greedy' | 'stacking' | 'calibrate';
  calibration: 'sigmoid' | 'isotonic';
  size: number;
}

export const optimizeKind: JobKindModule<'optimize', OptimizeJobRequest> = {
  kind: 'optimize',
  schema: OptimizeRequestSchema,
  pathFields: (request) => [
    { field: 'input', path: request.input, mode: 'read' },
    { field: 'output', path: request.output, mode: 'write' },
    { field: 'report', path: request.report, mode: 'write' },
  ],
  dataFile: (request) => ({ path: request.input, role: 'the input data file' }),
  writes: (request) => ({
    specOutput: request.output,
    ...(request.report ? { report: request.report } : {}),
  }),
  hostRequest: (request, base) => ({
    ...base,
    label: request.label,
    ignoreUnknownLabels: request.ignoreUnknownLabels,
    method: request.method,
    calibration: request.calibration,
    size: request.size,
  }),
  run: async (request, ctx) => (await import('../optimize-job')).runOptimizeJob(request, ctx),
  finish({ request, writes }, result, tools) {
    if (!writes.specOutput) return {};
    // The spec as written (paths relative to its new folder) is the version the history keeps.
    result.spec = tools.specSavedAt(result.spec, writes.specOutput);
    const title = `${result.spec.name}: ${request.method} optimisation`;
    return {
      producedSpec: result.spec,
      ...(writes.report && result.after
        ? { report: { evaluation: result.after, title, spec: result.spec } }
        : {}),
    };
  },
  cli: {
    verb: 'Optimised on',
    warningsOnStderr: true,
    text(r, _request, verb) {
      const lines: string[] = [];
      if (r.weights) {
        const last = r.trajectory?.at(-1);
        lines.push(
          '',
          `greedy weights${last ? ` after ${last.round} rounds (loss ${last.loss.toPrecision(5)})` : ''}:`,
          renderTable(
            ['member', 'weight'],
            Object.entries(r.weights).map(([name, w]) => [name, w]),
          ),
        );
        if (r.trajectory && r.trajectory.length > 0)
          lines.push('', 'loss trajectory:', describeTrajectory(r.trajectory));
      } else if (r.method === 'calibrate') {
        lines.push('', ...describeCalibration(r.spec, r.before, r.after));
      } else if (r.method === 'stacking') {
        lines.push(
          '',
          'stacking meta-model fitted; the metrics below are the stacked ensemble on the hold-out file',
        );
      }
      return describeRun(rowsHeadline(verb, r), r, lines);
    },
  },
};

/** The greedy search round by round, runs of the same choice folded into one line. */
function describeTrajectory(steps: readonly { round: number; member: string; loss: number }[]): string {
  const rows: (string | number)[][] = [];
  let start = 0;
  for (let i = 1; i <= steps.length; i++) {
    if (i < steps.length && steps[i]!.member === steps[start]!.member) continue;
    const first = steps[start]!;
    const last = steps[i - 1]!;
    rows.push([
      first.round === last.round ? `${first.round}` : `${first.round}–${last.round}`,
      first.member,
      last.loss,
    ]);
    start = i;
  }
  return renderTable(['rounds', 'member added', 'loss after'], rows);
}

/** The fitted map in one line, then log loss and Brier score before and after on the hold-out file. */
function describeCalibration(
  spec: EnsembleSpec,
  before: EvaluationResult | undefined,
  after: EvaluationResult | undefined,
): string[] {
  const calibration = spec.calibration;
  if (!calibration) return [];
  const maps = calibration.maps.length;
  const what =
    calibration.method === 'sigmoid'
      ? `sigmoid (Platt) calibration, ${maps} map${maps === 1 ? '' : 's'}: ` +
        calibration.maps.map((m) => `a=${m.a.toPrecision(6)} b=${m.b.toPrecision(6)}`).join('; ')
      : `isotonic calibration, ${maps} map${maps === 1 ? '' : 's'} of ` +
        calibration.maps.map((m) => m.x.length).join(', ') +
        ' points';
  const metric = (e: EvaluationResult | undefined, name: string) => e?.metrics.ensemble[name] ?? null;
  const rows = ['log_loss', 'brier'].map((name) => {
    const b = metric(before, name);
    const a = metric(after, name);
    return [name, b, a, a !== null && b !== null ? a - b : null];
  });
  return [
    `${what} (fitted on the hold-out file: its metrics below are in-sample)`,
    renderTable(['metric', 'before', 'after', 'change'], rows),
  ];
}
