import { describe, expect, it } from 'vitest';
import {
  ENTROPY,
  MARGIN,
  columnValues,
  histogram,
  leastCertain,
} from '../../../../renderer/src/pages/run/uncertainty';

const columns = ['prediction', ENTROPY, MARGIN];
const rows = [
  ['1', 0.1, 0.9],
  ['0', '0.69', '0.01'],
  ['1', null, null],
  ['0', 0.5, 0.2],
  ['1', 0.6, 0.01],
];

describe('the Run page uncertainty view', () => {
  it('reads numbers from preview cells, text or number, leaving out empty ones', () => {
    expect(columnValues(columns, rows, ENTROPY)).toEqual([0.1, 0.69, 0.5, 0.6]);
    expect(columnValues(columns, rows, 'missing')).toEqual([]);
  });

  it('bins from 0 to the largest value, the largest in the last bin', () => {
    const h = histogram([0, 0.25, 0.5, 1], 4);
    expect(h.edges).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(h.counts).toEqual([1, 1, 1, 1]);
    expect(histogram([], 2).counts).toEqual([0, 0]);
  });

  it('lists the smallest margins first, ties in file order', () => {
    expect(leastCertain(columns, rows, 3)).toEqual([1, 4, 3]);
    expect(leastCertain(['prediction'], rows)).toEqual([]);
  });
});
