/** Engine calls shared by several pages, landing their results in the store. */
import type { Dispatch } from 'react';
import type { Action } from './store';
import { getStudio } from './studio';
import { errorPayload, type ModelInfo } from './types';

export async function importModel(dispatch: Dispatch<Action>, path: string): Promise<ModelInfo | null> {
  const p = path.trim();
  if (!p) return null;
  dispatch({ type: 'modelLoading', path: p });
  try {
    const info = await getStudio()['models.inspect']({ path: p });
    dispatch({ type: 'modelLoaded', path: p, info });
    return info;
  } catch (e) {
    dispatch({ type: 'modelFailed', path: p, error: errorPayload(e) });
    return null;
  }
}

export async function openData(dispatch: Dispatch<Action>, path: string): Promise<void> {
  const p = path.trim();
  if (!p) return;
  dispatch({ type: 'dataLoading', path: p });
  try {
    const preview = await getStudio()['data.preview']({ path: p, rows: 1000 });
    dispatch({ type: 'dataLoaded', path: p, preview });
  } catch (e) {
    dispatch({ type: 'dataFailed', path: p, error: errorPayload(e) });
  }
}
