/**
 * The one contract behind every adapter (Electron IPC, the loopback HTTP bridge, the CLI).
 *
 * Each call is declared once: its zod input schema and its output type. The engine's handler
 * map, the preload's `window.studio` API and the renderer's types are all derived from this
 * table, so adding a call here is the only way to add one anywhere.
 *
 * This file is imported by main/, preload/ and renderer/: keep it free of Node, DOM and Electron.
 */
import * as z from 'zod';
import { plainSchemaMessage } from './schema-words';
import type { ModelInfo } from './model-types';
import type { DatasetInfo } from './data-types';
import type { EnsembleSpec } from './ensemble-spec';
import { EnsembleSpecSchema } from './ensemble-spec';

// Vocabulary the renderer offers in its menus, from the same definitions the engine checks against.
export { COMBINERS_FOR_TASK, OutputKindSchema } from './ensemble-spec';
import type { StudioErrorPayload } from './errors';
import type { EvaluationResult } from './evaluation-types';
import type { ColumnSummary, DataProblem } from './data-types';
import type { RunComparison, RunDetail, RunSummary } from './history-types';
import type {
  HostBenchmarkResult,
  HostJobReport,
  HostEvaluateResult,
  HostExportResult,
  HostOptimizeResult,
  HostPrecisionResult,
  HostScoreResult,
} from './job-results';
import type { HostMigrateResult } from './migration-types';
import type { BundleCreated, BundleKeyPair, BundleOpened, BundleVerification } from './bundle-types';
import type { ServiceStatus } from './service-types';
import type { ShardMerged } from './shard-types';

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
/**
 * Whether an existing file at a job's output path may be replaced. Off by default in every adapter:
 * the CLI says `--overwrite`, the UI asks in a confirm dialog naming the file.
 */
const Overwrite = z.boolean().default(false);
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
  overwrite: Overwrite,
  /**
   * CSV/TSV output: text cells a spreadsheet would run as a formula (first character `= + - @`, TAB
   * or CR) get a leading `'` (OWASP's advice). On by default; the CLI's `--no-escape-formulas` turns it off.
   */
  escapeFormulas: z.boolean().default(true),
  /**
   * Per-row uncertainty columns after the probabilities: entropy, margin, the members' spread and
   * their weighted disagreement (regression: the members' spread). docs/MONITORING.md defines them.
   */
  uncertainty: z.boolean().default(false),
  /**
   * Score only shard K of N: data rows [floor((K-1)·R/N), floor(K·R/N)) of the file's R rows, with
   * a manifest beside the output for `merge` (docs/SCALE-OUT.md).
   */
  shard: z
    .strictObject({ index: z.number().int().min(1), count: z.number().int().min(1).max(100_000) })
    .refine((s) => s.index <= s.count, { message: 'the shard number must be between 1 and the shard count' })
    .optional(),
  /** Continue an interrupted run with the same arguments from its last checkpoint. */
  resume: z.boolean().default(false),
});
/** @public The parsed request, for callers outside this repository's own code (scripts, tests). */
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
  overwrite: Overwrite,
});
/** @public The parsed request, for callers outside this repository's own code (scripts, tests). */
export type EvaluateRequest = z.infer<typeof EvaluateRequestSchema>;

export const OptimizeRequestSchema = z.strictObject({
  ensemble: EnsembleSourceSchema,
  input: Path,
  label: z.string().min(1),
  method: z.enum(['greedy', 'stacking', 'calibrate']),
  /** `calibrate`: the map fitted on the ensemble's probabilities. */
  calibration: z.enum(['sigmoid', 'isotonic']).default('sigmoid'),
  size: z.number().int().min(1).max(10_000).default(50),
  output: Path,
  ignoreUnknownLabels: z.boolean().default(false),
  provider: ProviderSchema.default('cpu'),
  threads: z.number().int().min(1).max(256).optional(),
  report: Path.optional(),
  overwrite: Overwrite,
});
/** @public The parsed request, for callers outside this repository's own code (scripts, tests). */
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
  overwrite: Overwrite,
});
/** @public The parsed request, for callers outside this repository's own code (scripts, tests). */
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
  overwrite: Overwrite,
});
/** @public The parsed request, for callers outside this repository's own code (scripts, tests). */
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
  /** Replace optimised models already in saveOptimizedDir. */
  overwrite: Overwrite,
});
export type BenchmarkRequest = z.infer<typeof BenchmarkRequestSchema>;

