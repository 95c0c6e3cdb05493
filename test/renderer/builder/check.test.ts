import { describe, expect, it } from 'vitest';
import {
  checkSource,
  localProblems,
  mappingProblems,
  withoutRestated,
} from '../../../renderer/src/builder/check';
import { emptyDraft, type EnsembleDraft, type MemberDraft } from '../../../renderer/src/draft';
import type { ModelInfo } from '../../../renderer/src/types';

function member(name: string, weight: string, columns: string): MemberDraft {
  return {
    key: name,
    name,
    model: `/m/${name}.onnx`,
    weight,
    inputs: columns ? [{ input: 'float_input', columns }] : [],
    output: '',
    outputKind: '',
    classes: '',
  };
}

/** Only what the mapping check reads of a model: its inputs' shapes. */
const tenWide = {
  inputs: [
    { name: 'float_input', valueKind: 'tensor', elementType: 'float', shape: [null, 10], display: '' },
  ],
} as unknown as ModelInfo;

describe('builder check', () => {
  it('says an unmapped or short input in the builder’s words, at the member and input', () => {
    const draft: EnsembleDraft = {
      ...emptyDraft,
      members: [
        member('forest', '1', ''),
        member('short', '1', 'a, b'),
        member('ok', '1', 'a,b,c,d,e,f,g,h,i,j'),
      ],
    };
    const problems = mappingProblems(draft, () => tenWide, ['a', 'b']);
    expect(problems.map((p) => p.message)).toEqual([
      'forest needs 10 columns for float_input, 0 picked: pick them under Input mapping',
      'short needs 10 columns for float_input, 2 picked: pick them under Input mapping',
    ]);
    expect(problems[0]?.location).toEqual({ member: 'forest', input: 'float_input' });
  });

  it('drops the engine’s wording of a problem the builder already states, and keeps the rest', () => {
    const own = [
      { code: 'spec' as const, message: 'mine', location: { member: 'forest', input: 'float_input' } },
    ];
    const engine = [
      { code: 'spec' as const, message: 'theirs', location: { member: 'forest', input: 'float_input' } },
      { code: 'spec' as const, message: 'other', location: { member: 'mlp' } },
    ];
    expect(withoutRestated(engine, own).map((p) => p.message)).toEqual(['other']);
  });

  it('checks the rest of a draft with a bad weight, and reports the weight itself', () => {
    const draft: EnsembleDraft = {
      ...emptyDraft,
      dirty: true,
      members: [member('a', '-2', 'x'), member('b', '3', 'x')],
    };
    const source = checkSource(draft);
    expect('spec' in source && source.spec.members.map((m) => m.weight)).toEqual([1, 3]);
    expect(localProblems(draft)).toEqual([
      {
        code: 'bad_input',
        message: 'a: A weight cannot be negative (-2): enter 0 or more.',
        location: { member: 'a', field: 'weight' },
      },
    ]);
  });
});
