/**
 * The one contract behind every adapter (Electron IPC, the loopback HTTP bridge, the CLI).
 *
 * Each call is declared once: its zod input schema and its output type. The engine's handler
 * map, the preload's `window.studio` API and the renderer's types are all derived from this
 * table, so adding a call here is the only way to add one anywhere.
 *
 * This file is imported by main/, preload/ and renderer/: keep it free of Node, DOM and Electron.
 */
import { z } from 'zod';
import type { ModelInfo } from '../main/model/types';
import type { DatasetInfo } from '../main/data/types';
import type { EnsembleSpec } from '../main/ensemble/spec';
import { EnsembleSpecSchema } from '../main/ensemble/spec';

// Vocabulary the renderer offers in its menus, from the same definitions the engine checks against.
export { COMBINERS_FOR_TASK, OutputKindSchema } from '../main/ensemble/spec';
import type { StudioErrorPayload } from '../main/errors';
import type { ColumnSummary } from '../main/data/types';
import type { RunComparison, RunDetail, RunSummary } from '../main/history/types';

/** A declared call: input schema plus a phantom output type. */
export interface CallDef<I extends z.ZodType, O> {
  input: I;
  /** Type-level only; never read at run time. */
  output?: O;
}

function call<O>() {
  return <I extends z.ZodType>(input: I): CallDef<I, O> => ({ input });
}

const Path = z.string().min(1, 'a file path is required');
export const ProviderSchema = z.enum(['cpu', 'webgpu', 'cuda', 'dml', 'coreml']);
export type Provider = z.infer<typeof ProviderSchema>;

/** Where an ensemble comes from: a saved spec file, or an in-memory spec with the folder its paths are relative to. */
export const EnsembleSourceSchema = z.union([
  z.strictObject({ specPath: Path }),
  z.strictObject({ spec: EnsembleSpecSchema, baseDir: Path }),
]);
export type EnsembleSource = z.infer<typeof EnsembleSourceSchema>;

export const ScoreRequestSchema = z.strictObject({
  ensemble: EnsembleSourceSchema,
  input: Path,
  output: Path,
  /** Input columns copied to the output, in this order. */
  keep: z.array(z.string()).default([]),
  keepAll: z.boolean().default(false),
  /** Also write each member's prediction and probabilities. */
  members: z.boolean().default(false),
  provider: ProviderSchema.default('cpu'),
  threads: z.number().int().min(1).max(256).optional(),
  /** A label column: metrics are computed while scoring. */
  label: z.string().optional(),
  ignoreUnknownLabels: z.boolean().default(false),
  chunkRows: z.number().int().min(1).max(1_000_000).optional(),
});
export type ScoreRequest = z.infer<typeof ScoreRequestSchema>;

export const EvaluateRequestSchema = z.strictObject({
  ensemble: EnsembleSourceSchema,
  input: Path,
  label: z.string().min(1),
  ignoreUnknownLabels: z.boolean().default(false),
  provider: ProviderSchema.default('cpu'),
  threads: z.number().int().min(1).max(256).optional(),
  /** Also write a self-contained HTML report here. */
  report: Path.optional(),
});
export type EvaluateRequest = z.infer<typeof EvaluateRequestSchema>;

export const OptimizeRequestSchema = z.strictObject({
  ensemble: EnsembleSourceSchema,
  input: Path,
  label: z.string().min(1),
  method: z.enum(['greedy', 'stacking']),
  size: z.number().int().min(1).max(10_000).default(50),
  output: Path,
  ignoreUnknownLabels: z.boolean().default(false),
  provider: ProviderSchema.default('cpu'),
  threads: z.number().int().min(1).max(256).optional(),
  report: Path.optional(),
});
export type OptimizeRequest = z.infer<typeof OptimizeRequestSchema>;

export const ExportRequestSchema = z.strictObject({
  ensemble: EnsembleSourceSchema,
  /** The fused .onnx file to write. */
  output: Path,
  /** A data file to score both ways (the app and the fused model) and compare. */
  check: Path.optional(),
  /** One model input per data column, or one `features` matrix. */
  layout: z.enum(['per-column', 'matrix']).default('per-column'),
  threads: z.number().int().min(1).max(256).optional(),
});
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

export const PrecisionRequestSchema = z.strictObject({
  ensemble: EnsembleSourceSchema,
  /** The analyst's data file the variant is measured on. */
  input: Path,
  variant: z.enum(['float16', 'int8']),
  /** A member's model; without it, the ensemble's fused model. */
  member: z.string().min(1).optional(),
  /** The variant .onnx file to write. */
  output: Path,
  /** With labels, the report adds the accuracy change. */
  label: z.string().min(1).optional(),
  /** Rows of the data file the report runs on. */
  sampleRows: z.number().int().min(1).max(1_000_000).default(50_000),
  threads: z.number().int().min(1).max(256).optional(),
});
export type PrecisionRequest = z.infer<typeof PrecisionRequestSchema>;

export const BenchmarkRequestSchema = z.strictObject({
  ensemble: EnsembleSourceSchema,
  /** The sample is the first `sampleRows` rows of this file. */
  input: Path,
  /** Providers to try; default: every one this build offers. */
  providers: z.array(ProviderSchema).min(1).optional(),
  /** Intra-op thread counts to try; default 1 and every power of two up to the cores. */
  threads: z.array(z.number().int().min(1).max(256)).min(1).optional(),
  sampleRows: z.number().int().min(1).max(1_000_000).default(20_000),
  /** Save ONNX Runtime's optimised graph of each member per provider here (specific to this machine). */
  saveOptimizedDir: Path.optional(),
});
export type BenchmarkRequest = z.infer<typeof BenchmarkRequestSchema>;

