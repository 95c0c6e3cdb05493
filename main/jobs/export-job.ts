/**
 * `export`: the whole ensemble as one ONNX model that plain ONNX Runtime runs, written aside for
 * the engine to rename into place. With a data file (`--check`), the file is scored both by the
 * app and by the fused model, and the largest difference and the label agreement are reported.
 */
import { writeFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { openDataset } from '../data/open-dataset';
import type { ColumnRequest, DatasetInfo } from '../data/types';
import { resolveEnsemble } from '../ensemble/resolve';
import { widestRequest } from '../ensemble/resolve-inputs';
import { StudioError } from '../errors';
import { compareOutputs, fusedColumnRequests, scoreFusedChunk } from '../export/check-fused';
import { fuseEnsemble, type FusedModel } from '../export/fuse';
import { appVersion } from '../engine/app-version';
import type { ResolvedEnsemble } from '../ensemble/plan';
import { assumedColumns } from '../ensemble/assumed-columns';
import { combineChunk } from './combine-chunk';
import type { JobContext } from './job-context';
import {
  loadModels,
  openSessions,
  releaseSessions,
  modelInfos,
  memberReports,
  type LoadedModels,
} from './load-members';
import { ProgressMeter } from './progress-meter';
import type { JobRequest } from './protocol';
import type { HostExportResult } from './results';
import { rowCountOrNull } from './row-count';
import { scoreChunks } from './score-chunks';
import { DEFAULT_CHUNK_ROWS } from './scoring-session';

export async function runExportJob(request: JobRequest, ctx: JobContext): Promise<HostExportResult> {
  if (!request.tempOutput) throw new StudioError('internal', 'export needs an output path');
  const started = performance.now();
  const models = await loadModels(request.spec, request.baseDir);
  const infos = modelInfos(models);
  const reader = request.input ? await openDataset(request.input) : null;
  const columns = reader ? reader.info.columns : assumedColumns(request.spec, infos);
  const resolved = resolveEnsemble(request.spec, infos, columns);
  const fused = fuseEnsemble(resolved, models, {
    inputLayout: request.layout ?? 'per-column',
    appVersion: appVersion(),
  });
  await writeFile(request.tempOutput, fused.bytes);

  let parity: HostExportResult['parity'] = null;
  let rows = 0;
  const warnings: string[] = [];
  if (reader) {
    const checked = await checkParity(request, ctx, resolved, models, fused, reader);
    parity = checked.parity;
    rows = checked.parity.rows;
    warnings.push(...checked.warnings);
  }
  const seconds = (performance.now() - started) / 1000;
  const dataset: DatasetInfo | null = reader ? { ...reader.info, rowCount: rows } : null;
  return {
    kind: 'export',
    rows,
    seconds,
    rowsPerSec: rows > 0 && seconds > 0 ? rows / seconds : 0,
    providerRequested: 'cpu',
    providerUsed: 'cpu',
    warnings,
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
}

/** Scores the file with the app and with the fused model, chunk by chunk, and compares. */
async function checkParity(
  request: JobRequest,
  ctx: JobContext,
  resolved: ResolvedEnsemble,
  models: LoadedModels,
  fused: FusedModel,
  reader: NonNullable<Awaited<ReturnType<typeof openDataset>>>,
): Promise<{ parity: NonNullable<HostExportResult['parity']>; warnings: string[] }> {
  const loaded = await openSessions(models, { provider: 'cpu', threads: request.threads });
  const session = await ort.InferenceSession.create(fused.bytes, {
    logSeverityLevel: 4,
    ...(request.threads ? { intraOpNumThreads: request.threads } : {}),
  });
  // One read serves both: each column at the widest type either side needs.
  const reads = new Map<string, ColumnRequest>(resolved.columns);
  for (const [name, type] of fusedColumnRequests(fused.inputs)) {
    const previous = reads.get(name);
    reads.set(name, previous ? widestRequest(previous, type) : type);
  }
  try {
    const total = reader.info.rowCount ?? (await rowCountOrNull(request.input, reader.info.format));
    const meter = new ProgressMeter(ctx.jobId, total, ctx.progress);
    let rows = 0;
    let same = 0;
    let maxAbsDiff = 0;
    const disagreements: number[] = [];
    for await (const { chunk, memberScores } of scoreChunks({
      resolved,
      members: loaded.members,
      reader,
      columns: reads,
      chunkRows: DEFAULT_CHUNK_ROWS,
      signal: ctx.signal,
    })) {
      const app = combineChunk(resolved, memberScores, chunk.rowCount);
      const fusedOut = await scoreFusedChunk(session, fused.inputs, chunk);
      const appLabels =
        'values' in app ? null : Array.from(app.prediction, (k) => (k < 0 ? '' : resolved.classes[k]!));
      const parity = compareOutputs(
        'values' in app ? app.values : app.proba,
        fusedOut.values,
        appLabels,
        fusedOut.labels,
      );
      maxAbsDiff = Math.max(maxAbsDiff, parity.maxAbsDiff);
      same += Math.round(parity.agreement * chunk.rowCount);
      for (const r of parity.disagreements)
        if (disagreements.length < 20) disagreements.push(chunk.firstRow + r);
      rows += chunk.rowCount;
      meter.update(rows);
    }
    return {
      parity: { rows, maxAbsDiff, agreement: rows > 0 ? same / rows : 1, disagreements },
      warnings: loaded.warnings,
    };
  } finally {
    await session.release();
    await releaseSessions(loaded.members);
  }
}
