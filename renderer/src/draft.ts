/**
 * The ensemble builder's editable draft, and its conversion to and from the spec the engine reads
 * (DESIGN.md, "Ensemble spec"). Text fields stay text while editing; conversion trims and drops
 * what is left empty so that the engine's own defaults apply (an input mapping left out, an output
 * the model names itself).
 */
import { parseWeight } from './builder/weights';
import { basename, dirname, isAbsolute, join, stem } from './paths';
import type {
  ColumnSchema,
  CombinerInput,
  CombinerMethod,
  EnsembleSpec,
  EnsembleSpecInput,
  ModelInfo,
  OutputKind,
  ScoreRequest,
} from './types';

export const SPEC_FORMAT = 'ensemble-studio/ensemble@1';

export interface InputMapping {
  input: string;
  /** Data columns, comma separated while editing. */
  columns: string;
}

export interface MemberDraft {
  key: string;
  name: string;
  /** As written in the spec: absolute, or relative to the spec's folder. */
  model: string;
  weight: string;
  inputs: InputMapping[];
  output: string;
  outputKind: OutputKind | '';
  classes: string;
}

export interface EnsembleDraft {
  name: string;
  description: string;
  task: 'classification' | 'regression';
  classes: string;
  combiner: CombinerMethod;
  /** A fitted stacking meta-model (from optimize --method stacking or a loaded spec). */
  stackingMeta: unknown;
  /**
   * The calibration map of a loaded calibrated spec, kept while the ensemble scores as it did
   * when the map was fitted (store-reducer.ts drops it at a change that alters the scores).
   */
  calibration: EnsembleSpecInput['calibration'] | null;
  /** Set when a change dropped the calibration map, for the builder to say so. */
  calibrationDropped: boolean;
  members: MemberDraft[];
  /** Where the spec was loaded from or saved to; '' for a new one. */
  specPath: string;
  /** Changed since it was loaded or saved. */
  dirty: boolean;
}

export const emptyDraft: EnsembleDraft = {
  name: 'untitled ensemble',
  description: '',
  task: 'classification',
  classes: '',
  combiner: 'soft_vote',
  stackingMeta: null,
  calibration: null,
  calibrationDropped: false,
  members: [],
  specPath: '',
  dirty: false,
};

let nextKey = 1;
export function memberKey(): string {
  return `m${nextKey++}`;
}

export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The folder member paths are relative to. */
export function baseDirOf(draft: EnsembleDraft): string {
  if (draft.specPath) return dirname(draft.specPath);
  const abs = draft.members.find((m) => isAbsolute(m.model));
  return abs ? dirname(abs.model) : '.';
}

/** A member's model path resolved against the spec's folder (for matching imported models). */
export function resolvedModelPath(draft: EnsembleDraft, m: MemberDraft): string {
  return isAbsolute(m.model) ? m.model : join(baseDirOf(draft), m.model);
}

export function draftToSpec(draft: EnsembleDraft): EnsembleSpecInput {
  const classes = splitList(draft.classes);
  const combiner = (
    draft.combiner === 'stacking'
      ? { method: 'stacking', meta: draft.stackingMeta }
      : { method: draft.combiner }
  ) as CombinerInput;
  return {
    format: SPEC_FORMAT,
    name: draft.name.trim() || 'untitled ensemble',
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    task: draft.task,
    ...(classes.length ? { classes } : {}),
    members: draft.members.map((m) => {
      const inputs: Record<string, string[]> = {};
      for (const mapping of m.inputs) {
        const cols = splitList(mapping.columns);
        if (cols.length) inputs[mapping.input] = cols;
      }
      const memberClasses = splitList(m.classes);
      return {
        name: m.name.trim() || stem(m.model),
        model: m.model,
        // Never a stand-in: an unusable weight stays unusable (NaN), and the builder blocks saving
        // and running until the field is fixed (builder/weights.ts).
        weight: parseWeight(m.weight) ?? Number.NaN,
        ...(Object.keys(inputs).length ? { inputs } : {}),
        ...(m.output.trim() ? { output: m.output.trim() } : {}),
        ...(m.outputKind ? { outputKind: m.outputKind } : {}),
        ...(memberClasses.length ? { classes: memberClasses } : {}),
      };
    }),
    combiner,
    ...(draft.calibration ? { calibration: draft.calibration } : {}),
  };
}

