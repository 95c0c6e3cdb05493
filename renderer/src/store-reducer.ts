/**
 * How the app's state changes: every action and the pure reducer that applies it. Kept apart from
 * the React store (store.tsx) so that it runs, and is tested, under plain Node.
 */
import { scoringIdentity, type EnsembleDraft } from './draft';
import type {
  EvaluateForm,
  ExportForm,
  JobKind,
  JobState,
  MonitorForm,
  PageId,
  RunForm,
  State,
} from './state';
import type {
  CallOutput,
  DataPreview,
  ErrorPayload,
  JobFinished,
  JobProgress,
  ModelInfo,
  SpecCheck,
} from './types';

export type Action =
  | { type: 'navigate'; page: PageId }
  /** The saved workspace, put back before the pages render. */
  | { type: 'restore'; patch: Partial<State> }
  | { type: 'appInfo'; info: CallOutput<'app.info'> }
  | { type: 'modelLoading'; path: string }
  | { type: 'modelLoaded'; path: string; info: ModelInfo }
  | { type: 'modelFailed'; path: string; error: ErrorPayload }
  | { type: 'modelRemove'; path: string }
  | { type: 'modelSelect'; path: string | null }
  | { type: 'dataPath'; path: string }
  | { type: 'dataLoading'; path: string }
  | { type: 'dataLoaded'; path: string; preview: DataPreview }
  | { type: 'dataFailed'; path: string; error: ErrorPayload }
  | { type: 'draft'; draft: EnsembleDraft; keepClean?: boolean }
  | { type: 'specPathInput'; path: string | null }
  | { type: 'checkStart' }
  | { type: 'checkDone'; result: SpecCheck | null; error: ErrorPayload | null }
  | { type: 'runForm'; patch: Partial<RunForm> }
  | { type: 'evaluateForm'; patch: Partial<EvaluateForm> }
  | { type: 'exportForm'; patch: Partial<ExportForm> }
  | { type: 'monitorForm'; patch: Partial<MonitorForm> }
  | { type: 'jobStarted'; jobId: string; runId: number; kind: JobKind; label: string; request: unknown }
  | { type: 'jobProgress'; progress: JobProgress }
  | { type: 'jobFinished'; finished: JobFinished };

function blankJob(jobId: string): JobState {
  return {
    jobId,
    runId: null,
    kind: null,
    label: '',
    startedAt: Date.now(),
    progress: null,
    finished: null,
    request: null,
  };
}

function upsertJob(state: State, jobId: string, patch: (job: JobState) => JobState): State {
  const existing = state.jobs[jobId];
  const job = patch(existing ?? blankJob(jobId));
  return {
    ...state,
    jobs: { ...state.jobs, [jobId]: job },
    jobOrder: existing ? state.jobOrder : [jobId, ...state.jobOrder],
  };
}

export function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'navigate':
      return { ...state, page: action.page };
    case 'restore':
      return { ...state, ...action.patch, check: { result: null, error: null, checking: false } };
    case 'appInfo':
      return { ...state, appInfo: action.info };
    case 'modelLoading': {
      const others = state.models.filter((m) => m.path !== action.path);
      return { ...state, models: [...others, { path: action.path, status: 'loading' }] };
    }
    case 'modelLoaded':
      return {
        ...state,
        models: state.models.map((m) =>
          m.path === action.path ? { path: action.path, status: 'ok', info: action.info } : m,
        ),
        selectedModel: state.selectedModel ?? action.path,
      };
    case 'modelFailed':
      return {
        ...state,
        models: state.models.map((m) =>
          m.path === action.path ? { path: action.path, status: 'error', error: action.error } : m,
        ),
        selectedModel: action.path,
      };
    case 'modelRemove':
      return {
        ...state,
        models: state.models.filter((m) => m.path !== action.path),
        selectedModel: state.selectedModel === action.path ? null : state.selectedModel,
      };
    case 'modelSelect':
      return { ...state, selectedModel: action.path };
    case 'dataPath':
      return { ...state, data: { ...state.data, path: action.path } };
    case 'dataLoading':
      return { ...state, data: { ...state.data, path: action.path, loading: true, error: null } };
    case 'dataLoaded': {
      const run = state.run.input ? state.run : { ...state.run, input: action.path };
      const evaluate = state.evaluate.input ? state.evaluate : { ...state.evaluate, input: action.path };
      const ef = state.exportForm;
      const exportForm = {
        ...ef,
        check: ef.check || action.path,
        precisionInput: ef.precisionInput || action.path,
        benchInput: ef.benchInput || action.path,
      };
      return {
        ...state,
        data: { path: action.path, loading: false, preview: action.preview, error: null },
        run,
        evaluate,
        exportForm,
      };
    }
    case 'dataFailed':
      return { ...state, data: { path: action.path, loading: false, preview: null, error: action.error } };
    case 'draft':
      return {
        ...state,
        draft: withCalibrationChecked(
          state.draft,
          {
            ...action.draft,
            dirty: action.keepClean ? action.draft.dirty : true,
          },
          action.keepClean ?? false,
        ),
        // A draft loaded from elsewhere brings its own file: the spec field follows it.
        specPathInput: action.keepClean ? null : state.specPathInput,
        check: { result: null, error: null, checking: false },
      };
    case 'specPathInput':
      return { ...state, specPathInput: action.path };
    case 'checkStart':
      return { ...state, check: { ...state.check, checking: true } };
    case 'checkDone':
      return { ...state, check: { result: action.result, error: action.error, checking: false } };
    case 'runForm':
      return { ...state, run: { ...state.run, ...action.patch } };
    case 'evaluateForm':
      return { ...state, evaluate: { ...state.evaluate, ...action.patch } };
    case 'exportForm':
      return { ...state, exportForm: { ...state.exportForm, ...action.patch } };
    case 'monitorForm':
      return { ...state, monitorForm: { ...state.monitorForm, ...action.patch } };
    case 'jobStarted': {
      const next = upsertJob(state, action.jobId, (job) => ({
        ...job,
        runId: action.runId,
        kind: action.kind,
        label: action.label,
        request: action.request,
      }));
      return { ...next, lastJob: { ...next.lastJob, [action.kind]: action.jobId } };
    }
    case 'jobProgress':
      return upsertJob(state, action.progress.jobId, (job) =>
        job.finished ? job : { ...job, progress: action.progress },
      );
    case 'jobFinished': {
      const next = upsertJob(state, action.finished.jobId, (job) => ({
        ...job,
        runId: job.runId ?? action.finished.runId,
        finished: action.finished,
      }));
      return { ...next, historyVersion: next.historyVersion + 1 };
    }
  }
}

/**
 * An edit that changes what the ensemble scores (members, weights, inputs, combiner, classes)
 * leaves a calibration map out: it was fitted on the scores as they were, as optimize leaves a
 * stale map out of the spec it writes. An edit carries the draft's own map object; a draft loaded
 * whole (keepClean) or made from another spec brings its own map and keeps it.
 */
function withCalibrationChecked(
  previous: EnsembleDraft,
  next: EnsembleDraft,
  loaded: boolean,
): EnsembleDraft {
  const edited = !loaded && next.calibration !== null && next.calibration === previous.calibration;
  if (!edited || scoringIdentity(previous) === scoringIdentity(next)) return next;
  return { ...next, calibration: null, calibrationDropped: true };
}
