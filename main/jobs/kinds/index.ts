/**
 * The job-kind registry: every kind the engine runs, one module each. The engine, the engine host
 * and the CLI dispatch through it; adding a kind is its module, its two lines below, and its
 * declarations in the contract (docs/ARCHITECTURE.md).
 */
import type { JobKind } from '../../../contract/contract';
import type { JobKindModule } from './kind';
import { scoreKind, type ScoreJobRequest } from './score';
import { evaluateKind, type EvaluateJobRequest } from './evaluate';
import { optimizeKind, type OptimizeJobRequest } from './optimize';
import { exportKind, type ExportJobRequest } from './export';
import { precisionKind, type PrecisionJobRequest } from './precision';
import { benchmarkKind, type BenchmarkJobRequest } from './benchmark';
import { monitorKind, type MonitorJobRequest } from './monitor';
import { whatifKind, type WhatIfJobRequest } from './whatif';
import { migrateKind, type MigrateJobRequest } from './migrate';

/** The request the engine host runs, per kind. */
export interface HostRequestByKind {
  score: ScoreJobRequest;
  evaluate: EvaluateJobRequest;
  optimize: OptimizeJobRequest;
  export: ExportJobRequest;
  precision: PrecisionJobRequest;
  benchmark: BenchmarkJobRequest;
  monitor: MonitorJobRequest;
  whatif: WhatIfJobRequest;
  migrate: MigrateJobRequest;
}

export type KindModuleOf<K extends JobKind> = JobKindModule<K, HostRequestByKind[K]>;

/** Indexed by a kind `K`, this gives `KindModuleOf<K>`: callers generic in K need no casts. */
export const jobKinds: { [K in JobKind]: KindModuleOf<K> } = {
  score: scoreKind,
  evaluate: evaluateKind,
  optimize: optimizeKind,
  export: exportKind,
  precision: precisionKind,
  benchmark: benchmarkKind,
  monitor: monitorKind,
  whatif: whatifKind,
  migrate: migrateKind,
};