/**
 * One migration report: every representation (members, fused, fused float16, fused int8) × every
 * provider this build offers × thread counts, measured on the analyst's file; the fastest within
 * the budgets is written to `output` (a folder) with its `migration.json` (docs/MIGRATION.md).
 */
export const MigrateRequestSchema = z.strictObject({
  ensemble: EnsembleSourceSchema,
  input: Path,
  label: z.string().min(1).optional(),
  /** The least share of rows whose predicted class (regression: value within 1e-4) matches the reference. */
  budgetAgreement: z.number().min(0).max(1).default(0.999),
  /** The largest worsening of the main metric allowed (with labels). */
  budgetMetric: z.number().min(0).default(0.002),
  /** The folder the chosen artifact and migration.json are written into. */
  output: Path,
  providers: z.array(ProviderSchema).min(1).optional(),
  threads: z.array(z.number().int().min(1).max(256)).min(1).optional(),
  sampleRows: z.number().int().min(1).max(1_000_000).default(50_000),
  overwrite: Overwrite,
});
/** @public The parsed request, for callers outside this repository's own code (scripts, tests). */
export type MigrateRequest = z.infer<typeof MigrateRequestSchema>;

export const ServiceStartSchema = z
  .strictObject({
    /** The ensemble to serve: a spec (file or in memory), or a bundle file (verified first). */
    ensemble: EnsembleSourceSchema.optional(),
    bundle: Path.optional(),
    /** With a bundle: its signer's public key. */
    publicKey: Path.optional(),
    host: z.string().min(1).default('127.0.0.1'),
    /** 0 picks a free port. */
    port: z.number().int().min(0).max(65_535).default(5000),
    /** Bearer token; required when `host` is not a loopback address. */
    token: z.string().min(8).optional(),
    provider: ProviderSchema.default('cpu'),
    threads: z.number().int().min(1).max(256).optional(),
    /** Largest request body in bytes (413 above). */
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .max(1_073_741_824)
      .default(16 * 1024 * 1024),
    /** How long a request waits for others to share one ONNX Runtime call. */
    batchWaitMs: z.number().min(0).max(1000).default(2),
    maxBatchRows: z.number().int().min(1).max(1_000_000).default(8192),
  })
  .refine((s) => (s.ensemble === undefined) !== (s.bundle === undefined), {
    message: 'give either an ensemble or a bundle to serve',
  });
export type ServiceStartRequest = z.infer<typeof ServiceStartSchema>;

export const MonitorRequestSchema = z.strictObject({
  ensemble: EnsembleSourceSchema,
  /** The data the ensemble was validated on: a data file, or `run:ID` for an earlier run's input file. */
  reference: Path,
  /** The data the ensemble is used on now. */
  current: Path,
  /** A label column: measured metrics beside the estimates on each side that has it. */
  label: z.string().min(1).optional(),
  /** PSI cut-offs: below `psiModerate` stable, above `psiMajor` major, in between moderate. */
  psiModerate: z.number().min(0).default(0.1),
  psiMajor: z.number().min(0).default(0.25),
  /** Write a self-contained HTML page of the drift here when the run succeeds. */
  report: Path.optional(),
  provider: ProviderSchema.default('cpu'),
  threads: z.number().int().min(1).max(256).optional(),
  chunkRows: z.number().int().min(1).max(1_000_000).optional(),
  overwrite: Overwrite,
});
/** @public The parsed request, for callers outside this repository's own code (scripts, tests). */
export type MonitorRequest = z.infer<typeof MonitorRequestSchema>;

/**
 * What-if on a finished run's stored member scores (evaluate runs, and score runs with labels and
 * `members`): the ensemble recombined without loading a model or reading the data file.
 */
export const WhatIfRequestSchema = z.strictObject({
  /** The run whose stored scores are recombined. */
  runId: z.number().int().positive(),
  /** Members left out (weight 0). */
  drop: z.array(z.string().min(1)).default([]),
  /** New weights by member name; members not named keep theirs. */
  weights: z.record(z.string(), z.number()).optional(),
  /** Another combiner (stacking needs a fitted meta-model, so it is not offered here). */
  combiner: z.enum(['soft_vote', 'hard_vote', 'geometric_mean', 'median', 'rank_mean', 'mean']).optional(),
});
/** @public The parsed request. */
export type WhatIfRequest = z.infer<typeof WhatIfRequestSchema>;

