/** Guards for job results the contract types as `unknown`. */
import {
  isObject,
  num,
  numOrNull,
  str,
  strArray,
  type BenchmarkEntry,
  type MemberSummary,
  type Provider,
  type ScoreResult,
} from './types';

export function toScoreResult(v: unknown): ScoreResult | null {
  if (!isObject(v)) return null;
  const rows = num(v.rows);
  if (rows === null) return null;
  const members: MemberSummary[] = Array.isArray(v.members)
    ? v.members.filter(isObject).map((m) => ({
        name: str(m.name) ?? '?',
        weight: num(m.weight) ?? 0,
        provider: str(m.provider) ?? '',
        agreement: numOrNull(m.agreement),
        means: Array.isArray(m.means) ? m.means.filter((x): x is number => typeof x === 'number') : [],
      }))
    : [];
  const counts: Record<string, number> | null = isObject(v.predictionCounts)
    ? Object.fromEntries(
        Object.entries(v.predictionCounts).filter((e): e is [string, number] => typeof e[1] === 'number'),
      )
    : null;
  return {
    rows,
    seconds: num(v.seconds) ?? 0,
    rowsPerSec: num(v.rowsPerSec) ?? 0,
    output: str(v.output) ?? '',
    outputSha256: str(v.outputSha256) ?? '',
    classes: strArray(v.classes),
    predictionCounts: counts,
    members,
    providerRequested: (str(v.providerRequested) ?? 'cpu') as ScoreResult['providerRequested'],
    providerUsed: str(v.providerUsed) ?? '',
    warnings: strArray(v.warnings) ?? [],
    ...(v.evaluation !== undefined ? { evaluation: v.evaluation } : {}),
  };
}

// ---------------------------------------------------------------- export, precision, benchmark

export interface ParityView {
  rows: number;
  maxAbsDiff: number;
  agreement: number;
  /** Data rows (0-based) where the labels differ; the first 20. */
  disagreements: number[];
}

export interface ExportView {
  output: string;
  outputSha256: string;
  sizeBytes: number;
  layout: string;
  inputs: { name: string; columns: string[]; type: string }[];
  outputs: string[];
  opsets: { domain: string; version: number }[];
  parity: ParityView | null;
  classes: string[] | null;
  seconds: number;
  warnings: string[];
}

/** Parity passes when every label agrees and the largest probability difference is below 1e-5. */
export const PARITY_TOLERANCE = 1e-5;
export function parityPasses(p: ParityView): boolean {
  return p.agreement === 1 && p.maxAbsDiff < PARITY_TOLERANCE;
}

export function toExportResult(v: unknown): ExportView | null {
  if (!isObject(v)) return null;
  const sizeBytes = num(v.sizeBytes);
  if (sizeBytes === null) return null;
  const p = isObject(v.parity) ? v.parity : null;
  const parity: ParityView | null =
    p && num(p.rows) !== null
      ? {
          rows: num(p.rows) ?? 0,
          // Infinity (a missing value on one side) is not finite: keep it as such.
          maxAbsDiff: numOrNull(p.maxAbsDiff) ?? Number.NaN,
          agreement: numOrNull(p.agreement) ?? 0,
          disagreements: Array.isArray(p.disagreements)
            ? p.disagreements.filter((x): x is number => typeof x === 'number')
            : [],
        }
      : null;
  return {
    output: str(v.output) ?? '',
    outputSha256: str(v.outputSha256) ?? '',
    sizeBytes,
    layout: str(v.layout) ?? '',
    inputs: Array.isArray(v.inputs)
      ? v.inputs.filter(isObject).map((i) => ({
          name: str(i.name) ?? '?',
          columns: strArray(i.columns) ?? [],
          type: str(i.type) ?? '',
        }))
      : [],
    outputs: strArray(v.outputs) ?? [],
    opsets: Array.isArray(v.opsets)
      ? v.opsets.filter(isObject).map((o) => ({ domain: str(o.domain) ?? '', version: num(o.version) ?? 0 }))
      : [],
    parity,
    classes: strArray(v.classes),
    seconds: num(v.seconds) ?? 0,
    warnings: strArray(v.warnings) ?? [],
  };
}

export interface PrecisionView {
  variant: string;
  subject: string;
  output: string;
  rows: number;
  original: { sizeBytes: number; rowsPerSec: number };
  variantTiming: { sizeBytes: number; rowsPerSec: number };
  sizeRatio: number;
  maxAbsDiff: number;
  agreement: number | null;
  accuracy: { original: number; variant: number; change: number } | null;
  changed: string[];
  warnings: string[];
}

function timing(v: unknown): { sizeBytes: number; rowsPerSec: number } {
  return isObject(v)
    ? { sizeBytes: num(v.sizeBytes) ?? 0, rowsPerSec: num(v.rowsPerSec) ?? 0 }
    : { sizeBytes: 0, rowsPerSec: 0 };
}

export function toPrecisionResult(v: unknown): PrecisionView | null {
  if (!isObject(v) || !isObject(v.precision)) return null;
  const p = v.precision;
  const acc = isObject(p.accuracy) ? p.accuracy : null;
  return {
    variant: str(v.variant) ?? '',
    subject: str(v.subject) ?? '',
    output: str(v.output) ?? '',
    rows: num(p.rows) ?? 0,
    original: timing(p.original),
    variantTiming: timing(p.variant),
    sizeRatio: num(p.sizeRatio) ?? 0,
    maxAbsDiff: numOrNull(p.maxAbsDiff) ?? Number.NaN,
    agreement: num(p.agreement),
    accuracy:
      acc && num(acc.original) !== null && num(acc.variant) !== null
        ? {
            original: num(acc.original) ?? 0,
            variant: num(acc.variant) ?? 0,
            change: num(acc.change) ?? (num(acc.variant) ?? 0) - (num(acc.original) ?? 0),
          }
        : null,
    changed: strArray(v.changed) ?? [],
    warnings: strArray(v.warnings) ?? [],
  };
}

export interface BenchmarkView {
  rows: number;
  entries: BenchmarkEntry[];
  best: { provider: Provider; threads: number; rowsPerSec: number } | null;
  optimizedModels: { member: string; provider: string; path: string }[];
}

export function toBenchmarkResult(v: unknown): BenchmarkView | null {
  if (!isObject(v) || !Array.isArray(v.entries)) return null;
  const entries: BenchmarkEntry[] = v.entries.filter(isObject).map((e) => ({
    provider: (str(e.provider) ?? 'cpu') as Provider,
    threads: num(e.threads) ?? 0,
    providerUsed: str(e.providerUsed) ?? '',
    ok: e.ok === true,
    rowsPerSec: num(e.rowsPerSec),
    loadSeconds: num(e.loadSeconds),
    warning: str(e.warning),
  }));
  const b = isObject(v.best) ? v.best : null;
  return {
    rows: num(v.rows) ?? 0,
    entries,
    best:
      b && str(b.provider) && num(b.threads) !== null
        ? {
            provider: str(b.provider) as Provider,
            threads: num(b.threads) ?? 1,
            rowsPerSec: num(b.rowsPerSec) ?? 0,
          }
        : null,
    optimizedModels: Array.isArray(v.optimizedModels)
      ? v.optimizedModels.filter(isObject).map((m) => ({
          member: str(m.member) ?? '',
          provider: str(m.provider) ?? '',
          path: str(m.path) ?? '',
        }))
      : [],
  };
}
