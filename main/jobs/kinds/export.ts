/** `export`: the ensemble as one fused ONNX file, optionally checked against the app on a data file. */
import { ExportRequestSchema } from '../../../contract/contract';
import { describeRun, doneHeadline } from './run-text';
import type { HostRequestBase, JobKindModule } from './kind';
import { requireOnnxOutput } from './onnx-output';
import { formatCount } from '../../text/format-count';

export interface ExportJobRequest extends HostRequestBase<'export'> {
  /** The fused model's input layout; `input` is the optional check file. */
  layout: 'per-column' | 'matrix';
}

export const exportKind: JobKindModule<'export', ExportJobRequest> = {
  kind: 'export',
  schema: ExportRequestSchema,
  // An export reads a data file only to check the fused model against the app.
  pathFields: (request) => [
    { field: 'output', path: request.output, mode: 'write' },
    { field: 'check', path: request.check, mode: 'read' },
  ],
  dataFile: (request) => (request.check ? { path: request.check, role: 'the check data file' } : null),
  checkRequest: (request) => requireOnnxOutput(request.output),
  writes: (request) => ({ output: request.output }),
  hostRequest: (request, base) => ({ ...base, layout: request.layout }),
  run: async (request, ctx) => (await import('../export-job')).runExportJob(request, ctx),
  cli: {
    verb: 'Exported',
    warningsOnStderr: true,
    text(r) {
      // An export scores rows only with --check (its own line below says how many): say what it did.
      const lines = [
        `fused model: ${r.inputs.length} input${r.inputs.length === 1 ? '' : 's'} → ${r.outputs.join(', ')}; ` +
          `opsets ${r.opsets.map((o) => `${o.domain} ${o.version}`).join(', ')}; ${r.sizeBytes} bytes`,
      ];
      if (r.parity) {
        lines.push(
          `check on ${formatCount(r.parity.rows)} rows: largest difference from the app ` +
            `${r.parity.maxAbsDiff.toExponential(2)}, labels agree on ${(100 * r.parity.agreement).toFixed(2)} %`,
        );
      }
      return describeRun(doneHeadline('Exported the ensemble as one ONNX model', r), r, lines);
    },
  },
};
