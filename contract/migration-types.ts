/**
 * The migration report (`migrate`, the Export page's table): every representation × provider ×
 * thread count measured on the analyst's file against the app's own float32 scoring.
 */
import type { Provider } from './contract';
import type { HostJobReport } from './job-results';

export const MIGRATION_REPRESENTATIONS = ['members', 'fused', 'fused-float16', 'fused-int8'] as const;
export type MigrationRepresentation = (typeof MIGRATION_REPRESENTATIONS)[number];

/** One representation × provider × thread count. */
export interface MigrationCandidate {
  representation: MigrationRepresentation;
  provider: Provider;
  /** The provider that actually ran (a GPU provider that cannot start falls back to cpu). */
  providerUsed: string;
  threads: number;
  ok: boolean;
  /** Bytes on disk: the members' files together, or the one fused file. */
  sizeBytes: number | null;
  /** Session creation, seconds. */
  loadSeconds: number | null;
  /** Median of 3 timed passes over the sample. */
  rowsPerSec: number | null;
  /** Largest |p − p_reference| over rows and classes (regression: over predictions). */
  maxDiff: number | null;
  /** Share of rows whose prediction equals the reference's. */
  agreement: number | null;
  /** With labels: the main metric's name, its value, and its change from the reference (+ worse). */
  metric: string | null;
  metricValue: number | null;
  metricChange: number | null;
  withinBudget: boolean;
  /** Why it failed, fell back, or misses a budget. */
  warning: string | null;
}

export interface MigrationRecommendation {
  representation: MigrationRepresentation;
  provider: Provider;
  threads: number;
  /** In words: why this one (the fastest within the budgets, and its figures). */
  reason: string;
}

export interface HostMigrateResult extends HostJobReport {
  kind: 'migrate';
  budgets: { agreement: number; metric: number };
  candidates: MigrationCandidate[];
  recommendation: MigrationRecommendation | null;
  /** Providers this build or machine cannot offer, and why (no GPU, not bundled). */
  absentProviders: { provider: string; reason: string }[];
  /** The output folder, as written (absolute). */
  outputDir: string;
  /** The chosen artifact's files in the output folder, with migration.json last (absolute). */
  written: string[];
  /** The migration.json written into the output folder (absolute). */
  manifestPath: string;
}

/** What each figure means, written into migration.json so the file explains itself. */
export interface MigrationDefinitions {
  reference: string;
  maxDiff: string;
  agreement: string;
  metric: string | null;
  rowsPerSec: string;
}

/** The chosen artifact as it lies in the output folder: paths relative to migration.json. */
export interface MigrationArtifact {
  representation: MigrationRepresentation;
  /** The file to load: the ensemble spec (members) or the .onnx model (fused variants). */
  entry: string;
  files: { path: string; sizeBytes: number; sha256: string }[];
}

/** `migration.json`: what was chosen and why, with every figure it was chosen on. */
export interface MigrationManifest {
  format: 'ensemble-studio/migration@1';
  createdAt: string;
  app: { version: string; onnxruntime: string; platform: string; arch: string; cores: number };
  ensemble: { name: string; task: 'classification' | 'regression'; classes: string[] | null };
  input: {
    path: string;
    sizeBytes: number;
    /** The history's fingerprint of the data file: size, mtime, sha256 of its first and last MiB. */
    fingerprint: string;
    sampleRows: number;
    label: string | null;
  };
  budgets: { agreement: number; metric: number };
  definitions: MigrationDefinitions;
  /** The reference's own metric value on the sample (with labels). */
  referenceMetric: { name: string; value: number } | null;
  recommendation: MigrationRecommendation | null;
  /** Null when no combination met the budgets: then only this file is written. */
  artifact: MigrationArtifact | null;
  candidates: MigrationCandidate[];
  absentProviders: { provider: string; reason: string }[];
  warnings: string[];
}
