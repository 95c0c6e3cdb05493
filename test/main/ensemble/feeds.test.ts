/** buildFeeds: interleaving, zero-copy reuse, type conversion and the errors it can still meet. */
import { describe, expect, it } from 'vitest';
import type { Column, DataChunk } from '../../../contract/data-types';
import { buildFeeds, ChunkFeeds } from '../../../main/ensemble/feeds';
import type { FeedPlan } from '../../../main/ensemble/plan';
import { StudioError } from '../../../contract/errors';
import { memberPlan } from './fixtures';

function chunk(columns: Record<string, Column>, firstRow = 0): DataChunk {
  const rowCount = Object.values(columns)[0]?.values.length ?? 0;
  return { firstRow, rowCount, columns: new Map(Object.entries(columns)) };
}

function plan(feeds: FeedPlan[]) {
  return { ...memberPlan({ name: 'm', weight: 1 }, 0, null), feeds };
}

const a: Column = { kind: 'float32', values: Float32Array.of(1, 2, 3) };
const b: Column = { kind: 'float64', values: Float64Array.of(10.5, 20.5, 30.5) };
const c: Column = { kind: 'int64', values: BigInt64Array.of(7n, 8n, 9n) };
const s: Column = { kind: 'string', values: ['x', 'y', 'z'] };

describe('buildFeeds', () => {
  it('interleaves columns row-major in the listed order', () => {
    const feeds = buildFeeds(
      plan([{ input: 'X', type: 'float32', columns: ['b', 'a', 'c'], rank: 2 }]),
      chunk({ a, b, c }),
    );
    expect(feeds.X?.dims).toEqual([3, 3]);
    expect(feeds.X?.data).toBeInstanceOf(Float32Array);
    expect(Array.from(feeds.X!.data as Float32Array)).toEqual([10.5, 1, 7, 20.5, 2, 8, 30.5, 3, 9]);
  });

  it('hands over a single column of the right type without copying', () => {
    const feeds = buildFeeds(
      plan([
        { input: 'a', type: 'float32', columns: ['a'], rank: 2 },
        { input: 'c', type: 'int64', columns: ['c'], rank: 1 },
        { input: 's', type: 'string', columns: ['s'], rank: 2 },
      ]),
      chunk({ a, c, s }),
    );
    expect(feeds.a?.data).toBe(a.values);
    expect(feeds.a?.dims).toEqual([3, 1]);
    expect(feeds.c?.data).toBe(c.values);
    expect(feeds.c?.dims).toEqual([3]);
    expect(feeds.s?.data).toBe(s.values);
  });

  it('converts between types: float64 → float32, int64 → float64, numbers → int64 and string', () => {
    const feeds = buildFeeds(
      plan([
        { input: 'f32', type: 'float32', columns: ['b'], rank: 2 },
        { input: 'f64', type: 'float64', columns: ['c', 'a'], rank: 2 },
        { input: 'i64', type: 'int64', columns: ['a'], rank: 2 },
        { input: 'str', type: 'string', columns: ['c', 's'], rank: 2 },
      ]),
      chunk({ a, b, c, s }),
    );
    expect(Array.from(feeds.f32!.data as Float32Array)).toEqual([10.5, 20.5, 30.5]);
    expect(Array.from(feeds.f64!.data as Float64Array)).toEqual([7, 1, 8, 2, 9, 3]);
    expect(Array.from(feeds.i64!.data as BigInt64Array)).toEqual([1n, 2n, 3n]);
    expect(feeds.str?.data).toEqual(['7', 'x', '8', 'y', '9', 'z']);
  });

  it('parses text for numeric inputs (empty → NaN) and names the row when it is not a number', () => {
    const text: Column = { kind: 'string', values: ['1.5', '', 'abc'] };
    const feed: FeedPlan = { input: 'X', type: 'float64', columns: ['t'], rank: 2 };
    const ok = buildFeeds(plan([feed]), chunk({ t: { kind: 'string', values: ['1.5', ' ', '-2e3'] } }));
    expect(Array.from(ok.X!.data as Float64Array)).toEqual([1.5, NaN, -2000]);
    let error: unknown;
    try {
      buildFeeds(plan([feed]), chunk({ t: text }, 100));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).message).toMatch(
      /member 'm', input 'X', column 't', data row 103: 'abc' is not a number/,
    );
  });

  it('refuses fractions for an int64 input', () => {
    const feed: FeedPlan = { input: 'X', type: 'int64', columns: ['b'], rank: 2 };
    expect(() => buildFeeds(plan([feed]), chunk({ b }))).toThrow(/int64 input needs whole numbers, got 10.5/);
  });
});

describe('ChunkFeeds', () => {
  const x = (n: number, base: number): Column => ({
    kind: 'float32',
    values: Float32Array.from({ length: n }, (_, i) => base + i),
  });
  const wide: FeedPlan = { input: 'X', type: 'float32', columns: ['p', 'q', 'r'], rank: 2 };

  it('builds the same tensors as buildFeeds, sharing one between members that read alike', () => {
    const feeds = new ChunkFeeds();
    const first = chunk({ p: x(5, 0), q: x(5, 10), r: x(5, 20) });
    const linear = feeds.forMember(plan([wide]), first);
    const mlp = feeds.forMember({ ...plan([{ ...wide, input: 'features' }]), name: 'mlp' }, first);
    expect(mlp.features).toBe(linear.X);
    expect(Array.from(linear.X!.data as Float32Array)).toEqual(
      Array.from(buildFeeds(plan([wide]), first).X!.data as Float32Array),
    );
  });

  it('reuses its arrays from chunk to chunk, a short last chunk included', () => {
    const feeds = new ChunkFeeds();
    const one = feeds.forMember(plan([wide]), chunk({ p: x(4, 0), q: x(4, 10), r: x(4, 20) })).X!;
    const before = Array.from(one.data as Float32Array);
    const two = feeds.forMember(plan([wide]), chunk({ p: x(2, 100), q: x(2, 110), r: x(2, 120) })).X!;
    expect((two.data as Float32Array).buffer).toBe((one.data as Float32Array).buffer);
    expect(two.dims).toEqual([2, 3]);
    expect(Array.from(two.data as Float32Array)).toEqual([100, 110, 120, 101, 111, 121]);
    expect(before.slice(0, 3)).toEqual([0, 10, 20]);
  });
});
