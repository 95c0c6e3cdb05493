import { describe, expect, it } from 'vitest';
import { openDataset } from '../../../main/data/open-dataset';
import { errorOf, readColumns, useTempDir } from './helpers';

const tmp = useTempDir();

describe('CSV/TSV reading', () => {
  it('reads quotes, doubled quotes and quoted newlines', async () => {
    const path = await tmp.file(
      'quotes.csv',
      'id,text,x\n1,"a, b",1.5\n2,"say ""hi""",2\n3,"line1\nline2",3\n',
    );
    const { columns } = await readColumns(path, { id: 'int64', text: 'string', x: 'float64' });
    expect(columns.get('id')).toEqual([1n, 2n, 3n]);
    expect(columns.get('text')).toEqual(['a, b', 'say "hi"', 'line1\nline2']);
    expect(columns.get('x')).toEqual([1.5, 2, 3]);
  });

  it('strips a UTF-8 BOM and handles CRLF', async () => {
    const path = await tmp.file('bom.csv', Buffer.from('\ufeffa,b\r\n1,x\r\n2,y\r\n', 'utf8'));
    const reader = await openDataset(path);
    expect(reader.info.columns.map((c) => c.name)).toEqual(['a', 'b']);
    const { columns } = await readColumns(path, { a: 'float32', b: 'string' });
    expect(columns.get('a')).toEqual([1, 2]);
    expect(columns.get('b')).toEqual(['x', 'y']);
  });

  it('reads TSV by extension', async () => {
    const path = await tmp.file('data.tsv', 'a\tb c\n1\t"x\ty"\n2\tz\n');
    const { columns } = await readColumns(path, { a: 'float64', 'b c': 'string' });
    expect(columns.get('a')).toEqual([1, 2]);
    expect(columns.get('b c')).toEqual(['x\ty', 'z']);
  });

  it('gives NaN for an empty cell in a float column', async () => {
    const path = await tmp.file('empty.csv', 'a,b\n1,\n,2\n3,4\n');
    const { columns } = await readColumns(path, { a: 'float32', b: 'float64' });
    expect(columns.get('a')).toEqual([1, NaN, 3]);
    expect(columns.get('b')).toEqual([NaN, 2, 4]);
  });

  it('delivers float32 exactly as Math.fround of the text, and booleans as 0/1', async () => {
    const path = await tmp.file('f32.csv', 'x,flag\n0.1,true\n-3.4028235e38,false\n1e-45,true\n');
    const { columns } = await readColumns(path, { x: 'float32', flag: 'float32' });
    expect(columns.get('x')).toEqual([Math.fround(0.1), Math.fround(-3.4028235e38), Math.fround(1e-45)]);
    expect(columns.get('flag')).toEqual([1, 0, 1]);
  });

  it('splits rows across chunks of chunkRows in file order', async () => {
    const lines = ['n,s'];
    for (let i = 0; i < 5000; i++) lines.push(`${i},"r${i}"`);
    const path = await tmp.file('many.csv', lines.join('\n') + '\n');
    const { columns, chunkSizes, firstRows } = await readColumns(path, { n: 'float64', s: 'string' }, 777);
    expect(chunkSizes.slice(0, -1).every((size) => size === 777)).toBe(true);
    expect(chunkSizes.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(firstRows).toEqual(chunkSizes.map((_, i) => i * 777));
    expect(columns.get('n')).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect((columns.get('s') as string[])[4321]).toBe('r4321');
  });

  it('refuses repeated header names (never renames them) and names an empty header by position', async () => {
    const dup = await tmp.file('dup.csv', 'a,a,\n1,2,3\n');
    await expect(openDataset(dup)).rejects.toThrow('"a" (columns 1 and 2)');
    const path = await tmp.file('unnamed.csv', 'a,b,\n1,2,3\n');
    const reader = await openDataset(path);
    expect(reader.info.columns.map((c) => c.name)).toEqual(['a', 'b', 'column2']);
    const { columns } = await readColumns(path, { column2: 'float64' });
    expect(columns.get('column2')).toEqual([3]);
  });

  it('can stop early and read again', async () => {
    const lines = ['x'];
    for (let i = 0; i < 10_000; i++) lines.push(String(i));
    const path = await tmp.file('early.csv', lines.join('\n') + '\n');
    const reader = await openDataset(path);
    for await (const chunk of reader.chunks({ columns: new Map([['x', 'float64']]), chunkRows: 100 })) {
      expect(chunk.rowCount).toBe(100);
      break;
    }
    const { columns } = await readColumns(path, { x: 'float64' });
    expect(columns.get('x')).toHaveLength(10_000);
  });

  it('reports the columns of the file', async () => {
    const path = await tmp.file('types.csv', 'a,b,c\n1,x,1.5\n2,y,2.5\n');
    const reader = await openDataset(path);
    expect(reader.info.format).toBe('csv');
    expect(reader.info.sizeBytes).toBeGreaterThan(0);
    expect(reader.info.columns).toEqual([
      { name: 'a', type: 'integer', sourceType: 'BIGINT' },
      { name: 'b', type: 'string', sourceType: 'VARCHAR' },
      { name: 'c', type: 'number', sourceType: 'DOUBLE' },
    ]);
  });

  it('refuses a missing column, naming it and listing the available ones', async () => {
    const path = await tmp.file('cols.csv', 'a,b\n1,2\n');
    const reader = await openDataset(path);
    const error = await errorOf((async () => reader.chunks({ columns: new Map([['zz', 'float32']]) }))());
    expect(error.code).toBe('data');
    expect(error.message).toBe('cols.csv: no column "zz" (available: "a", "b")');
  });

  it('refuses a missing file as not_found', async () => {
    const error = await errorOf(openDataset(tmp.path('absent.csv')));
    expect(error.code).toBe('not_found');
  });
});
