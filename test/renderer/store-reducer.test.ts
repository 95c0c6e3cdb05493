import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../contract/contract';
import {
  draftToSpec,
  emptyDraft,
  SPEC_FORMAT,
  specToDraft,
  type EnsembleDraft,
} from '../../renderer/src/draft';
import { initialState, type State } from '../../renderer/src/state';
import { reducer, type Action } from '../../renderer/src/store-reducer';
import type { DataPreview, ErrorPayload, ModelInfo } from '../../renderer/src/types';

const run = (actions: Action[], from: State = initialState): State => actions.reduce(reducer, from);

const preview: DataPreview = {
  info: { path: '/d/train.csv', format: 'csv', sizeBytes: 10, columns: [] },
  rows: [],
  summary: [],
  problems: [],
  emptiness: 'header-only',
};
const modelInfo = { path: '/m/a.onnx' } as Partial<ModelInfo> as ModelInfo;
const failure: ErrorPayload = { code: 'bad_input', message: 'no' };

function progress(jobId: string, rowsDone: number): JobProgress {
  return {
    jobId,
    phase: 'scoring',
    rowsDone,
    rowsTotal: 100,
    rowsPerSec: 10,
    etaSeconds: null,
    elapsedSeconds: 1,
  };
}

describe('store reducer', () => {
  it('does not change the state it is given', () => {
    const before = structuredClone(initialState);
    reducer(initialState, { type: 'navigate', page: 'export' });
    expect(initialState).toEqual(before);
  });

  it('imports models: the first read one is selected, a failed one is selected to show why', () => {
    const s = run([
      { type: 'modelLoading', path: '/m/a.onnx' },
      { type: 'modelLoaded', path: '/m/a.onnx', info: modelInfo },
      { type: 'modelLoading', path: '/m/b.onnx' },
      { type: 'modelFailed', path: '/m/b.onnx', error: failure },
    ]);
    expect(s.models.map((m) => [m.path, m.status])).toEqual([
      ['/m/a.onnx', 'ok'],
      ['/m/b.onnx', 'error'],
    ]);
    expect(s.selectedModel).toBe('/m/b.onnx');
    const removed = reducer(s, { type: 'modelRemove', path: '/m/b.onnx' });
    expect(removed.models).toHaveLength(1);
    expect(removed.selectedModel).toBeNull();
  });

  it('fills empty data fields of every page with a newly opened file, keeping typed ones', () => {
    const typed = run([{ type: 'evaluateForm', patch: { input: '/d/holdout.csv' } }]);
    const s = run([{ type: 'dataLoaded', path: '/d/train.csv', preview }], typed);
    expect(s.data).toEqual({ path: '/d/train.csv', loading: false, preview, error: null });
    expect(s.run.input).toBe('/d/train.csv');
    expect(s.evaluate.input).toBe('/d/holdout.csv');
    expect(s.exportForm).toMatchObject({
      check: '/d/train.csv',
      precisionInput: '/d/train.csv',
      benchInput: '/d/train.csv',
    });
  });

  it('marks an edited draft dirty and a loaded one as it came, clearing the check', () => {
    const checked = run([{ type: 'checkDone', result: null, error: failure }]);
    const edited = reducer(checked, { type: 'draft', draft: { ...emptyDraft, name: 'x' } });
    expect(edited.draft).toMatchObject({ name: 'x', dirty: true });
    expect(edited.check).toEqual({ result: null, error: null, checking: false });
    const typed = reducer(edited, { type: 'specPathInput', path: '/s/typed.json' });
    const loaded = reducer(typed, { type: 'draft', draft: { ...emptyDraft, name: 'y' }, keepClean: true });
    expect(loaded.draft.dirty).toBe(false);
    expect(loaded.specPathInput).toBeNull();
  });

  it('keeps a calibrated spec’s map through renames, and leaves it out at a change to the scores', () => {
    const calibration = { method: 'sigmoid' as const, maps: [{ a: -2, b: 0.5 }] };
    const spec: Parameters<typeof specToDraft>[0] = {
      format: SPEC_FORMAT,
      name: 'calibrated',
      task: 'classification' as const,
      members: [
        { name: 'a', model: 'a.onnx', weight: 2 },
        { name: 'b', model: 'b.onnx' },
      ],
      combiner: { method: 'soft_vote' as const },
      calibration,
    };
    const loaded = run([{ type: 'draft', draft: specToDraft(spec, '/s/c.ensemble.json'), keepClean: true }]);
    expect(draftToSpec(loaded.draft).calibration).toEqual(calibration);

    // A new name, a description, a member renamed: the scores are the same, so the map stays.
    const renamed = { ...loaded.draft, name: 'renamed', description: 'same scores' };
    renamed.members = renamed.members.map((m, i) => (i === 0 ? { ...m, name: 'first' } : m));
    const kept = reducer(loaded, { type: 'draft', draft: renamed });
    expect(draftToSpec(kept.draft).calibration).toEqual(calibration);
    expect(kept.draft.calibrationDropped).toBe(false);

    // Each of these changes the scores the map was fitted on.
    const changes: ((d: EnsembleDraft) => EnsembleDraft)[] = [
      (d) => ({ ...d, members: d.members.map((m, i) => (i === 0 ? { ...m, weight: '3' } : m)) }),
      (d) => ({ ...d, members: d.members.slice(1) }),
      (d) => ({ ...d, combiner: 'geometric_mean' }),
      (d) => ({ ...d, members: d.members.map((m, i) => (i === 1 ? { ...m, model: 'c.onnx' } : m)) }),
    ];
    for (const change of changes) {
      const edited = reducer(kept, { type: 'draft', draft: change(kept.draft) });
      expect(draftToSpec(edited.draft).calibration).toBeUndefined();
      expect(edited.draft.calibrationDropped).toBe(true);
    }

    // Another calibrated spec replacing the draft (a re-run's inline spec) keeps its own map.
    const other = specToDraft({ ...spec, members: spec.members.slice(0, 1) }, '');
    const replaced = reducer(kept, { type: 'draft', draft: other });
    expect(draftToSpec(replaced.draft).calibration).toEqual(calibration);
  });

  it('tracks a job from start to finish, newest first, and refreshes the history', () => {
    const started = run([
      { type: 'jobStarted', jobId: 'j1', runId: 1, kind: 'score', label: 'Score a', request: { input: 'a' } },
      { type: 'jobStarted', jobId: 'j2', runId: 2, kind: 'score', label: 'Score b', request: { input: 'b' } },
      { type: 'jobProgress', progress: progress('j2', 40) },
    ]);
    expect(started.jobOrder).toEqual(['j2', 'j1']);
    expect(started.lastJob).toEqual({ score: 'j2' });
    expect(started.jobs.j2?.progress?.rowsDone).toBe(40);

    const finished = reducer(started, {
      type: 'jobFinished',
      finished: { jobId: 'j2', runId: 2, status: 'cancelled', error: failure },
    });
    expect(finished.jobs.j2?.finished?.status).toBe('cancelled');
    expect(finished.historyVersion).toBe(started.historyVersion + 1);
    // Progress that arrives after the end does not bring the job back.
    const late = reducer(finished, { type: 'jobProgress', progress: progress('j2', 90) });
    expect(late.jobs.j2?.progress?.rowsDone).toBe(40);
  });

  it('keeps events of a job it has not seen start (another window started it)', () => {
    const s = run([{ type: 'jobProgress', progress: progress('jx', 5) }]);
    expect(s.jobOrder).toEqual(['jx']);
    expect(s.jobs.jx).toMatchObject({ jobId: 'jx', runId: null, kind: null });
    const done = reducer(s, {
      type: 'jobFinished',
      finished: { jobId: 'jx', runId: 9, status: 'failed', error: failure },
    });
    expect(done.jobs.jx?.runId).toBe(9);
  });

  it('restores a saved workspace with a fresh check', () => {
    const s = run([
      { type: 'checkStart' },
      { type: 'restore', patch: { page: 'history', run: { ...initialState.run, input: '/d/a.csv' } } },
    ]);
    expect(s.page).toBe('history');
    expect(s.run.input).toBe('/d/a.csv');
    expect(s.check.checking).toBe(false);
  });
});
