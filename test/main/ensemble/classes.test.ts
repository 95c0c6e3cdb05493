/** Class order as numpy's np.unique gives it, and member → ensemble column mapping. */
import { describe, expect, it } from 'vitest';
import { mapMemberClasses, sortedClassUnion } from '../../../main/ensemble/classes';
import { loadFixture } from './fixtures';

describe('sortedClassUnion', () => {
  it.each(loadFixture().classOrder)('orders $labels as np.unique: $expected', ({ labels, expected }) => {
    expect(sortedClassUnion(labels)).toEqual(expected);
  });

  it('compares strings by code point, as numpy does', () => {
    expect(sortedClassUnion([['\u{1F600}', '\uFFFF']])).toEqual(['\uFFFF', '\u{1F600}']);
  });
});

describe('mapMemberClasses', () => {
  it('maps each member column to its ensemble column', () => {
    expect(Array.from(mapMemberClasses('m', ['b', 'a'], ['a', 'b', 'c']))).toEqual([1, 0]);
  });

  it('refuses duplicates, classes outside the ensemble, and no overlap at all', () => {
    expect(() => mapMemberClasses('m', ['a', 'a'], ['a', 'b'])).toThrow(/member 'm' lists class 'a' twice/);
    expect(() => mapMemberClasses('m', ['a', 'z'], ['a', 'b'])).toThrow(
      /member 'm' has class 'z' that the ensemble/,
    );
    expect(() => mapMemberClasses('m', ['y', 'z'], ['a', 'b'])).toThrow(
      /member 'm' has classes \[y, z\], none of which/,
    );
  });
});