/**
 * What the ensemble's scores depend on, as comparable text: the spec less its name, description,
 * calibration and member names. A calibration map fitted on the scores goes stale when this changes.
 */
export function scoringIdentity(draft: EnsembleDraft): string {
  const { task, classes, combiner, members } = draftToSpec(draft);
  return JSON.stringify({
    task,
    classes,
    combiner,
    members: members.map(({ name: _name, ...rest }) => rest),
  });
}

export function specToDraft(spec: EnsembleSpec | EnsembleSpecInput, specPath: string): EnsembleDraft {
  return {
    name: spec.name,
    description: spec.description ?? '',
    task: spec.task,
    classes: (spec.classes ?? []).map(String).join(', '),
    combiner: spec.combiner.method,
    stackingMeta: spec.combiner.method === 'stacking' ? spec.combiner.meta : null,
    // A copy of its own: the reducer tells an edit of this draft (the same map object) from a
    // draft made from another spec (store-reducer.ts).
    calibration: spec.calibration ? structuredClone(spec.calibration) : null,
    calibrationDropped: false,
    members: spec.members.map((m) => ({
      key: memberKey(),
      name: m.name,
      model: m.model,
      weight: String(m.weight ?? 1),
      inputs: Object.entries(m.inputs ?? {}).map(([input, cols]) => ({ input, columns: cols.join(', ') })),
      output: m.output ?? '',
      outputKind: m.outputKind ?? '',
      classes: (m.classes ?? []).map(String).join(', '),
    })),
    specPath,
    dirty: false,
  };
}

const LABEL_NAMES = ['target', 'label', 'y', 'class', 'outcome'];

export function guessLabelColumn(columns: readonly ColumnSchema[]): string {
  const found = columns.find((c) => LABEL_NAMES.includes(c.name.toLowerCase()));
  return found ? found.name : (columns[columns.length - 1]?.name ?? '');
}

/**
 * Input mapping where it can be decided: an input named like a column takes that column; an input
 * of fixed width k takes the data's numeric columns (less the label) when there are exactly k.
 * Anything else is left empty for the analyst (the check then says what the input needs).
 */
export function autoInputs(
  model: ModelInfo | undefined,
  columns: readonly ColumnSchema[],
  labelColumn: string,
): InputMapping[] {
  if (!model) return [];
  const names = new Set(columns.map((c) => c.name));
  const numeric = columns.filter(
    (c) => (c.type === 'number' || c.type === 'integer') && c.name !== labelColumn,
  );
  return model.inputs.map((input) => {
    if (names.has(input.name)) return { input: input.name, columns: input.name };
    const last = input.shape?.[input.shape.length - 1];
    if (typeof last === 'number' && last === numeric.length && last > 0) {
      return { input: input.name, columns: numeric.map((c) => c.name).join(', ') };
    }
    if (model.inputs.length === 1 && (last === null || typeof last === 'string') && numeric.length > 0) {
      return { input: input.name, columns: numeric.map((c) => c.name).join(', ') };
    }
    return { input: input.name, columns: '' };
  });
}

export function memberFromModel(
  model: ModelInfo,
  existing: readonly MemberDraft[],
  columns: readonly ColumnSchema[],
  labelColumn: string,
): MemberDraft {
  const base = stem(basename(model.path)) || 'member';
  let name = base;
  for (let i = 2; existing.some((m) => m.name === name); i++) name = `${base}_${i}`;
  return {
    key: memberKey(),
    name,
    model: model.path,
    weight: '1',
    inputs: autoInputs(model, columns, labelColumn),
    output: '',
    outputKind: '',
    classes: '',
  };
}

export type EnsembleSourceInput = ScoreRequest['ensemble'];

/** What a job or check is given: the saved file when the draft is unchanged, else the spec itself. */
export function ensembleSource(draft: EnsembleDraft): EnsembleSourceInput {
  if (draft.specPath && !draft.dirty) return { specPath: draft.specPath };
  return { spec: draftToSpec(draft), baseDir: baseDirOf(draft) };
}

/** Before saving elsewhere: relative model paths made absolute so they still point at the models. */
export function rebaseForSave(draft: EnsembleDraft, newPath: string): EnsembleDraft {
  if (dirname(newPath) === baseDirOf(draft)) return draft;
  return {
    ...draft,
    members: draft.members.map((m) =>
      isAbsolute(m.model) ? m : { ...m, model: join(baseDirOf(draft), m.model) },
    ),
  };
}
