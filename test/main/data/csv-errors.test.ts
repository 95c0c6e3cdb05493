import { describe, expect, it } from 'vitest';
import { csvReadError } from '../../../main/data/read-errors';
import { errorOf, readColumns, useTempDir } from './helpers';

const tmp = useTempDir();
const abc = { a: 'float32', b: 'float32', c: 'float32' } as const;

/** The data error a read of `content` as three float columns ends with. */
async function readError(
  name: string,
  content: string,
  columns: Record<string, 'float32' | 'string' | 'int64'> = abc,
) {
  const path = await tmp.file(name, content);
  const error = await errorOf(readColumns(path, columns));
  expect(error.code).toBe('data');
  expect(error.message).not.toContain('\n');
  return error;
}

describe('CSV errors name the file, the physical line and the column', () => {
  it('DuckDB running out of its memory allowance is said as such, not as a file that is not CSV', async () => {
    const duckDb = new Error(
      'Out of Memory Error: could not allocate block of size 256.0 MiB (0 bytes/122.0 MiB used)',
    );
    const error = await csvReadError(duckDb, '/d/wide.csv', ',', ['a']);
    expect(error.code).toBe('data');
    expect(error.message).toBe(
      "wide.csv: reading it needed more memory than the reader may use (DuckDB's 128MB): very long " +
        'lines or very many columns take more; read fewer columns or split the file',
    );
    expect(error.location).toEqual({ file: '/d/wide.csv' });
  });

  it('text in a numeric column', async () => {
    const error = await readError('text.csv', 'a,b,c\n1,2,3\n4,5,6\n7,abc,9\n');
    expect(error.message).toBe('text.csv: line 4, column "b": expected a number, found "abc"');
    expect(error.location).toMatchObject({ line: 4, column: 'b' });
  });

  it('text in a column the sniffer would call VARCHAR is still an error, not a string', async () => {
    const error = await readError('mostlytext.csv', 'a,b,c\n1,x,3\n', {
      a: 'float32',
      b: 'float32',
      c: 'float32',
    });
    expect(error.message).toBe('mostlytext.csv: line 2, column "b": expected a number, found "x"');
  });

  it('text in an int64 column', async () => {
    const error = await readError('int.csv', 'a,b,c\n1,2,3\n4,5.5,6\n', {
      a: 'int64',
      b: 'int64',
      c: 'int64',
    });
    expect(error.message).toBe('int.csv: line 3, column "b": expected an integer, found "5.5"');
  });

  it('a row with too few fields', async () => {
    const error = await readError('few.csv', 'a,b,c\n1,2,3\n4,5\n7,8,9\n');
    expect(error.message).toBe('few.csv: line 3, column "c": the row has 2 fields but the header has 3');
    expect(error.location).toMatchObject({ line: 3, column: 'c' });
  });

  it('a row with too many fields', async () => {
    const error = await readError('many.csv', 'a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n');
    expect(error.message).toBe(
      'many.csv: line 4, column 4: the row has 4 fields but the header has 3 (extra field)',
    );
  });

  it('an unterminated quote', async () => {
    const error = await readError('unterminated.csv', 'a,b,c\n1,2,3\n4,"5,6\n7,8,9\n');
    expect(error.message).toBe('unterminated.csv: line 3, column "b": unterminated or misplaced quote');
    expect(error.location).toMatchObject({ line: 3, column: 'b' });
  });

  it('counts physical lines when quoted fields span lines', async () => {
    const content = 'a,b,note\n1,2,"x\ny\nz"\n4,5,"p\nq"\n7,oops,"r"\n';
    const error = await readError('multiline.csv', content, { a: 'float32', b: 'float32', note: 'string' });
    expect(error.message).toBe('multiline.csv: line 7, column "b": expected a number, found "oops"');
  });

  it('names the line where a multi-line record starts', async () => {
    const content = 'a,b,note\n1,2,"x\ny"\n3,4,"p\nq"x\n';
    const error = await readError('junk.csv', content, { a: 'float32', b: 'float32', note: 'string' });
    expect(error.message).toBe('junk.csv: line 4, column "note": unterminated or misplaced quote');
  });

  it('a ragged row after a blank line and CRLF line ends', async () => {
    const error = await readError('crlf.csv', 'a,b,c\r\n1,2,3\r\n\r\n4,5\r\n');
    expect(error.message).toBe('crlf.csv: line 4, column "c": the row has 2 fields but the header has 3');
  });

  it('an error deep in a large file, after chunks were delivered (DuckDB hides mid-stream errors)', async () => {
    const lines = ['a,b,c'];
    for (let i = 0; i < 150_000; i++) lines.push(`${i},${i % 7},${i % 3}`);
    lines[140_001] = '140000,x7,1';
    const error = await readError('deep.csv', lines.join('\n') + '\n');
    expect(error.message).toBe('deep.csv: line 140002, column "b": expected a number, found "x7"');
  });

  it('text in an int64 column after blank lines and a multi-line record', async () => {
    const content = 'a,b,note\n1,2,"x\ny"\n\n\n3,four,z\n';
    const error = await readError('intlines.csv', content, { a: 'int64', b: 'int64', note: 'string' });
    expect(error.message).toBe('intlines.csv: line 6, column "b": expected an integer, found "four"');
  });

  it('an empty cell in an int64 column', async () => {
    const error = await readError('nullint.csv', 'a,b\n1,2\n3,\n', { a: 'int64', b: 'int64' });
    expect(error.message).toBe('nullint.csv: line 3, column "b": expected an integer, found an empty value');
  });
});
