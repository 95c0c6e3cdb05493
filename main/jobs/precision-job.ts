/**
 * `precision`: a lighter variant (float16 weights, or int8 MatMul/Gemm weights) of one member's
 * model or of the ensemble's fused model, measured against the original on the analyst's own
 * data: size, rows/s, largest difference, prediction agreement and, with labels, the accuracy
 * change. The variant is written aside for the engine to rename into place.
 */
import { writeFile } from 'node:fs/promises';
import { openDataset } from '../data/open-dataset';
import type { DataChunk } from '../../contract/data-types';
import { resolveEnsemble } from '../ensemble/resolve';
import { buildFeeds } from '../ensemble/feeds';
import type { MemberPlan, ResolvedEnsemble } from '../ensemble/plan';
import { StudioError } from '../../contract/errors';
import { fusedColumnRequests, fusedFeeds } from '../export/check-fused';
import { fuseEnsemble } from '../export/fuse';
import { appVersion } from '../environment/app-version';
import { mapLabels, type LabelColumn } from '../evaluate/labels';
import { parseModel, serializeModel } from '../model/onnx-proto';
import { convertToFloat16 } from '../precision/float16';
import { quantizeInt8 } from '../precision/quantize-int8';
import { precisionReport, type Feeds } from '../precision/precision-report';
import { toFeeds } from '../runtime/tensors';
import type { JobContext } from './job-context';
import { loadModels, modelInfos, memberReports, type LoadedModels } from './load-members';
import type { PrecisionJobRequest as JobRequest } from './protocol';
import { featureColumns } from './read-plan';
import type { HostPrecisionResult } from '../../contract/job-results';

interface Subject {
  name: string;
  bytes: Uint8Array;
  columns: Map<string, 'float32' | 'float64' | 'int64' | 'string'>;
  feeds(chunk: DataChunk): Feeds;
  output: string;
  kind: 'probabilities' | 'value';
  /** Class order of the compared output, for mapping labels. */
  classes: string[] | null;
}

export async function runPrecisionJob(request: JobRequest, ctx: JobContext): Promise<HostPrecisionResult> {
  if (!request.tempOutput || !request.variant)
    throw new StudioError('internal', 'precision needs a variant and an output');
  const started = performance.now();
  ctx.progress({
    jobId: ctx.jobId,
    phase: 'loading',
    rowsDone: 0,
    rowsTotal: null,
    rowsPerSec: 0,
    etaSeconds: null,
    elapsedSeconds: 0,
  });
  const models = await loadModels(request.spec, request.baseDir);
  const infos = modelInfos(models);
  const reader = await openDataset(request.input);
  const resolved = resolveEnsemble(request.spec, infos, featureColumns(reader.info.columns, request.label));
  const subject = chooseSubject(request, resolved, models);

  const variant = makeVariant(subject.bytes, request.variant);
  await writeFile(request.tempOutput, variant.bytes);

  // The sample: the first `sampleRows` rows, as feed batches (and labels, when given).
  const limit = request.sampleRows ?? 50_000;
  const columns = new Map(subject.columns);
  if (request.label) columns.set(request.label, 'string');
  const batches: Feeds[] = [];
  const labels: number[] = [];
  let rows = 0;
  for await (const chunk of reader.chunks({ columns, chunkRows: 8192 })) {
    if (ctx.signal.aborted) throw new StudioError('cancelled', 'cancelled');
    const take = Math.min(chunk.rowCount, limit - rows);
    const sliced = take === chunk.rowCount ? chunk : sliceChunk(chunk, take);
    batches.push(subject.feeds(sliced));
    if (request.label && subject.classes) {
      const mapped = mapLabels(sliced.columns.get(request.label)!.values as LabelColumn, subject.classes, {
        file: request.input,
        column: request.label,
        firstRow: sliced.firstRow,
      });
      labels.push(...mapped.indices);
    }
    rows += take;
    if (rows >= limit) break;
  }
  const report = await precisionReport(subject.bytes, variant.bytes, batches, {
    output: subject.output,
    kind: subject.kind,
    ...(request.label && subject.classes ? { labels } : {}),
    threads: request.threads,
  });
  const seconds = (performance.now() - started) / 1000;
  const metrics = [
    { scope: 'variant', name: 'size_ratio', value: report.sizeRatio },
    { scope: 'variant', name: 'max_abs_diff', value: report.maxAbsDiff },
    { scope: 'variant', name: 'agreement', value: report.agreement },
    { scope: 'variant', name: 'rows_per_sec', value: report.variant.rowsPerSec },
    { scope: 'original', name: 'rows_per_sec', value: report.original.rowsPerSec },
    ...(report.accuracy
      ? [
          { scope: 'original', name: 'accuracy', value: report.accuracy.original },
          { scope: 'variant', name: 'accuracy', value: report.accuracy.variant },
        ]
      : []),
  ];
  return {
    kind: 'precision',
    rows,
    seconds,
    rowsPerSec: seconds > 0 ? rows / seconds : 0,
    providerRequested: 'cpu',
    providerUsed: 'cpu',
    warnings: [],
    models: memberReports(resolved, models),
    dataset: { ...reader.info },
    classes: subject.classes,
    metrics,
    artifacts: { precision: { report, changed: variant.changed, subject: subject.name } },
    variant: request.variant,
    subject: subject.name,
    precision: report,
    changed: variant.changed,
  };
}

