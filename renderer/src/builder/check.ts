/**
 * The builder's Check: the engine's check of everything it can judge, plus the weight problems the
 * builder finds itself (the engine's contract refuses a bad weight outright, which would hide every
 * other problem). Together they list every problem at once.
 */
import {
  ensembleSource,
  splitList,
  type EnsembleDraft,
  type EnsembleSourceInput,
  type MemberDraft,
} from '../draft';
import type { ErrorPayload, ModelInfo } from '../types';
import { parseWeight, weightProblems } from './weights';

/** The draft as the engine's check gets it: unusable weights stand in as 1, since they are reported here. */
export function checkSource(draft: EnsembleDraft): EnsembleSourceInput {
  const problems = weightProblems(draft.members);
  if (problems.length === 0) return ensembleSource(draft);
  const allZero = problems.some((p) => p.key === null);
  return ensembleSource({
    ...draft,
    dirty: true,
    members: draft.members.map((m) => ({
      ...m,
      weight: allZero || parseWeight(m.weight) === null ? '1' : m.weight,
    })),
  });
}

/** The builder's own problems, shaped like the engine's so they show the same way. */
export function localProblems(draft: EnsembleDraft): ErrorPayload[] {
  return weightProblems(draft.members).map((p) => ({
    code: 'bad_input',
    message: p.member ? `${p.member}: ${p.message}` : p.message,
    location: p.member ? { member: p.member, field: 'weight' } : { field: 'weight' },
  }));
}

/**
 * Input mappings that cannot work, in the builder's words ("forest needs 10 columns for
 * float_input, 0 picked: pick them under Input mapping"): an input of fixed width whose picked
 * columns are not that many. An input left empty that a data column of the same name feeds is fine.
 */
export function mappingProblems(
  draft: EnsembleDraft,
  modelOf: (m: MemberDraft) => ModelInfo | undefined,
  columns: readonly string[],
): ErrorPayload[] {
  const problems: ErrorPayload[] = [];
  for (const m of draft.members) {
    const model = modelOf(m);
    if (!model) continue;
    for (const sig of model.inputs) {
      const width = sig.shape?.[sig.shape.length - 1];
      if (typeof width !== 'number') continue;
      const picked = splitList(m.inputs.find((i) => i.input === sig.name)?.columns ?? '');
      if (picked.length === 0 && columns.includes(sig.name)) continue;
      if (picked.length === width) continue;
      const name = m.name.trim() || m.model;
      problems.push({
        code: 'spec',
        message: `${name} needs ${width} column${width === 1 ? '' : 's'} for ${sig.name}, ${picked.length} picked: ${
          picked.length > width ? 'remove some' : 'pick them'
        } under Input mapping`,
        location: { member: name, input: sig.name },
      });
    }
  }
  return problems;
}

/** The engine's problems, less those the builder already says in its own words (same member and input). */
export function withoutRestated(engine: ErrorPayload[], own: ErrorPayload[]): ErrorPayload[] {
  const said = new Set(
    own
      .filter((p) => p.location?.member && p.location.input)
      .map((p) => `${p.location?.member}\u0000${p.location?.input}`),
  );
  return engine.filter((p) => !said.has(`${p.location?.member ?? ''}\u0000${p.location?.input ?? ''}`));
}
