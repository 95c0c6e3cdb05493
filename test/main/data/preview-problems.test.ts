/**
 * The Data page's preview finds, with their lines, the problems a run would stop at, several at
 * once; its schema and summary agree; missing markers are missing, as when scoring.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PROBLEMS, previewDataset } from '../../../main/data/preview';
import { readColumns, useTempDir } from './helpers';

const tmp = useTempDir();

describe('preview problems', () => {
  it('lists ragged rows, text in a number column and a bad quote, each with its line', async () => {
    const rows = ['a,b,c', ...Array.from({ length: 20 }, (_, i) => `${i},t${i},${i * 2}`)];
    rows[3] = '2,t2'; // line 4: a field short
    rows[6] = 'abc,t5,10'; // line 7: text in column a
    rows[9] = '8,t8,16,99'; // line 10: an extra field
    rows[12] = 'oops,t11,22'; // line 13
    rows[20] = '19,"t19,38'; // line 21: the quote never closes
    const path = await tmp.file('problems.csv', rows.join('\n') + '\n');
    const preview = await previewDataset(path);
    expect(preview.problems).toEqual([
      { line: 4, column: 'c', message: 'the row has 2 fields but the header has 3' },
      { line: 7, column: 'a', message: 'not a number: "abc"' },
      { line: 10, column: null, message: 'the row has 4 fields but the header has 3 (extra field)' },
      { line: 13, column: 'a', message: 'not a number: "oops"' },
      expect.objectContaining({ line: 21, message: 'unterminated or misplaced quote' }),
    ]);
    expect(preview.emptiness).toBeNull();
    expect(preview.info.rowCount).toBe(20);
  });

  it('caps the list and says how many more there are', async () => {
    const lines = ['a,b', ...Array.from({ length: 300 }, (_, i) => (i % 5 === 1 ? `x${i},1` : `${i},1`))];
    const preview = await previewDataset(await tmp.file('many.csv', lines.join('\n') + '\n'));
    expect(preview.info.rowCount).toBe(300);
    expect(preview.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(preview.problems[0]).toEqual({ line: 3, column: 'a', message: 'not a number: "x1"' });
    expect(preview.problems.at(-1)).toEqual({
      line: null,
      column: null,
      message: '10 more problems not listed',
    });
  });
});

describe('types and missing values', () => {
  const content = 'n,t,m\n1.5,a,NA\n2,n/a,3\nNaN,null,\n4,x,5\n';

  it('treats NA, n/a, null, NaN and empty as missing; schema and summary agree', async () => {
    const preview = await previewDataset(await tmp.file('missing.csv', content));
    expect(preview.problems).toEqual([]);
    expect(preview.info.columns.map((c) => c.type)).toEqual(['number', 'string', 'integer']);
    expect(preview.summary.map((s) => s.type)).toEqual(preview.info.columns.map((c) => c.sourceType));
    expect(preview.summary.map((s) => s.nulls)).toEqual([1, 2, 2]);
    expect(preview.rows[2]).toEqual([null, null, null]);
  });

  it('scoring reads the same cells as missing (NaN) and the rest as numbers', async () => {
    const read = await readColumns(await tmp.file('missing-read.csv', content), {
      n: 'float64',
      m: 'float32',
    });
    expect(read.columns.get('n')).toEqual([1.5, 2, NaN, 4]);
    expect(read.columns.get('m')).toEqual([NaN, 3, NaN, 5]);
  });

  it('a mostly numeric column with a stray word is numbers with a problem, not text', async () => {
    const lines = ['v', ...Array.from({ length: 30 }, (_, i) => String(i))];
    lines[5] = 'n.a.';
    const preview = await previewDataset(await tmp.file('stray.csv', lines.join('\n') + '\n'));
    expect(preview.info.columns[0]).toMatchObject({ type: 'number', sourceType: 'DOUBLE' });
    expect(preview.summary[0]?.type).toBe('DOUBLE');
    expect(preview.problems).toEqual([{ line: 6, column: 'v', message: 'not a number: "n.a."' }]);
  });
});