/** A what-if's answer: the changed ensemble and its evaluation, beside the run's own. */
export interface WhatIfResult {
  runId: number;
  /** Each member with the weight it has in the changed ensemble (0 when dropped). */
  members: { name: string; weight: number; dropped: boolean }[];
  combiner: string;
  /** The run's evaluation, as recorded. */
  before: EvaluationResult;
  /** The changed ensemble on the same rows and labels. */
  after: EvaluationResult;
  /** The changed spec, ready to save (model paths as in the run's spec). */
  spec: EnsembleSpec;
}

/**
 * The `whatif` job: the same what-if, recorded as a run whose parent is `runId`. `ensemble` is the
 * run's spec as stored with its scores (the CLI fills it in); `save` writes the changed spec.
 */
export const WhatIfJobRequestSchema = WhatIfRequestSchema.extend({
  ensemble: EnsembleSourceSchema,
  /** Write the changed spec here (model paths rebased to its folder). */
  save: Path.optional(),
  overwrite: Overwrite,
});
/** @public The parsed request. */
export type WhatIfJobRequest = z.infer<typeof WhatIfJobRequestSchema>;

/** A `whatif` run's result: the what-if itself; its metrics are the changed ensemble's. */
export interface HostWhatIfResult extends HostJobReport {
  kind: 'whatif';
  whatIf: WhatIfResult;
}

/** Stable, moderate or major by PSI; unknown when a side has no values. */
export type MonitorSeverity = 'stable' | 'moderate' | 'major' | 'unknown';

/** Rows of one side of a compared column; NaN/empty rows are missing and left out of every statistic. */
export interface MonitorSideCounts {
  rows: number;
  present: number;
  missingShare: number;
}

/** Drift of a numeric column or prediction (docs/MONITORING.md); typed arrays as plain arrays. */
export interface MonitorNumericDrift {
  type: 'numeric';
  ks: number;
  wasserstein: number;
  psi: number;
  severity: MonitorSeverity;
  reference: MonitorSideCounts;
  current: MonitorSideCounts;
  psiBins: { edges: number[]; reference: number[]; current: number[] };
  histogram: { edges: number[]; reference: number[]; current: number[] };
}

/** Drift of a text column: PSI over the reference's categories plus "other", and Jensen–Shannon. */
export interface MonitorCategoricalDrift {
  type: 'text';
  psi: number;
  jensenShannon: number;
  unseenShare: number;
  severity: MonitorSeverity;
  reference: MonitorSideCounts;
  current: MonitorSideCounts;
  categories: string[];
  referenceCounts: number[];
  currentCounts: number[];
}

/** One side (reference or current) as scored: class shares, disagreement, estimate and measurement. */
export interface MonitorSide {
  path: string;
  rows: number;
  /** Share of rows the ensemble predicts as each class (rows without a prediction left out). */
  classShares: Record<string, number> | null;
  /** Share of predicted rows where at least one member's own class differs from the ensemble's. */
  disagreement: number | null;
  /** Mean of the ensemble's largest probability over the rows (classification). */
  estimatedAccuracy: number | null;
  /** The ensemble's metrics on this side's labels, when `label` was given and the file has it. */
  measured: Record<string, number | null> | null;
}

export interface HostMonitorResult extends HostJobReport {
  kind: 'monitor';
  thresholds: { moderate: number; major: number };
  reference: MonitorSide;
  current: MonitorSide;
  /** Every column a member reads, in the order the ensemble reads them. */
  features: ({ name: string } & (MonitorNumericDrift | MonitorCategoricalDrift))[];
  /** The ensemble's and each member's P(class) (binary: the positive class) or prediction. */
  predictions: ({ name: string; source: string; class: string | null } & MonitorNumericDrift)[];
  /** How many features and predictions fall in each severity. */
  severityCounts: Record<MonitorSeverity, number>;
}

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
  /** The rows of the sample actually scored (the file may have fewer than asked for). */
  rows: number;
  entries: BenchmarkEntry[];
  /** The fastest entry that ran on the provider it asked for. */
  best: { provider: Provider; threads: number; rowsPerSec: number } | null;
  optimizedModels: { member: string; provider: string; path: string }[];
}

/**
 * Every job kind, declared here once: each has a `jobs.<kind>` call below, a result in
 * HostResultByKind, and a module in main/jobs/kinds that runs, checks, records and prints it.
 */
