/**
 * What one job kind is, in one module: the contract call's schema, the files it reads and writes,
 * the request the engine host runs, how the engine finishes a successful run, and its command-line
 * text. The engine, the host and the CLI know a kind only through this shape (kinds/index.ts).
 */
import type { z } from 'zod';
import type {
  FinishedJobResult,
  HostResultOf,
  JobKind,
  JobRequestOf,
  Provider,
} from '../../../contract/contract';
import type { EnsembleSpec } from '../../../contract/ensemble-spec';
import type { EvaluationResult } from '../../../contract/evaluation-types';
import type { JobContext } from '../job-context';

/** What every host request carries, every path absolute. */
export interface HostRequestBase<K extends JobKind> {
  kind: K;
  spec: EnsembleSpec;
  /** Folder the spec's model paths are relative to. */
  baseDir: string;
  /** The data file; empty when the job reads none (an export without --check). */
  input: string;
  provider: Provider;
  threads?: number;
  /** Whether files already at the job's targets may be replaced (checked again where the host writes). */
  overwrite: boolean;
  /** The temp path the host writes the output to before the engine renames it (kinds that write one). */
  tempOutput?: string;
}

/** A file a job writes, as the caller named it, and what it is (for messages). */
export interface NamedWrite {
  given: string;
  role: string;
  /** A folder the host creates whole and renames into place (migrate's output). */
  folder?: boolean;
}

/** The files a job writes, as the caller named them. */
export interface KindWrites {
  /** Written aside by the host; the engine renames it into place when the run is recorded. */
  output?: string;
  /** A spec the engine writes when the run succeeds (the optimised ensemble). */
  specOutput?: string;
  /** The `--report` page the engine writes when the run succeeds. */
  report?: string;
  /** Files the host writes in place itself; the output guard checks them, nothing renames them. */
  direct?: NamedWrite[];
}

/** A path field of a request: where it is, the path if given, and whether the job reads or writes it. */
export interface PathField {
  field: string;
  path: string | undefined;
  mode: 'read' | 'write';
  /** A folder the job writes into (benchmark's optimised graphs), else a file. */
  folder?: boolean;
}

/** The same files resolved to absolute paths, as the engine hands them on. */
export interface ResolvedWrites {
  output?: string;
  specOutput?: string;
  report?: string;
}

/** What the engine offers a kind's finish, so kinds need nothing from the engine's modules. */
export interface FinishTools {
  /** The spec as it reads when saved at `file` (model paths relative to that file's folder). */
  specSavedAt(spec: EnsembleSpec, file: string): EnsembleSpec;
  /** The succeeded optimize run that fitted this run's ensemble version on this very data file. */
  fittedOnThisData(): number | null;
}

/** What the engine writes and records for a successful run, besides what every run records. */
export interface FinishPlan {
  /** Written to the run's spec output and recorded as the ensemble version the run produced. */
  producedSpec?: EnsembleSpec;
  /**
   * Written to the run's `--report` path as a self-contained page: an evaluation's, or a page the
   * kind rendered itself (monitor's drift report).
   */
  report?: { evaluation: EvaluationResult; title: string; spec: EnsembleSpec } | { html: string };
}

export interface FinishInput<K extends JobKind> {
  request: JobRequestOf<K>;
  writes: ResolvedWrites;
  /** The spec the job ran. */
  spec: EnsembleSpec;
}

export interface JobKindModule<K extends JobKind, H extends HostRequestBase<JobKind> = HostRequestBase<K>> {
  kind: K;
  /** The input schema of the contract's `jobs.<kind>` call. */
  schema: z.ZodType<JobRequestOf<K>, unknown>;
  /** The data file the job reads, as the caller named it, with words for it; null when it reads none. */
  dataFile(request: JobRequestOf<K>): { path: string; role: string } | null;
  /**
   * The request's path fields besides the ensemble source, in the order the desktop app checks
   * them against the window's grants (main/app/call-paths.ts).
   */
  pathFields(request: JobRequestOf<K>): PathField[];
  /** Refuses, before anything runs, a request the kind cannot carry out (an output type it cannot write). */
  checkRequest?(request: JobRequestOf<K>): void;
  /** The files the job writes; throws when one cannot be named (a member name unfit for a file). */
  writes(request: JobRequestOf<K>, spec: EnsembleSpec): KindWrites;
  /** The request the engine host runs: the shared part filled in by the engine, plus the kind's own. */
  hostRequest(request: JobRequestOf<K>, base: HostRequestBase<K>): H;
  /** Runs in the engine host process. */
  run(request: H, ctx: JobContext): Promise<HostResultOf<K>>;
  /** Engine side, before the run is recorded as succeeded: may amend the result, says what to write. */
  finish?(job: FinishInput<K>, result: HostResultOf<K>, tools: FinishTools): FinishPlan;
  cli: {
    /** "Scored 1,000 rows …" */
    verb: string;
    /** The text printed for a successful run (the JSON output is the result itself). */
    text(result: FinishedJobResult<K>, request: JobRequestOf<K>, verb: string): string;
    /** Whether the result's warnings go to stderr first; false where the text lists them itself. */
    warningsOnStderr: boolean;
  };
}
