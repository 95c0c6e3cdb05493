/**
 * Types the renderer uses, derived from the contract where it is typed, and mirrored (with small
 * run-time guards) where the contract says `unknown` (history records, evaluation and optimize
 * results). The renderer may not import main/, so the mirrors are kept deliberately loose: every
 * field read from an `unknown` payload goes through a guard.
 */
import type {
  BenchmarkEntry,
  CallInput,
  CallOutput,
  JobFinished,
  JobProgress,
  MemberSummary,
  Provider,
  ScoreResult,
  SpecCheck,
} from '../../preload/contract';

export type {
  BenchmarkEntry,
  CallOutput,
  JobFinished,
  JobProgress,
  MemberSummary,
  Provider,
  ScoreResult,
  SpecCheck,
};

export type ModelInfo = CallOutput<'models.inspect'>;
export type TensorSignature = ModelInfo['inputs'][number];
export type DataPreview = CallOutput<'data.preview'>;
export type DatasetInfo = DataPreview['info'];
export type ColumnSchema = DatasetInfo['columns'][number];
export type EnsembleSpec = CallOutput<'ensembles.load'>['spec'];
/** A spec as sent to the engine (defaults may be left out). */
export type EnsembleSpecInput = CallInput<'ensembles.save'>['spec'];
export type MemberSpecInput = EnsembleSpecInput['members'][number];
export type CombinerInput = EnsembleSpecInput['combiner'];
export type CombinerMethod = CombinerInput['method'];
export type OutputKind = NonNullable<MemberSpecInput['outputKind']>;
export type ErrorPayload = SpecCheck['problems'][number];
export type ScoreRequest = CallInput<'jobs.score'>;
export type ExportRequest = CallInput<'jobs.export'>;
export type PrecisionRequest = CallInput<'jobs.precision'>;
export type BenchmarkRequest = CallInput<'jobs.benchmark'>;

export const PROVIDERS: Provider[] = ['cpu', 'webgpu', 'cuda', 'dml', 'coreml'];
export const OUTPUT_KINDS: OutputKind[] = ['probabilities', 'logits', 'label', 'value'];
export const CLASSIFICATION_COMBINERS: CombinerMethod[] = [
  'soft_vote',
  'hard_vote',
  'geometric_mean',
  'median',
  'rank_mean',
  'stacking',
];
export const REGRESSION_COMBINERS: CombinerMethod[] = ['mean', 'median', 'stacking'];

// ---------------------------------------------------------------- guards

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
export function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
export function numOrNull(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}
export function numArray(v: unknown): number[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : null;
}
export function numMatrix(v: unknown): number[][] | null {
  if (!Array.isArray(v)) return null;
  const rows = v.map(numArray);
  return rows.every((r): r is number[] => r !== null) ? rows : null;
}
export function strArray(v: unknown): string[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')
    ? v.map((x) => String(x))
    : null;
}

/** The error shape every adapter rejects with (a StudioErrorPayload, possibly wrapped in an Error). */
export function errorPayload(e: unknown): ErrorPayload {
  if (isObject(e) || e instanceof Error) {
    const o = e as Json;
    const code = str(o.code) ?? 'internal';
    const message = str(o.message) ?? String(e);
    const location = isObject(o.location) ? (o.location as ErrorPayload['location']) : undefined;
    return { code: code as ErrorPayload['code'], message, ...(location ? { location } : {}) };
  }
  return { code: 'internal', message: String(e) };
}

// ---------------------------------------------------------------- history mirrors

export interface RunSummaryView {
  id: number;
  kind: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  ensembleName: string | null;
  ensembleVersionNumber: number | null;
  datasetPath: string | null;
  rows: number | null;
  rowsPerSec: number | null;
  providerRequested: string | null;
  providerUsed: string | null;
}

export function toRunSummary(v: unknown): RunSummaryView | null {
  if (!isObject(v)) return null;
  const id = num(v.id);
  if (id === null) return null;
  return {
    id,
    kind: str(v.kind) ?? '?',
    status: str(v.status) ?? '?',
    startedAt: str(v.startedAt) ?? '',
    finishedAt: str(v.finishedAt),
    ensembleName: str(v.ensembleName),
    ensembleVersionNumber: num(v.ensembleVersionNumber),
    datasetPath: str(v.datasetPath),
    rows: num(v.rows),
    rowsPerSec: num(v.rowsPerSec),
    providerRequested: str(v.providerRequested),
    providerUsed: str(v.providerUsed),
  };
}

export interface MetricView {
  scope: string;
  name: string;
  value: number | null;
}

export function toMetrics(v: unknown): MetricView[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((m) =>
    isObject(m) && typeof m.scope === 'string' && typeof m.name === 'string'
      ? [{ scope: m.scope, name: m.name, value: numOrNull(m.value) }]
      : [],
  );
}

export interface ComparisonView {
  a: RunSummaryView;
  b: RunSummaryView;
  metrics: {
    scope: string;
    name: string;
    valueA: number | null;
    valueB: number | null;
    delta: number | null;
  }[];
  differences: { field: string; a: unknown; b: unknown }[];
}

export function toComparison(v: unknown): ComparisonView | null {
  if (!isObject(v)) return null;
  const a = toRunSummary(v.a);
  const b = toRunSummary(v.b);
  if (!a || !b) return null;
  const metrics = Array.isArray(v.metrics)
    ? v.metrics.flatMap((m) =>
        isObject(m) && typeof m.scope === 'string' && typeof m.name === 'string'
          ? [
              {
                scope: m.scope,
                name: m.name,
                valueA: numOrNull(m.valueA),
                valueB: numOrNull(m.valueB),
                delta: numOrNull(m.delta),
              },
            ]
          : [],
      )
    : [];
  const differences = Array.isArray(v.differences)
    ? v.differences.flatMap((d) =>
        isObject(d) && typeof d.field === 'string' ? [{ field: d.field, a: d.a, b: d.b }] : [],
      )
    : [];
  return { a, b, metrics, differences };
}
