/**
 * `export`: the whole ensemble as one ONNX model that plain ONNX Runtime runs, written aside for
 * the engine to rename into place. With a data file (`--check`), the file is scored both by the
 * app and by the fused model, and the largest difference and the label agreement are reported.
 */
import { writeFile } from 'node:fs/promises';
import type { DatasetInfo } from '../../contract/data-types';
import { resolveEnsemble } from '../ensemble/resolve';
import { StudioError } from '../../contract/errors';
import { checkParity } from '../export/check-fused';
import { fuseEnsemble } from '../export/fuse';
import { appVersion } from '../environment/app-version';
import { assumedColumns } from '../ensemble/assumed-columns';
import type { JobContext } from './job-context';
import { loadModels, modelInfos, memberReports } from './load-members';
import type { ExportJobRequest as JobRequest } from './protocol';
import type { HostExportResult } from '../../contract/job-results';
import { openScoringSession } from './scoring-session';

export async function runExportJob(request: JobRequest, ctx: JobContext): Promise<HostExportResult> {
  if (!request.tempOutput) throw new StudioError('internal', 'export needs an output path');
  const started = performance.now();
  // With a data file, the parity check scores it exactly as `score` does: the scoring session
  // reads the models and the file and resolves the ensemble, and the fused model is built from it.
  const scoring = request.input ? await openScoringSession(request, ctx) : null;
  try {
    const models = scoring?.models ?? (await loadModels(request.spec, request.baseDir));
    const resolved =
      scoring?.resolved ??
      resolveEnsemble(request.spec, modelInfos(models), assumedColumns(request.spec, modelInfos(models)));
    const fused = fuseEnsemble(resolved, models, {
      inputLayout: request.layout ?? 'per-column',
      appVersion: appVersion(),
    });
    await writeFile(request.tempOutput, fused.bytes);

    const parity = scoring ? await checkParity(scoring, fused, { threads: request.threads }) : null;
    const rows = parity?.rows ?? 0;
    const seconds = (performance.now() - started) / 1000;
    const dataset: DatasetInfo | null = scoring ? { ...scoring.reader.info, rowCount: rows } : null;
    return {
      kind: 'export',
      rows,
      seconds,
      rowsPerSec: rows > 0 && seconds > 0 ? rows / seconds : 0,
      providerRequested: 'cpu',
      providerUsed: 'cpu',
      warnings: scoring ? [...scoring.loaded.warnings] : [],
      models: memberReports(resolved, models),
      dataset,
      classes: resolved.task === 'classification' ? resolved.classes : null,
      metrics: parity
        ? [
            { scope: 'ensemble', name: 'parity_max_abs_diff', value: parity.maxAbsDiff },
            { scope: 'ensemble', name: 'parity_agreement', value: parity.agreement },
          ]
        : [],
      artifacts: { fused: { inputs: fused.inputs, outputs: fused.outputs, layout: request.layout } },
      sizeBytes: fused.bytes.length,
      layout: request.layout ?? 'per-column',
      inputs: fused.inputs.map((i) => ({ name: i.name, columns: [...i.columns], type: i.type })),
      outputs: fused.outputs,
      opsets: fused.model.opsetImport.map((o) => ({
        domain: o.domain || 'ai.onnx',
        version: Number(o.version),
      })),
      parity,
    };
  } finally {
    await scoring?.close();
  }
}
