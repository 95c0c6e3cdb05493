import { describe, expect, it } from 'vitest';
import type { DataChunk, OutputColumn } from '../../../contract/data-types';
import { MicroBatcher } from '../../../main/serve/micro-batcher';

function chunk(values: number[]): DataChunk {
  return {
    firstRow: 0,
    rowCount: values.length,
    columns: new Map([['x', { kind: 'float64', values: Float64Array.from(values) }]]),
  };
}

/** Doubles x; refuses a batch holding a negative value (as a model error would). */
function doubling(calls: number[]) {
  return async (c: DataChunk): Promise<OutputColumn[]> => {
    calls.push(c.rowCount);
    const x = c.columns.get('x')!.values as Float64Array;
    if (x.some((v) => v < 0)) throw new Error('negative');
    return [{ name: 'prediction', kind: 'float64', values: x.map((v) => v * 2) }];
  };
}

const values = (columns: OutputColumn[]) => [...(columns[0]!.values as Float64Array)];

describe('MicroBatcher', () => {
  it('joins requests that arrive together into one call and gives each its own rows', async () => {
    const calls: number[] = [];
    const batcher = new MicroBatcher(doubling(calls), { waitMs: 5, maxRows: 100 });
    const results = await Promise.all([
      batcher.submit(chunk([1, 2])),
      batcher.submit(chunk([3])),
      batcher.submit(chunk([4, 5, 6])),
    ]);
    expect(results.map(values)).toEqual([[2, 4], [6], [8, 10, 12]]);
    expect(calls).toEqual([6]);
    expect(batcher.batches).toBe(1);
  });

  it('keeps a batch within maxRows (a larger request goes alone)', async () => {
    const calls: number[] = [];
    const batcher = new MicroBatcher(doubling(calls), { waitMs: 1, maxRows: 3 });
    await Promise.all([
      batcher.submit(chunk([1, 2])),
      batcher.submit(chunk([3, 4])),
      batcher.submit(chunk([5, 6, 7, 8])),
    ]);
    expect(calls).toEqual([2, 2, 4]);
  });

  it('fails only the request at fault when a batch fails', async () => {
    const calls: number[] = [];
    const batcher = new MicroBatcher(doubling(calls), { waitMs: 5, maxRows: 100 });
    const [good, bad] = await Promise.allSettled([batcher.submit(chunk([1])), batcher.submit(chunk([-1]))]);
    expect(good.status === 'fulfilled' && values(good.value)).toEqual([2]);
    expect(bad.status).toBe('rejected');
    expect(calls).toEqual([2, 1, 1]);
  });
});
