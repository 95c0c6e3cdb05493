/** Engine calls shared by several pages, landing their results in the store. */
import type { Dispatch } from 'react';
import { resolvedModelPath, specToDraft, type EnsembleDraft } from './draft';
import type { ModelEntry } from './state';
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

/** Loads a spec file into the builder (the file becomes the builder's); rejects when it cannot. */
export async function openSpec(dispatch: Dispatch<Action>, path: string): Promise<EnsembleDraft> {
  const loaded = await getStudio()['ensembles.load']({ path });
  const draft = specToDraft(loaded.spec, loaded.path);
  dispatch({ type: 'draft', draft, keepClean: true });
  return draft;
}

/**
 * Reads the models of a just opened spec's members that are not in the Models list yet, so their
 * signatures are known; one that fails lands in the list as a failed import.
 */
export async function importMemberModels(
  dispatch: Dispatch<Action>,
  models: readonly ModelEntry[],
  draft: EnsembleDraft,
): Promise<void> {
  for (const m of draft.members) {
    const p = resolvedModelPath(draft, m);
    if (!models.some((x) => x.path === p)) await importModel(dispatch, p);
  }
}