/** One provider × thread count on the sample. */
export interface BenchmarkEntry {
  provider: Provider;
  threads: number;
  /** The provider actually used (a GPU provider that cannot start falls back to cpu). */
  providerUsed: string;
  ok: boolean;
  rowsPerSec: number | null;
  /** Session creation, all members. */
  loadSeconds: number | null;
  warning: string | null;
}

export interface BenchmarkResult {
  rows: number;
  entries: BenchmarkEntry[];
  /** The fastest entry that ran on the provider it asked for. */
  best: { provider: Provider; threads: number; rowsPerSec: number } | null;
  optimizedModels: { member: string; provider: string; path: string }[];
}

export type JobKind = 'score' | 'evaluate' | 'optimize' | 'export' | 'precision' | 'benchmark';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface JobStarted {
  jobId: string;
  runId: number;
}

/** Progress of a job, at least every 250 ms while it runs. */
export interface JobProgress {
  jobId: string;
  phase: 'loading' | 'scoring' | 'finishing';
  rowsDone: number;
  /** Known when the input's row count is (Parquet metadata, or a quick count). */
  rowsTotal: number | null;
  rowsPerSec: number;
  etaSeconds: number | null;
  elapsedSeconds: number;
}

export interface MemberSummary {
  name: string;
  weight: number;
  provider: string;
  /** Share of rows where this member's prediction equals the ensemble's. */
  agreement: number | null;
  /** Mean probability per ensemble class (classification) or mean prediction (regression). */
  means: number[];
}

export interface JobFinished {
  jobId: string;
  runId: number;
  status: Exclude<RunStatus, 'running' | 'interrupted'>;
  result?: unknown;
  error?: StudioErrorPayload;
}

export interface ProviderInfo {
  name: string;
  /** Offered by this build of ONNX Runtime. */
  bundled: boolean;
}

export interface SpecCheck {
  ok: boolean;
  spec: EnsembleSpec;
  classes: string[] | null;
  problems: StudioErrorPayload[];
  members: {
    name: string;
    model: string;
    inputs: Record<string, string[]>;
    output: string;
    outputKind: string;
  }[];
}

export const contract = {
  'app.info': call<{
    appVersion: string;
    onnxruntimeVersion: string;
    historyPath: string;
    providers: ProviderInfo[];
  }>()(z.strictObject({})),
  'models.inspect': call<ModelInfo>()(z.strictObject({ path: Path })),
  'data.preview': call<{
    info: DatasetInfo;
    rows: (string | number | boolean | null)[][];
    summary: ColumnSummary[];
  }>()(z.strictObject({ path: Path, rows: z.number().int().min(1).max(10_000).default(200) })),
  'ensembles.load': call<{ path: string; spec: EnsembleSpec }>()(z.strictObject({ path: Path })),
  'ensembles.save': call<{ path: string }>()(z.strictObject({ path: Path, spec: EnsembleSpecSchema })),
  'ensembles.check': call<SpecCheck>()(
    z.strictObject({ ensemble: EnsembleSourceSchema, input: Path.optional() }),
  ),
  'jobs.score': call<JobStarted>()(ScoreRequestSchema),
  'jobs.evaluate': call<JobStarted>()(EvaluateRequestSchema),
  'jobs.optimize': call<JobStarted>()(OptimizeRequestSchema),
  'jobs.export': call<JobStarted>()(ExportRequestSchema),
  'jobs.precision': call<JobStarted>()(PrecisionRequestSchema),
  'jobs.benchmark': call<JobStarted>()(BenchmarkRequestSchema),
  'jobs.cancel': call<{ cancelled: boolean }>()(z.strictObject({ jobId: z.string().min(1) })),
  'history.list': call<RunSummary[]>()(
    z.strictObject({
      kind: z.string().optional(),
      status: z.string().optional(),
      ensemble: z.string().optional(),
      dataset: z.string().optional(),
      limit: z.number().int().min(1).max(10_000).default(200),
    }),
  ),
  'history.show': call<RunDetail>()(z.strictObject({ id: z.number().int().positive() })),
  'history.compare': call<RunComparison>()(
    z.strictObject({ a: z.number().int().positive(), b: z.number().int().positive() }),
  ),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = NonNullable<Contract[K]['output']>;

/** Events pushed from the engine to subscribers (IPC events, SSE, CLI progress line). */
export interface EventMap {
  'job.progress': JobProgress;
  'job.finished': JobFinished;
}
export type EventName = keyof EventMap;

/** The API every adapter offers: each call is async and takes the contract's input. */
export type StudioApi = {
  [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};

/** The engine side: handlers receive parsed input. */
export type Handlers = { [K in CallName]: (input: ParsedInput<K>) => Promise<CallOutput<K>> };

export const callNames = Object.keys(contract) as CallName[];

/** Parses a call's input at an adapter boundary; throws a typed bad_input error naming the field. */
export function parseCallInput<K extends CallName>(name: K, input: unknown): ParsedInput<K> {
  const def = contract[name];
  const parsed = def.input.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(input)';
    throw Object.assign(new Error(`${name}: ${field}: ${issue?.message ?? 'invalid input'}`), {
      code: 'bad_input' as const,
      location: { field },
    });
  }
  return parsed.data as ParsedInput<K>;
}

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