function chooseSubject(request: JobRequest, resolved: ResolvedEnsemble, models: LoadedModels): Subject {
  if (request.member) {
    const plan = resolved.members.find((m) => m.name === request.member);
    if (!plan) {
      throw new StudioError(
        'bad_input',
        `the ensemble has no member '${request.member}' (members: ${resolved.members.map((m) => m.name).join(', ')})`,
        { member: request.member },
      );
    }
    return memberSubject(plan, models.get(plan.name)!.bytes, resolved);
  }
  const fused = fuseEnsemble(resolved, models, { inputLayout: 'per-column', appVersion: appVersion() });
  const regression = fused.outputs.includes('prediction');
  return {
    name: `${resolved.spec.name} (fused)`,
    bytes: fused.bytes,
    columns: fusedColumnRequests(fused.inputs),
    feeds: (chunk) => fusedFeeds(fused.inputs, chunk),
    output: regression ? 'prediction' : 'probabilities',
    kind: regression ? 'value' : 'probabilities',
    classes: regression ? null : resolved.classes,
  };
}

function memberSubject(plan: MemberPlan, bytes: Uint8Array, resolved: ResolvedEnsemble): Subject {
  const columns = new Map<string, 'float32' | 'float64' | 'int64' | 'string'>();
  for (const feed of plan.feeds) for (const c of feed.columns) columns.set(c, feed.type);
  return {
    name: plan.name,
    bytes,
    columns,
    feeds: (chunk) => toFeeds(buildFeeds(plan, chunk)),
    output: plan.output,
    kind: resolved.task === 'regression' || plan.outputKind === 'value' ? 'value' : 'probabilities',
    classes: resolved.task === 'classification' ? plan.classes : null,
  };
}

function makeVariant(
  bytes: Uint8Array,
  variant: 'float16' | 'int8',
): { bytes: Uint8Array; changed: string[] } {
  const model = parseModel(bytes);
  if (variant === 'float16') {
    const result = convertToFloat16(model);
    if (result.converted.length === 0) {
      throw new StudioError(
        'model',
        'float16: no weights could be converted (tree and linear ai.onnx.ml operators keep their float attributes)',
      );
    }
    return {
      bytes: serializeModel(result.model),
      changed: [
        `${result.converted.length} initializers stored as float16 (${result.weightBytes.before} → ${result.weightBytes.after} bytes of weights)`,
        ...result.kept.slice(0, 10).map((k) => `kept ${k.name}: ${k.reason}`),
      ],
    };
  }
  const result = quantizeInt8(model);
  if (result.quantized.length === 0) {
    throw new StudioError('model', 'int8: the model has no MatMul/Gemm weights large enough to quantize');
  }
  return {
    bytes: serializeModel(result.model),
    changed: [
      `${result.quantized.length} MatMul/Gemm weights quantized to int8 (weight-only, per column)`,
      ...result.kept.slice(0, 10).map((k) => `kept ${k.node}: ${k.reason}`),
    ],
  };
}

function sliceChunk(chunk: DataChunk, rows: number): DataChunk {
  const columns = new Map(
    [...chunk.columns].map(([name, c]) => [
      name,
      c.kind === 'string'
        ? { kind: c.kind, values: c.values.slice(0, rows) }
        : ({ kind: c.kind, values: c.values.subarray(0, rows) } as typeof c),
    ]),
  );
  return { firstRow: chunk.firstRow, rowCount: rows, columns };
}
