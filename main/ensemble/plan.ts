/**
 * The plan that resolve.ts makes from a spec, its models and a data file's columns: everything
 * the scoring pipeline needs, decided once before any row is read.
 */
import type { ColumnRequest } from '../../contract/data-types';
import type { OutputKind, Task } from '../../contract/model-types';
import type { CombinerSpec, EnsembleSpec } from '../../contract/ensemble-spec';
import type { Calibration } from '../calibrate/calibrate-probabilities';

/** Element types a member input may take, named as the data reader delivers columns. */
export type FeedType = ColumnRequest;

export interface FeedPlan {
  /** Model input name. */
  input: string;
  type: FeedType;
  /** Data columns concatenated in this order along the last axis. */
  columns: string[];
  /** 1: the input is `[N]` (one column); 2: `[N, columns.length]`. */
  rank: 1 | 2;
}

export interface MemberPlan {
  name: string;
  /** Position in spec.members. */
  index: number;
  /** The weight as written in the spec (kept for exact scikit-learn parity of sums and ties). */
  rawWeight: number;
  /** rawWeight / Σ rawWeight. */
  weight: number;
  feeds: FeedPlan[];
  /** The output whose values are combined. */
  output: string;
  outputKind: OutputKind;
  /** Classification: the member's labels in its output's column order (label outputs: its label set). */
  classes: string[] | null;
  /** Classification: ensemble column of each member class (`classMap[j]` for member class j). */
  classMap: Int32Array | null;
}

export interface ResolvedEnsemble {
  spec: EnsembleSpec;
  task: Task;
  /** Ensemble class order (classification); empty for regression. */
  classes: string[];
  members: MemberPlan[];
  combiner: CombinerSpec;
  /** The spec's calibration, applied to the combined probabilities; null when it has none. */
  calibration: Calibration | null;
  /** Every data column a member reads, and as what: each column is read once. */
  columns: Map<string, ColumnRequest>;
}
