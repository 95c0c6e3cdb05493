/**
 * The app's state and its starting value: plain data, kept apart from the React store
 * (store.tsx) so that pure modules (the workspace, tests under Node) can use them.
 */
import type { JobKind } from '../../contract/contract';
import { emptyDraft, type EnsembleDraft } from './draft';
import type {
  CallOutput,
  DataPreview,
  ErrorPayload,
  JobFinished,
  JobProgress,
  ModelInfo,
  Provider,
  SpecCheck,
} from './types';

export type PageId = 'models' | 'data' | 'ensemble' | 'run' | 'evaluate' | 'monitor' | 'export' | 'history';
export const PAGES: { id: PageId; label: string }[] = [
  { id: 'models', label: 'Models' },
  { id: 'data', label: 'Data' },
  { id: 'ensemble', label: 'Ensemble' },
  { id: 'run', label: 'Run' },
  { id: 'evaluate', label: 'Evaluate' },
  { id: 'monitor', label: 'Monitor' },
  { id: 'export', label: 'Export' },
  { id: 'history', label: 'History' },
];

export interface ModelEntry {
  path: string;
  status: 'loading' | 'ok' | 'error';
  info?: ModelInfo;
  error?: ErrorPayload;
}

export type { JobKind } from '../../contract/contract';

export interface JobState {
  jobId: string;
  runId: number | null;
  kind: JobKind | null;
  label: string;
  startedAt: number;
  progress: JobProgress | null;
  finished: JobFinished | null;
  /** What was asked (for the optimize output path, the re-run, …). */
  request: unknown;
}

export interface RunForm {
  input: string;
  output: string;
  provider: Provider;
  threads: string;
  keep: string;
  keepAll: boolean;
  members: boolean;
  /** CSV/TSV: text cells a spreadsheet would run as a formula get a leading '. */
  escapeFormulas: boolean;
  /** Per-row uncertainty columns after the probabilities. */
  uncertainty: boolean;
}

export interface EvaluateForm {
  input: string;
  label: string;
  method: 'greedy' | 'stacking' | 'calibrate';
  /** The map `calibrate` fits. */
  calibration: 'sigmoid' | 'isotonic';
  size: string;
  output: string;
}

/** The Monitor page: the data the ensemble was validated on against the data it sees now. */
export interface MonitorForm {
  /** The builder's current ensemble, or a spec file. */
  source: 'draft' | 'file';
  specPath: string;
  /** A data file, or an earlier run whose input is the reference. */
  referenceKind: 'file' | 'run';
  referencePath: string;
  /** The earlier run's id as text ('' = none chosen). */
  referenceRun: string;
  current: string;
  /** Optional label column: measured metrics beside the estimates. */
  label: string;
}

/** The Export page: fused model, precision variant and provider benchmark. */
export interface ExportForm {
  /** The builder's current ensemble, or a spec file. */
  source: 'draft' | 'file';
  specPath: string;
  /** The spec file last opened here: its name and members (for the precision subject). */
  loadedSpec: { path: string; name: string; members: string[] } | null;
  layout: 'per-column' | 'matrix';
  /** Data file the fused model is checked on; '' = the open data file. */
  check: string;
  output: string;
  /** '' = the fused ensemble; else a member's name. */
  subject: string;
  variant: 'float16' | 'int8';
  precisionInput: string;
  precisionLabel: string;
  precisionRows: string;
  precisionOutput: string;
  benchInput: string;
  benchProviders: Provider[];
  benchThreads: string;
  benchRows: string;
  saveOptimized: boolean;
  optimizedDir: string;
}

export interface State {
  page: PageId;
  appInfo: CallOutput<'app.info'> | null;
  models: ModelEntry[];
  selectedModel: string | null;
  data: { path: string; loading: boolean; preview: DataPreview | null; error: ErrorPayload | null };
  draft: EnsembleDraft;
  /** The builder's spec file field as typed; null: the draft's own file. */
  specPathInput: string | null;
  check: { result: SpecCheck | null; error: ErrorPayload | null; checking: boolean };
  run: RunForm;
  evaluate: EvaluateForm;
  exportForm: ExportForm;
  monitorForm: MonitorForm;
  jobs: Record<string, JobState>;
  /** Newest first. */
  jobOrder: string[];
  lastJob: Partial<Record<JobKind, string>>;
  /** Bumped when a job finishes, so history views refresh. */
  historyVersion: number;
}

export const initialState: State = {
  page: 'models',
  appInfo: null,
  models: [],
  selectedModel: null,
  data: { path: '', loading: false, preview: null, error: null },
  draft: emptyDraft,
  specPathInput: null,
  check: { result: null, error: null, checking: false },
  run: {
    input: '',
    output: '',
    provider: 'cpu',
    threads: '',
    keep: '',
    keepAll: false,
    members: false,
    escapeFormulas: true,
    uncertainty: false,
  },
  evaluate: { input: '', label: '', method: 'greedy', calibration: 'sigmoid', size: '50', output: '' },
  exportForm: {
    source: 'draft',
    specPath: '',
    loadedSpec: null,
    layout: 'per-column',
    check: '',
    output: '',
    subject: '',
    variant: 'float16',
    precisionInput: '',
    precisionLabel: '',
    precisionRows: '50000',
    precisionOutput: '',
    benchInput: '',
    benchProviders: ['cpu'],
    benchThreads: '1, 2, 4',
    benchRows: '20000',
    saveOptimized: false,
    optimizedDir: '',
  },
  monitorForm: {
    source: 'draft',
    specPath: '',
    referenceKind: 'file',
    referencePath: '',
    referenceRun: '',
    current: '',
    label: '',
  },
  jobs: {},
  jobOrder: [],
  lastJob: {},
  historyVersion: 0,
};
