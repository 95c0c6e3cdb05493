/**
 * The workspace as it is saved beside the history (`workspace.save`) and read back at start: the
 * imported models' paths, the open data file, the builder's draft and the pages' inputs. Only
 * paths and text are kept; models and data are read again from disk when the app starts, so what
 * is shown is what is on disk now.
 */
import { memberKey, type EnsembleDraft, type MemberDraft } from '../draft';
import type { State } from '../state';
import type { WorkspaceState } from '../../../contract/contract';

export const WORKSPACE_VERSION = 1;

/** What the app restores before the pages render; models and data are then read again. */
export interface RestoredWorkspace {
  patch: Partial<State>;
  models: string[];
  data: string;
}

/** The part of the state worth keeping, as plain JSON. */
export function toWorkspace(state: State): WorkspaceState {
  const doc = {
    version: WORKSPACE_VERSION,
    page: state.page,
    // Failed imports are not models: they are not kept.
    models: state.models.filter((m) => m.status !== 'error').map((m) => m.path),
    data: state.data.preview || state.data.loading ? state.data.path : '',
    draft: state.draft,
    specPathInput: state.specPathInput,
    run: state.run,
    evaluate: state.evaluate,
    exportForm: state.exportForm,
    monitorForm: state.monitorForm,
  };
  // Through JSON: drops undefined, which the contract's JSON schema refuses.
  return JSON.parse(JSON.stringify(doc)) as WorkspaceState;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * `defaults` with each field the saved value has in the same JSON type. A workspace from another
 * version then fills what it knows and leaves the rest at the defaults, never a wrong type.
 */
export function mergeKnown<T extends object>(defaults: T, saved: unknown): T {
  if (!isRecord(saved)) return defaults;
  const base = defaults as Record<string, unknown>;
  const out: Record<string, unknown> = { ...base };
  for (const [key, def] of Object.entries(base)) {
    const value = saved[key];
    if (value === undefined) continue;
    const same =
      Array.isArray(def) === Array.isArray(value) &&
      (typeof def === typeof value || (def === null && value !== undefined));
    if (same) out[key] = value;
  }
  return out as T;
}

function restoreMember(saved: unknown): MemberDraft | null {
  if (!isRecord(saved) || typeof saved.model !== 'string') return null;
  const blank: MemberDraft = {
    key: '',
    name: '',
    model: '',
    weight: '1',
    inputs: [],
    output: '',
    outputKind: '',
    classes: '',
  };
  const m = mergeKnown(blank, saved);
  const inputs = Array.isArray(saved.inputs)
    ? saved.inputs
        .filter(isRecord)
        .filter((i) => typeof i.input === 'string' && typeof i.columns === 'string')
        .map((i) => ({ input: String(i.input), columns: String(i.columns) }))
    : [];
  // Keys are per session: fresh ones keep them unique against members added later.
  return { ...m, inputs, key: memberKey() };
}

function restoreDraft(defaults: EnsembleDraft, saved: unknown): EnsembleDraft {
  if (!isRecord(saved)) return defaults;
  const draft = mergeKnown(defaults, saved);
  const members = Array.isArray(saved.members)
    ? saved.members.map(restoreMember).filter((m): m is MemberDraft => m !== null)
    : [];
  return { ...draft, members, stackingMeta: saved.stackingMeta ?? null };
}

/** The saved workspace over `defaults`; null when there is none (or it is not one of ours). */
export function fromWorkspace(defaults: State, saved: unknown): RestoredWorkspace | null {
  if (!isRecord(saved) || saved.version !== WORKSPACE_VERSION) return null;
  const models = Array.isArray(saved.models)
    ? [...new Set(saved.models.filter((p): p is string => typeof p === 'string' && p.length > 0))]
    : [];
  const pageIds: State['page'][] = [
    'models',
    'data',
    'ensemble',
    'run',
    'evaluate',
    'monitor',
    'export',
    'history',
  ];
  const page = pageIds.find((p) => p === saved.page) ?? defaults.page;
  return {
    patch: {
      page,
      draft: restoreDraft(defaults.draft, saved.draft),
      specPathInput: typeof saved.specPathInput === 'string' ? saved.specPathInput : null,
      run: mergeKnown(defaults.run, saved.run),
      evaluate: mergeKnown(defaults.evaluate, saved.evaluate),
      exportForm: mergeKnown(defaults.exportForm, saved.exportForm),
      monitorForm: mergeKnown(defaults.monitorForm, saved.monitorForm),
    },
    models,
    data: typeof saved.data === 'string' ? saved.data : '',
  };
}
