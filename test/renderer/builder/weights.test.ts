import { describe, expect, it } from 'vitest';
import { parseWeight, weightFieldProblem, weightProblems } from '../../../renderer/src/builder/weights';
import { draftToSpec, emptyDraft, type MemberDraft } from '../../../renderer/src/draft';

function member(name: string, weight: string): MemberDraft {
  return {
    key: name,
    name,
    model: `/m/${name}.onnx`,
    weight,
    inputs: [],
    output: '',
    outputKind: '',
    classes: '',
  };
}

describe('builder weights', () => {
  it('accepts finite numbers of 0 or more, as written', () => {
    expect(parseWeight('2')).toBe(2);
    expect(parseWeight(' 0.25 ')).toBe(0.25);
    expect(parseWeight('1e-3')).toBe(0.001);
    expect(parseWeight('0')).toBe(0);
    expect(weightFieldProblem('0.5')).toBeNull();
  });

  it('refuses negative, empty, non-numeric and overflowing weights with a message for the field', () => {
    expect(parseWeight('-1')).toBeNull();
    expect(weightFieldProblem('-1')).toMatch(/cannot be negative \(-1\)/);
    expect(weightFieldProblem('')).toMatch(/^Enter a weight/);
    expect(weightFieldProblem('abc')).toMatch(/“abc” is not a number/);
    expect(weightFieldProblem('NaN')).toMatch(/not a number/);
    expect(weightFieldProblem('1_000')).toMatch(/not a number/);
    expect(weightFieldProblem('0x10')).toMatch(/not a number/);
    expect(weightFieldProblem('1e400')).toMatch(/too large/);
  });

  it('lists every bad member, and "all zero" for the ensemble', () => {
    const bad = weightProblems([member('a', '-1'), member('b', ''), member('c', '1')]);
    expect(bad.map((p) => p.member)).toEqual(['a', 'b']);
    const zero = weightProblems([member('a', '0'), member('b', '0')]);
    expect(zero).toHaveLength(1);
    expect(zero[0]?.key).toBeNull();
    expect(zero[0]?.message).toMatch(/Every member’s weight is 0/);
    expect(weightProblems([member('a', '0'), member('b', '3')])).toEqual([]);
  });

  it('never turns a bad weight into 1 in the spec', () => {
    const spec = draftToSpec({ ...emptyDraft, members: [member('a', '-1'), member('b', '2')] });
    expect(spec.members[0]?.weight).toBeNaN();
    expect(spec.members[1]?.weight).toBe(2);
  });
});
