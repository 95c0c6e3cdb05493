/**
 * App state: one React context + reducer. Pages read slices and dispatch actions; calls to the
 * engine live in the pages (or in small helpers here) and land in the store as actions.
 */
import { createContext, useContext, useEffect, useReducer, type Dispatch, type ReactNode } from 'react';
import { initialState, type JobState, type ModelEntry, type State } from './state';
import { reducer, type Action } from './store-reducer';

export type { Action } from './store-reducer';
import { getStudio } from './studio';

export * from './state';

const StoreContext = createContext<{ state: State; dispatch: Dispatch<Action> } | null>(null);

export function StoreProvider({ children, initial }: { children: ReactNode; initial?: Partial<State> }) {
  const [state, dispatch] = useReducer(reducer, { ...initialState, ...initial });

  // One subscription for the whole app: every job's events land in the store.
  useEffect(() => {
    const studio = getStudio();
    const offProgress = studio.on('job.progress', (progress) => dispatch({ type: 'jobProgress', progress }));
    const offFinished = studio.on('job.finished', (finished) => dispatch({ type: 'jobFinished', finished }));
    studio['app.info']({}).then(
      (info) => dispatch({ type: 'appInfo', info }),
      () => undefined,
    );
    return () => {
      offProgress();
      offFinished();
    };
  }, []);

  return <StoreContext.Provider value={{ state, dispatch }}>{children}</StoreContext.Provider>;
}

export function useStore() {
  const ctx = useContext(StoreContext);
  if (!ctx) throw new Error('useStore outside StoreProvider');
  return ctx;
}

/** Models that were read; failed imports are listed apart and are not models. */
export function importedModels(state: State): ModelEntry[] {
  return state.models.filter((m) => m.status !== 'error');
}

export function runningJobs(state: State): JobState[] {
  return state.jobOrder.map((id) => state.jobs[id] as JobState).filter((j) => j && !j.finished);
}

/** 0..1 when the total is known. */
export function jobFraction(job: JobState): number | null {
  if (job.finished) return job.finished.status === 'succeeded' ? 1 : null;
  const p = job.progress;
  if (!p || p.rowsTotal === null || p.rowsTotal <= 0) return null;
  return Math.min(1, p.rowsDone / p.rowsTotal);
}