export const JOB_KINDS = [
  'score',
  'evaluate',
  'optimize',
  'export',
  'precision',
  'benchmark',
  'monitor',
  'whatif',
  'migrate',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** A run's status in the history; `interrupted` is set only by recovery when the history opens. */
export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The parsed input of a job kind: its `jobs.<kind>` call's request. */
export type JobRequestOf<K extends JobKind> = ParsedInput<`jobs.${K}`>;

/** What the engine host returns for each kind; a kind missing here fails to compile. */
export interface HostResultByKind {
  score: HostScoreResult;
  evaluate: HostEvaluateResult;
  optimize: HostOptimizeResult;
  export: HostExportResult;
  precision: HostPrecisionResult;
  benchmark: HostBenchmarkResult;
  monitor: HostMonitorResult;
  whatif: HostWhatIfResult;
  migrate: HostMigrateResult;
}
export type HostResultOf<K extends JobKind> = HostResultByKind[K];

/** What only the engine knows, added to the host's result when it records the run. */
export interface RecordedRunFields {
  runId: number;
  /** The file the run wrote (score, export, precision: the output; optimize: the new spec). */
  output: string | null;
  outputSha256: string | null;
  /** evaluate/optimize `--report`. */
  report: string | null;
  enginePeakRssBytes: number;
}

/** A finished job's result as `job.finished` carries it, by kind: narrow on `result.kind`. */
export type FinishedJobResult<K extends JobKind = JobKind> = HostResultByKind[K] & RecordedRunFields;
/** @public Every kind's finished result, for code that handles all kinds at once. */
export type JobResultByKind = { [K in JobKind]: FinishedJobResult<K> };

export interface JobStarted {
  jobId: string;
  runId: number;
}

/** Progress of a job, at least every 250 ms while it runs. */
export interface JobProgress {
  jobId: string;
  phase: 'loading' | 'scoring' | 'finishing';
  rowsDone: number;
  /**
   * Known when the input's row count is (Parquet metadata), else estimated from a text file's size
   * and the lines in its first MiBs (then `rowsTotalIsEstimate`); null when neither is possible.
   */
  rowsTotal: number | null;
  rowsTotalIsEstimate?: boolean;
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

/** The end of a job: its result when it succeeded, the error when it failed or was cancelled. */
export type JobFinished<K extends JobKind = JobKind> =
  | { jobId: string; runId: number; status: 'succeeded'; result: FinishedJobResult<K>; error?: undefined }
  | {
      jobId: string;
      runId: number;
      status: 'failed' | 'cancelled';
      result?: undefined;
      error: StudioErrorPayload;
    };

export interface ProviderInfo {
  name: string;
  /** Offered by this build of ONNX Runtime. */
  bundled: boolean;
  /** Whether a job can ask for it in this build on this machine; when not, `reason` says why. */
  available: boolean;
  reason: string | null;
}

/**
 * The analyst's workspace as the renderer keeps it (imported models, open data file, the builder's
 * draft, page inputs). The engine stores it as opaque JSON beside the history and never reads it.
 */
export const WorkspaceStateSchema = z.record(z.string(), z.json());
export type WorkspaceState = z.infer<typeof WorkspaceStateSchema>;

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
    /** Logical cores of this machine: thread counts are offered up to this. */
    cores: number;
  }>()(z.strictObject({})),
  'models.inspect': call<ModelInfo>()(z.strictObject({ path: Path })),
  'data.preview': call<{
    info: DatasetInfo;
    rows: (string | number | boolean | null)[][];
    summary: ColumnSummary[];
    /** Problems found in the file at preview (ragged rows, unterminated quotes, text in numbers), with lines. */
    problems: DataProblem[];
    /** `empty`: no bytes or no header; `header-only`: a header and no data rows. */
    emptiness: 'empty' | 'header-only' | null;
  }>()(z.strictObject({ path: Path, rows: z.number().int().min(1).max(10_000).default(200) })),
  'ensembles.load': call<{ path: string; spec: EnsembleSpec }>()(z.strictObject({ path: Path })),
  'ensembles.save': call<{ path: string }>()(
    z.strictObject({ path: Path, spec: EnsembleSpecSchema, overwrite: Overwrite }),
  ),
  'ensembles.check': call<SpecCheck>()(
    z.strictObject({ ensemble: EnsembleSourceSchema, input: Path.optional() }),
  ),
  'jobs.score': call<JobStarted>()(ScoreRequestSchema),
  'jobs.evaluate': call<JobStarted>()(EvaluateRequestSchema),
  'jobs.optimize': call<JobStarted>()(OptimizeRequestSchema),
  'jobs.export': call<JobStarted>()(ExportRequestSchema),
  'jobs.precision': call<JobStarted>()(PrecisionRequestSchema),
  'jobs.benchmark': call<JobStarted>()(BenchmarkRequestSchema),
  'jobs.monitor': call<JobStarted>()(MonitorRequestSchema),
  'jobs.whatif': call<JobStarted>()(WhatIfJobRequestSchema),
  'jobs.migrate': call<JobStarted>()(MigrateRequestSchema),
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
  /**
   * Recombines a run's stored member scores at once (no job, nothing recorded): for the what-if
   * panel. `jobs.whatif` does the same and records it as a run with its parent.
   */
  'whatif.preview': call<WhatIfResult>()(WhatIfRequestSchema),
  /** The saved workspace, or null before the first save. */
  'workspace.load': call<{ state: WorkspaceState | null; savedAt: string | null }>()(z.strictObject({})),
  'workspace.save': call<{ savedAt: string }>()(z.strictObject({ state: WorkspaceStateSchema })),
  /** A signed zip of the spec, its models (and the fused model, a report), with a manifest of hashes. */
  'bundles.create': call<BundleCreated>()(
    z.strictObject({
      ensemble: EnsembleSourceSchema,
      output: Path,
      fused: z.boolean().default(false),
      /** An Ed25519 private key (PEM) to sign the manifest with. */
      signKey: Path.optional(),
      includeReport: Path.optional(),
      overwrite: Overwrite,
    }),
  ),
  /** Every hash and, with a public key, the signature; reads nothing out of the zip onto disk. */
  'bundles.verify': call<BundleVerification>()(z.strictObject({ path: Path, publicKey: Path.optional() })),
  /** Verifies, then extracts into `to` (refusing paths that leave it, links and zip bombs). */
  'bundles.open': call<BundleOpened>()(z.strictObject({ path: Path, to: Path, publicKey: Path.optional() })),
  /** A new Ed25519 key pair: `output` (private, PEM) and `output.pub` (public, PEM). */
  'bundles.keygen': call<BundleKeyPair>()(z.strictObject({ output: Path, overwrite: Overwrite })),
  /** Starts the local scoring service (MLflow's protocol) in its own process; one at a time. */
  'service.start': call<ServiceStatus>()(ServiceStartSchema),
  'service.stop': call<ServiceStatus>()(z.strictObject({})),
  'service.status': call<ServiceStatus>()(z.strictObject({})),
  /** Joins `score --shard K/N` parts, checked against their manifests, into the unsharded file. */
  'shards.merge': call<ShardMerged>()(
    z.strictObject({ parts: z.array(Path).min(1), output: Path, overwrite: Overwrite }),
  ),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = NonNullable<Contract[K]['output']>;

/** Events pushed from the engine to subscribers (IPC events, SSE, CLI progress line). */
export const EVENT_NAMES = ['job.progress', 'job.finished'] as const;
export type EventName = (typeof EVENT_NAMES)[number];
/** Extending the record makes a name in EVENT_NAMES without a payload here a compile error. */
export interface EventMap extends Record<EventName, unknown> {
  'job.progress': JobProgress;
  'job.finished': JobFinished;
}

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
    const message = issue ? describeIssue(issue.path, issue.message, issue.code) : 'the request is not valid';
    throw Object.assign(new Error(message), {
      code: 'bad_input' as const,
      location: { field },
      detail: `${name}: ${field}: ${issue?.message ?? 'invalid input'}`,
    });
  }
  return parsed.data as ParsedInput<K>;
}

/**
 * A schema problem in words a person reads: our own (custom) messages already name the member or
 * field; zod's generic ones get the field's name in front and lose zod's wording.
 */
function describeIssue(path: readonly PropertyKey[], message: string, code: string): string {
  if (code === 'custom') return message;
  const field = path.filter((p) => typeof p === 'string').at(-1) ?? 'the request';
  const where = fieldWords(String(field));
  const what = plainSchemaMessage(message);
  return `${where}: ${what}`;
}

function fieldWords(field: string): string {
  return field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
