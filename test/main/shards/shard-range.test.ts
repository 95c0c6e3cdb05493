import { describe, expect, it } from 'vitest';
import { shardRange } from '../../../main/shards/shard-range';

describe('shardRange', () => {
  it('cuts R rows into N ranges [floor((K-1)R/N), floor(KR/N)) that tile the file', () => {
    // 10 rows in 4 shards: 0–2, 2–5, 5–7, 7–10.
    expect([1, 2, 3, 4].map((k) => shardRange(k, 4, 10))).toEqual([
      { firstRow: 0, rows: 2 },
      { firstRow: 2, rows: 3 },
      { firstRow: 5, rows: 2 },
      { firstRow: 7, rows: 3 },
    ]);
  });

  it('gives empty shards when there are more shards than rows', () => {
    const ranges = [1, 2, 3, 4, 5].map((k) => shardRange(k, 5, 3));
    expect(ranges.map((r) => r.rows)).toEqual([0, 1, 0, 1, 1]);
    expect(ranges.reduce((n, r) => n + r.rows, 0)).toBe(3);
  });

  it('stays exact where (K-1)·R passes 2^53', () => {
    const total = 2 ** 52 + 3;
    const last = shardRange(100_000, 100_000, total);
    expect(last.firstRow + last.rows).toBe(total);
    expect(last.firstRow).toBe(Number((99_999n * BigInt(total)) / 100_000n));
  });

  it('refuses a shard number outside 1..N', () => {
    expect(() => shardRange(0, 4, 10)).toThrow(/between 1 and 4/);
    expect(() => shardRange(5, 4, 10)).toThrow(/between 1 and 4/);
  });
});
