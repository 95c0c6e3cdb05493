/**
 * Types the renderer uses: derived from the contract (contract/contract.ts) and the engine's result
 * types (contract/job-results.ts), never copied. The few guards left are for data the contract calls
 * `unknown` (job results: results.ts; run parameters) and for errors caught from any adapter.
 */
import type {
  CallInput,
  CallOutput,
  JobFinished,
  JobProgress,
  Provider,
  SpecCheck,
} from '../../contract/contract';
import { COMBINERS_FOR_TASK, OutputKindSchema, ProviderSchema } from '../../contract/contract';

export type { CallOutput, JobFinished, JobProgress, Provider, SpecCheck };
import type { DatasetInfo } from '../../contract/data-types';
export type { ModelInfo, TensorSignature } from '../../contract/model-types';
export type ColumnSchema = DatasetInfo['columns'][number];

export type DataPreview = CallOutput<'data.preview'>;
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
export type RunSummary = CallOutput<'history.list'>[number];
export type RunDetail = CallOutput<'history.show'>;
export type RunComparison = CallOutput<'history.compare'>;

export const PROVIDERS: readonly Provider[] = ProviderSchema.options;
export const OUTPUT_KINDS: readonly OutputKind[] = OutputKindSchema.options;
export const CLASSIFICATION_COMBINERS: readonly CombinerMethod[] = COMBINERS_FOR_TASK.classification;
export const REGRESSION_COMBINERS: readonly CombinerMethod[] = COMBINERS_FOR_TASK.regression;

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
