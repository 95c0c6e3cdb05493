import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { countRows } from '../../../main/data/count-rows';
import { openDataset } from '../../../main/data/open-dataset';
import { openWriter } from '../../../main/data/open-writer';
import { previewDataset } from '../../../main/data/preview';
import { errorOf, readColumns, useTempDir } from './helpers';

const tmp = useTempDir();

describe('Parquet and JSON Lines', () => {
  it('reads Parquet columns, converting to the requested types, with rowCount from metadata', async () => {
    const path = tmp.path('data.parquet');
    const writer = await openWriter(path);
    await writer.write([
      { name: 'x', kind: 'float64', values: new Float64Array([0.1, NaN, 3]) },
      { name: 'n', kind: 'int64', values: new BigInt64Array([1n, 2n, 3n]) },
      { name: 's', kind: 'string', values: ['a', null, 'c'] },
    ]);
    await writer.finish();
    const reader = await openDataset(path);
    expect(reader.info.format).toBe('parquet');
    expect(reader.info.rowCount).toBe(3);
    const { columns } = await readColumns(path, { x: 'float32', n: 'float64', s: 'string' }, 2);
    expect(columns.get('x')).toEqual([Math.fround(0.1), NaN, 3]);
    expect(columns.get('n')).toEqual([1, 2, 3]);
    expect(columns.get('s')).toEqual(['a', '', 'c']);
    expect(await countRows(path, 'parquet')).toBe(3);
  });

  it('reads JSON Lines; a missing key or null is NaN in a float column; booleans become 0/1', async () => {
    const path = await tmp.file(
      'data.jsonl',
      '{"a": 1.5, "b": "x", "ok": true}\n{"a": null, "b": "y", "ok": false}\n{"b": "z", "ok": true}\n',
    );
    const { columns } = await readColumns(path, { a: 'float64', b: 'string', ok: 'float32' });
    expect(columns.get('a')).toEqual([1.5, NaN, NaN]);
    expect(columns.get('b')).toEqual(['x', 'y', 'z']);
    expect(columns.get('ok')).toEqual([1, 0, 1]);
    expect(await countRows(path, 'jsonl')).toBe(3);
  });

  it('names the JSON Lines line and column of text where a number is needed', async () => {
    const path = await tmp.file('bad.jsonl', '{"a": 1}\n{"a": 2}\n{"a": "oops"}\n');
    const error = await errorOf(readColumns(path, { a: 'float32' }));
    expect(error.code).toBe('data');
    expect(error.message).toBe('bad.jsonl: line 3, column "a": expected a number, found "oops"');
  });

  it('names the first malformed JSON line, near the top or deep in the file', async () => {
    const early = await tmp.file('early.jsonl', '{"a": 1}\n{"a": 2}\n{"a": \n{"a": 3}\n');
    expect((await errorOf(readColumns(early, { a: 'float64' }))).message).toBe(
      'early.jsonl: line 3: malformed JSON (unexpected end of data)',
    );
    const lines = Array.from({ length: 100_000 }, (_, i) => `{"a": ${i}}`);
    lines[90_000] = '{"a": oops';
    const deep = await tmp.file('deep.jsonl', lines.join('\n') + '\n');
    const error = await errorOf(readColumns(deep, { a: 'float64' }));
    expect(error.message).toBe('deep.jsonl: line 90001: malformed JSON (unexpected character)');
    expect(error.location).toMatchObject({ line: 90001 });
  });

  it('names the Parquet row and column of text where a number is needed', async () => {
    const path = tmp.path('text.parquet');
    const writer = await openWriter(path);
    await writer.write([{ name: 's', kind: 'string', values: ['1', '2.5', 'abc'] }]);
    await writer.finish();
    const error = await errorOf(readColumns(path, { s: 'float64' }));
    expect(error.message).toBe('text.parquet: row 3, column "s": expected a number, found "abc"');
  });
});

describe('preview and row count', () => {
  it('previews rows, exact row count and a per-column summary, JSON-safe', async () => {
    const path = await tmp.file(
      'preview.csv',
      'id,x,name,flag\n1,1.5,a,true\n2,,b,false\n3,4.5,"c, d",true\n',
    );
    const preview = await previewDataset(path, { rows: 2 });
    expect(preview.info.rowCount).toBe(3);
    expect(preview.rows).toEqual([
      [1, 1.5, 'a', true],
      [2, null, 'b', false],
    ]);
    const x = preview.summary.find((c) => c.name === 'x')!;
    expect(x).toMatchObject({ nulls: 1, min: 1.5, max: 4.5, mean: 3 });
    expect(preview.summary.find((c) => c.name === 'id')).toMatchObject({ min: 1, max: 3, nulls: 0 });
    expect(() => JSON.stringify(preview)).not.toThrow();
  });

  it('counts CSV rows exactly, quoted newlines included', async () => {
    const path = await tmp.file('count.csv', 'a,b\n1,"x\ny"\n2,z\n3,w\n');
    expect(await countRows(path, 'csv')).toBe(3);
  });

  it('refuses an unknown extension', async () => {
    const path = tmp.path('data.xlsx');
    await writeFile(path, 'x');
    const error = await errorOf(openDataset(path));
    expect(error.code).toBe('bad_input');
  });
});
