import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../contract/errors';
import { mapLabels, selectRows } from '../../../main/evaluate/labels';

describe('mapLabels', () => {
  const classes = ['0', '1'];

  it('matches ints, floats, bigints and strings by string form', () => {
    expect([...mapLabels([1, 0, 1], classes, { file: 'f.csv', column: 'y' }).indices]).toEqual([1, 0, 1]);
    expect([
      ...mapLabels(Float64Array.from([0, 1]), classes, { file: 'f.csv', column: 'y' }).indices,
    ]).toEqual([0, 1]);
    expect([
      ...mapLabels(BigInt64Array.from([1n, 0n]), classes, { file: 'f.csv', column: 'y' }).indices,
    ]).toEqual([1, 0]);
    expect([...mapLabels(['cat', 'dog'], ['cat', 'dog'], { file: 'f.csv', column: 'y' }).indices]).toEqual([
      0, 1,
    ]);
  });

  it('names the value, the file and the line of an unknown label', () => {
    let error: unknown;
    try {
      mapLabels(['a', 'b', 'x'], ['a', 'b'], { file: 'data.csv', column: 'label', firstRow: 10 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StudioError);
    const e = error as StudioError;
    expect(e.code).toBe('data');
    // data row 12 (0-based) is line 14: 1-based row 13, plus the header line
    expect(e.message).toBe('data.csv: line 14: label "x" is not one of the ensemble classes (a, b)');
    expect(e.location).toEqual({ file: 'data.csv', line: 14, column: 'label' });
  });

  it('drops and counts unknown labels when asked', () => {
    const mapped = mapLabels(['a', 'x', 'b', 'y', 'x'], ['a', 'b'], {
      file: 'f',
      column: 'y',
      ignoreUnknown: true,
    });
    expect([...mapped.indices]).toEqual([0, 1]);
    expect([...mapped.keptRows!]).toEqual([0, 2]);
    expect(mapped.unknownCount).toBe(3);
    expect(mapped.unknownExamples).toEqual(['x', 'y']);
    const probs = Float64Array.from([0.9, 0.1, 0.5, 0.5, 0.2, 0.8, 0, 1, 0.3, 0.7]);
    expect([...selectRows(probs, 2, mapped.keptRows)]).toEqual([0.9, 0.1, 0.2, 0.8]);
  });
});
