/**
 * Progress totals for text files come from the file's size and its first MiBs, with no pass over
 * the file: exact for a file that fits the sample, close for a large one of even lines.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateRows } from '../../../main/data/estimate-rows';
import { makeTempDir } from '../../support/temp-dir';

const tmp = makeTempDir('es-estimate-');
afterAll(() => tmp.cleanup());

function file(name: string, text: string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, text);
  return path;
}

describe('estimateRows', () => {
  it('counts the data lines of a small CSV exactly, with or without a last line break', async () => {
    expect(await estimateRows(file('a.csv', 'x,y\n1,2\n3,4\n'), 'csv')).toBe(2);
    expect(await estimateRows(file('b.csv', 'x,y\n1,2\n3,4'), 'csv')).toBe(2);
    expect(await estimateRows(file('c.csv', 'x,y\n'), 'csv')).toBe(0);
    expect(await estimateRows(file('d.csv', ''), 'csv')).toBe(0);
  });

  it('counts JSON Lines without a header', async () => {
    expect(await estimateRows(file('a.jsonl', '{"x":1}\n{"x":2}\n{"x":3}\n'), 'jsonl')).toBe(3);
  });

  it('estimates a file larger than its sample within 1 % for even lines', async () => {
    const rows = 400_000;
    const lines = Array.from({ length: rows }, (_, i) => `${i % 1000},${(i * 7) % 10_000}.25,abc`);
    const path = file('big.csv', 'id,value,text\n' + lines.join('\n') + '\n');
    const estimate = (await estimateRows(path, 'csv'))!;
    expect(Math.abs(estimate - rows) / rows).toBeLessThan(0.01);
  });

  it('has nothing to say about Parquet (its footer holds the exact count)', async () => {
    expect(await estimateRows(file('x.parquet', 'PAR1'), 'parquet')).toBeNull();
  });
});
