/** `precision`: a float16 or int8 variant of a member or the fused model, measured on a data file. */
import { PrecisionRequestSchema } from '../../../contract/contract';
import { describeRun, rowsHeadline } from './run-text';
import { renderTable } from './text-table';
import type { HostRequestBase, JobKindModule } from './kind';
import { requireOnnxOutput } from './onnx-output';
import { formatCount } from '../../text/format-count';

export interface PrecisionJobRequest extends HostRequestBase<'precision'> {
  variant: 'float16' | 'int8';
  /** A member's model; without it, the ensemble's fused model. */
  member?: string;
  label?: string;
  sampleRows: number;
}

export const precisionKind: JobKindModule<'precision', PrecisionJobRequest> = {
  kind: 'precision',
  schema: PrecisionRequestSchema,
  pathFields: (request) => [
    { field: 'input', path: request.input, mode: 'read' },
    { field: 'output', path: request.output, mode: 'write' },
  ],
  dataFile: (request) => ({ path: request.input, role: 'the input data file' }),
  checkRequest: (request) => requireOnnxOutput(request.output),
  writes: (request) => ({ output: request.output }),
  hostRequest: (request, base) => ({
    ...base,
    variant: request.variant,
    member: request.member,
    label: request.label,
    sampleRows: request.sampleRows,
  }),
  run: async (request, ctx) => (await import('../precision-job')).runPrecisionJob(request, ctx),
  cli: {
    verb: 'Measured',
    warningsOnStderr: true,
    text(r, _request, verb) {
      const p = r.precision;
      const lines = [
        '',
        `${r.variant} variant of ${r.subject}, measured on ${formatCount(p.rows)} rows:`,
        renderTable(
          ['', 'size (bytes)', 'rows/s', ...(p.accuracy ? ['accuracy'] : [])],
          [
            [
              'original',
              p.original.sizeBytes,
              Math.round(p.original.rowsPerSec),
              ...(p.accuracy ? [p.accuracy.original] : []),
            ],
            [
              r.variant,
              p.variant.sizeBytes,
              Math.round(p.variant.rowsPerSec),
              ...(p.accuracy ? [p.accuracy.variant] : []),
            ],
          ],
        ),
        `largest difference ${p.maxAbsDiff.toExponential(2)}; predictions agree on ` +
          `${p.agreement === null ? '–' : `${(100 * p.agreement).toFixed(2)} %`} of rows` +
          (p.accuracy
            ? `; accuracy change ${p.accuracy.change >= 0 ? '+' : ''}${p.accuracy.change.toFixed(4)}`
            : ''),
      ];
      for (const c of r.changed) lines.push(`  · ${c}`);
      return describeRun(rowsHeadline(verb, r), r, lines);
    },
  },
};
