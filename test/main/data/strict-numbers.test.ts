/**
 * Numbers are read strictly: an overflow to infinity and digit separators are refused with the
 * file, line, column and the cell's text; the words inf/-inf (as the CSV writer writes them) are
 * infinities, and empty cells stay NaN.
 */
import { describe, expect, it } from 'vitest';
import { errorOf, readColumns, useTempDir } from './helpers';

const tmp = useTempDir();

describe('strict numbers', () => {
  it('refuses 1e400, naming file, line, column and text', async () => {
    const path = await tmp.file('overflow.csv', 'id,x\na_1,1\na_2,2.5\na_3,1e400\n');
    const error = await errorOf(readColumns(path, { x: 'float64' }));
    expect(error.message).toBe(
      'overflow.csv: line 4, column "x": "1e400" is too large for a number (the largest is about ±1.8e308)',
    );
    expect(error.location).toMatchObject({ file: path, line: 4, column: 'x' });
  });

  it('refuses 1e39 in a column the model takes as 32-bit numbers', async () => {
    const path = await tmp.file('overflow32.csv', 'x\n1\n1e39\n');
    const error = await errorOf(readColumns(path, { x: 'float32' }));
    expect(error.message).toMatch(
      /overflow32\.csv: line 3, column "x": "1e39" is too large for the model, which takes 32-bit numbers/,
    );
  });

  it('names the cell that overflows 32 bits, not another number on its row', async () => {
    const path = await tmp.file('overflow32-second.csv', 'a,b\n1,2\n66146.06,1e39\n');
    const error = await errorOf(readColumns(path, { a: 'float32', b: 'float32' }));
    expect(error.message).toMatch(
      /overflow32-second\.csv: line 3, column "b": "1e39" is too large for the model/,
    );
  });

  it('refuses 1_000 even past the first chunk, naming the line', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => String(i));
    rows[4321] = '1_000';
    const path = await tmp.file('underscore.csv', ['n_value', ...rows].join('\n') + '\n');
    const error = await errorOf(readColumns(path, { n_value: 'float64' }, 1000));
    expect(error.message).toBe(
      'underscore.csv: line 4323, column "n_value": "1_000" is not a number as written: remove the _ digit separators',
    );
  });

  it('reads inf, -inf and Infinity as infinities, an empty cell as NaN, and text with underscores as text', async () => {
    const path = await tmp.file('words.csv', 'x,label\ninf,a_b\n-inf,c_d\nInfinity,e\n,f\n3,g\n');
    const read = await readColumns(path, { x: 'float64', label: 'string' });
    expect(read.columns.get('x')).toEqual([Infinity, -Infinity, Infinity, NaN, 3]);
    expect(read.columns.get('label')).toEqual(['a_b', 'c_d', 'e', 'f', 'g']);
  });
});
