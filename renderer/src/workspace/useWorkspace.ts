/**
 * Keeps the workspace across reloads and restarts: read once at start (the pages render after
 * it), then saved shortly after each change. Models and the data file are read again from disk.
 */
import { useEffect, useRef, useState, type Dispatch } from 'react';
import { importModel, openData } from '../actions';
import { initialState, type Action, type State } from '../store';
import { getStudio } from '../studio';
import { errorPayload } from '../types';
import type { WorkspaceState } from '../../../contract/contract';
import { fromWorkspace, toWorkspace } from './persist';

export type WorkspaceStatus = 'loading' | 'saved' | 'pending' | 'failed';

/** Changes within this many milliseconds are saved together. */
const SAVE_DELAY_MS = 300;

export function useWorkspace(state: State, dispatch: Dispatch<Action>) {
  const [ready, setReady] = useState(false);
  const [status, setStatus] = useState<WorkspaceStatus>('loading');
  const [problem, setProblem] = useState<string | null>(null);
  const lastSaved = useRef<string | null>(null);
  const latest = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    // Through a promise: an adapter that throws at once must not stop the app from opening.
    Promise.resolve()
      .then(() => getStudio()['workspace.load']({}))
      .then((loaded) => {
        if (!live) return;
        const restored = fromWorkspace(initialState, loaded.state);
        if (restored) {
          dispatch({ type: 'restore', patch: restored.patch });
          void Promise.all(restored.models.map((p) => importModel(dispatch, p)));
          if (restored.data) void openData(dispatch, restored.data);
          lastSaved.current = JSON.stringify(loaded.state);
        }
      })
      .catch(
        (e: unknown) =>
          live && setProblem(`The saved workspace could not be read: ${errorPayload(e).message}`),
      )
      .finally(() => {
        if (!live) return;
        setReady(true);
        setStatus('saved');
      });
    return () => {
      live = false;
    };
  }, [dispatch]);

  const doc = ready ? JSON.stringify(toWorkspace(state)) : null;
  useEffect(() => {
    latest.current = doc;
    if (doc === null || doc === lastSaved.current) return;
    setStatus('pending');
    const timer = setTimeout(() => {
      getStudio()
        ['workspace.save']({ state: JSON.parse(doc) as WorkspaceState })
        .then(() => {
          lastSaved.current = doc;
          setProblem(null);
          // A change made while this one was saving is still to be saved.
          if (latest.current === doc) setStatus('saved');
        })
        .catch((e: unknown) => {
          setProblem(`The workspace could not be saved: ${errorPayload(e).message}`);
          setStatus('failed');
        });
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [doc]);

  return { ready, status, problem };
}
