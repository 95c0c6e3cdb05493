/**
 * File names with `[ ] * ? { }` reach DuckDB as one literal file, never as a pattern that reads
 * (or merges) other files, for every way the data layer opens a file.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { countRows } from '../../../main/data/count-rows';
import { openWriter } from '../../../main/data/open-writer';
import { previewDataset } from '../../../main/data/preview';
import { readColumns, useTempDir } from './helpers';

const tmp = useTempDir();

async function literalLinks(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('es-literal-'));
}

describe('paths with pattern characters', () => {
  it('reads d[1].csv as itself, not d1.csv beside it', async () => {
    await tmp.file('d1.csv', 'x\n1\n');
    const path = await tmp.file('d[1].csv', 'x\n2\n3\n');
    const before = await literalLinks();
    const read = await readColumns(path, { x: 'float64' });
    expect(read.columns.get('x')).toEqual([2, 3]);
    expect(await countRows(path, 'csv')).toBe(2);
    const preview = await previewDataset(path);
    expect(preview.info.rowCount).toBe(2);
    expect(preview.rows).toEqual([[2], [3]]);
    // The links made for DuckDB are gone afterwards.
    expect(await literalLinks()).toEqual(before);
  });

  it('reads x*.csv as the one file of that name, not every x….csv merged', async () => {
    await tmp.file('xa.csv', 'v\n10\n');
    await tmp.file('xb.csv', 'v\n20\n');
    const path = await tmp.file('x*.csv', 'v\n30\n');
    expect((await readColumns(path, { v: 'float64' })).columns.get('v')).toEqual([30]);
    expect(await countRows(path, 'csv')).toBe(1);
  });

  it('reads a Parquet file named p?.parquet, with p1.parquet beside it', async () => {
    for (const [name, value] of [
      ['p1.parquet', 1],
      ['p?.parquet', 7],
    ] as const) {
      const writer = await openWriter(tmp.path(name));
      await writer.write([{ name: 'v', kind: 'float64', values: new Float64Array([value]) }]);
      await writer.finish();
    }
    expect((await readColumns(tmp.path('p?.parquet'), { v: 'float64' })).columns.get('v')).toEqual([7]);
    expect(await countRows(tmp.path('p?.parquet'), 'parquet')).toBe(1);
  });

  it('reads a file in a folder whose name has braces', async () => {
    await mkdir(tmp.path('{a,b}'), { recursive: true });
    const path = tmp.path('{a,b}/data.jsonl');
    await writeFile(path, '{"v": 4}\n{"v": 5}\n');
    expect((await readColumns(path, { v: 'float64' })).columns.get('v')).toEqual([4, 5]);
  });
});
