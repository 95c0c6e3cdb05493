/**
 * Files that are not what the reader expects get a message that says what is wrong with the file
 * itself: its encoding, its emptiness, a header that names a column twice, a line too long.
 */
import { describe, expect, it } from 'vitest';
import { openDataset } from '../../../main/data/open-dataset';
import { previewDataset } from '../../../main/data/preview';
import { errorOf, readColumns, useTempDir } from './helpers';

const tmp = useTempDir();

describe('encodings', () => {
  it('names Latin-1 text and says to save as UTF-8, with the line', async () => {
    const path = await tmp.file('latin1.csv', Buffer.from('x1,name\n1,ok\n2,caf\xe9\n', 'latin1'));
    const error = await errorOf(openDataset(path));
    expect(error.message).toMatch(/latin1\.csv: line 3 is not UTF-8 text.*Latin-1.*save it as UTF-8/);
    expect(error.location).toMatchObject({ line: 3 });
    expect((await errorOf(previewDataset(path))).message).toMatch(/not UTF-8/);
  });

  it.each([
    [
      'utf16le.csv',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x1,x2\n1,2\n', 'utf16le')]),
      /little-endian/,
    ],
    [
      'utf16be.csv',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('x1,x2\n1,2\n', 'utf16le').swap16()]),
      /big-endian/,
    ],
    ['utf16-no-bom.csv', Buffer.from('x1,x2\n1,2\n', 'utf16le'), /little-endian/],
  ])('names UTF-16 (%s) and says what to do', async (name, content, order) => {
    const path = await tmp.file(name, content);
    const error = await errorOf(openDataset(path));
    expect(error.message).toMatch(/is UTF-16 text/);
    expect(error.message).toMatch(order);
    expect(error.message).toMatch(/save it as UTF-8/);
    expect(error.message).not.toMatch(/column/);
  });
});

describe('emptiness', () => {
  it('an empty file says it is empty, when opened and at preview', async () => {
    const path = await tmp.file('empty.csv', '');
    expect((await errorOf(openDataset(path))).message).toBe(
      'empty.csv is empty: it has no header and no rows',
    );
    const preview = await previewDataset(path);
    expect(preview.emptiness).toBe('empty');
    expect(preview.info.columns).toEqual([]);
  });

  it('a header-only file opens with its columns and previews as header-only', async () => {
    const path = await tmp.file('header-only.csv', 'x1,x2\n');
    const read = await readColumns(path, { x1: 'float32' });
    expect(read.columns.get('x1')).toEqual([]);
    const preview = await previewDataset(path);
    expect(preview.emptiness).toBe('header-only');
    expect(preview.info.columns.map((c) => c.name)).toEqual(['x1', 'x2']);
    expect(preview.info.rowCount).toBe(0);
  });
});

describe('header names', () => {
  it('refuses duplicate header names, naming each and its positions', async () => {
    const path = await tmp.file('dupes.csv', 'x1,x2,x1,y,y\n1,2,3,4,5\n');
    const error = await errorOf(openDataset(path));
    expect(error.message).toBe(
      'dupes.csv: line 1: the header names columns more than once: "x1" (columns 1 and 3), "y" (columns 4 and 5). ' +
        'Give each column its own name and open the file again',
    );
    expect(error.location).toMatchObject({ line: 1, column: 'x1' });
  });
});

describe('long lines', () => {
  it('reads a text cell of 3 MB', async () => {
    const long = 'x'.repeat(3_000_000);
    const path = await tmp.file('long-cell.csv', `a,b\n1,${long}\n2,y\n`);
    const read = await readColumns(path, { a: 'float64', b: 'string' });
    expect(read.columns.get('a')).toEqual([1, 2]);
    expect((read.columns.get('b') as string[])[0]!.length).toBe(3_000_000);
  });

  it('past the limit, says what the limit is and which line', async () => {
    const path = await tmp.file('too-long.csv', `a,b\n1,${'x'.repeat(20_000_000)}\n2,y\n`);
    const error = await errorOf(readColumns(path, { a: 'float64', b: 'string' }));
    expect(error.message).toMatch(
      /too-long\.csv: line 2 is 19\.1 MB long; the longest line that can be read is 16 MB/,
    );
    expect(error.message.length).toBeLessThan(300);
  });
});
