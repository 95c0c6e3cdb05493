/**
 * numericCsvTypes must agree with DuckDB's sniffer wherever it answers, and answer for plain
 * numeric files (else a score of one would load DuckDB again). DuckDB's own answer is openDataset
 * with the fast paths off.
 */
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDataset } from '../../../main/data/open-dataset';
import { readCsvHeader } from '../../../main/data/csv-header';
import { numericCsvTypes } from '../../../main/data/numeric-sniff';
import { useTempDir } from './helpers';

const tmp = useTempDir();

afterEach(() => {
  delete process.env.ENSEMBLE_STUDIO_FAST_CSV;
});

async function duckDbTypes(path: string): Promise<string[]> {
  process.env.ENSEMBLE_STUDIO_FAST_CSV = '0';
  try {
    return (await openDataset(path)).info.columns.map((c) => c.sourceType);
  } finally {
    delete process.env.ENSEMBLE_STUDIO_FAST_CSV;
  }
}

async function ours(path: string, delimiter: ',' | '\t' = ','): Promise<string[] | null> {
  return numericCsvTypes(path, delimiter, await readCsvHeader(path, delimiter));
}

/** A file of `rows` rows; `cell(row, column)` gives each cell's text. */
function table(
  name: string,
  columns: number,
  rows: number,
  cell: (row: number, column: number) => string,
  options: { delimiter?: string; newline?: string; bom?: boolean } = {},
): string {
  const { delimiter = ',', newline = '\n', bom = false } = options;
  const lines = [Array.from({ length: columns }, (_, j) => `c${j}`).join(delimiter)];
  for (let r = 0; r < rows; r++)
    lines.push(Array.from({ length: columns }, (_, j) => cell(r, j)).join(delimiter));
  const path = tmp.path(name);
  writeFileSync(path, (bom ? '\ufeff' : '') + lines.join(newline) + newline);
  return path;
}

describe('numericCsvTypes', () => {
  it('answers for plain numeric files, as DuckDB types them', async () => {
    const cells: ((r: number) => string)[] = [
      (r) => String(r % 7), // whole numbers
      (r) => `${(r * 0.37).toFixed(4)}`, // decimals
      (r) => (r % 5 === 1 ? '' : String(-r)), // whole, with empty cells
      (r) => (r % 3 === 1 ? 'NA' : `${r}.`), // "5." and a missing marker
      (r) => (r % 2 === 0 ? `.${r}` : `-${r}e-3`), // ".5" and exponents
      (r) => (r === 0 ? '1.5' : String(r)), // whole numbers but one decimal, early
      (r) => (r % 4 === 1 ? 'NaN' : r % 4 === 2 ? 'null' : '-0'), // "-0" among missing markers
      (r) => `${r * 1234567}E+2`,
    ];
    const shapes = [
      { name: 'plain.csv', options: {} },
      { name: 'crlf.csv', options: { newline: '\r\n' } },
      { name: 'bom.csv', options: { bom: true } },
      { name: 'tab.tsv', options: { delimiter: '\t' } },
    ];
    for (const rows of [1, 50, 3000]) {
      for (const { name, options } of shapes) {
        const path = table(`${rows}-${name}`, cells.length, rows, (r, j) => cells[j]!(r), options);
        const delimiter = name.endsWith('.tsv') ? '\t' : ',';
        const found = await ours(path, delimiter);
        expect(found, `${rows} rows, ${name}`).not.toBeNull();
        expect(found).toEqual(await duckDbTypes(path));
      }
    }
  });

  it('leaves to DuckDB what it does not vouch for, and agrees with it wherever it answers', async () => {
    const odd = [
      '007',
      '+3',
      '12345678901234567890',
      'abc',
      ' 1',
      '1 ',
      '"1"',
      '1e',
      '1e1234',
      '1.5e400',
      '1e-400',
      '1e100',
      '.',
      '-',
      'inf',
      '1_000',
      'true',
      '0x10',
      '١',
    ];
    for (const [i, text] of odd.entries()) {
      // The odd cell among decimals, and among whole numbers.
      for (const base of [(r: number) => `${r}.25`, (r: number) => String(r)]) {
        const path = table(`odd-${i}-${base(1)}.csv`, 2, 40, (r, j) => (j === 1 && r === 7 ? text : base(r)));
        const found = await ours(path);
        expect(found, JSON.stringify(text)).toBeNull();
      }
    }
    // A column with no number at all, a ragged line, a blank line.
    expect(await ours(table('empty-column.csv', 2, 10, (r, j) => (j === 0 ? '' : String(r))))).toBeNull();
    const ragged = tmp.path('ragged.csv');
    writeFileSync(ragged, 'a,b\n1,2\n3\n4,5\n');
    expect(await ours(ragged)).toBeNull();
    const blank = tmp.path('blank.csv');
    writeFileSync(blank, 'a,b\n1,2\n\n4,5\n');
    expect(await ours(blank)).toBeNull();
  });

  it('agrees with DuckDB on random mixes of cells', async () => {
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pool = [
      '0',
      '17',
      '-4',
      '1.5',
      '-.25',
      '3.',
      '2e5',
      '-1.5E-7',
      '',
      'NA',
      'NaN',
      '007',
      '+2',
      '9'.repeat(19),
      'x',
    ];
    let answered = 0;
    for (let file = 0; file < 40; file++) {
      const columns = 1 + Math.floor(next() * 4);
      const recipes = Array.from({ length: columns }, () =>
        Array.from(
          { length: 1 + Math.floor(next() * 3) },
          () => pool[Math.floor(next() * (next() < 0.8 ? 10 : pool.length))]!,
        ),
      );
      const path = table(
        `random-${file}.csv`,
        columns,
        1 + Math.floor(next() * 60),
        (r, j) => recipes[j]![r % recipes[j]!.length]!,
      );
      const found = await ours(path);
      if (found === null) continue;
      answered++;
      expect(found, `random-${file}.csv`).toEqual(await duckDbTypes(path));
    }
    expect(answered).toBeGreaterThan(5);
  });

  it('decides only what every DuckDB sample sees: a type shown late, or a problem within its sample, is DuckDB’s', async () => {
    // Rows at which a decimal (in a whole-number column) or text (in a decimal column) appears.
    for (const at of [0, 2047, 2048, 20_000, 20_478, 20_479, 24_999, 26_000]) {
      const decimalLate = table(`decimal-${at}.csv`, 2, 27_000, (r, j) =>
        j === 0 ? (r === at ? '2.5' : String(r)) : `${r}.5`,
      );
      const found = await ours(decimalLate);
      if (found !== null) expect(found, `decimal at row ${at}`).toEqual(await duckDbTypes(decimalLate));
      if (at < 2048) expect(found, `decimal at row ${at}`).toEqual(['DOUBLE', 'DOUBLE']);
      if (at >= 2048 && at < 25_000) expect(found, `decimal at row ${at}`).toBeNull();

      const textLate = table(`text-${at}.csv`, 2, 27_000, (r, j) =>
        j === 0 && r === at ? 'oops' : `${r}.5`,
      );
      const withText = await ours(textLate);
      if (withText !== null) expect(withText, `text at row ${at}`).toEqual(await duckDbTypes(textLate));
      if (at < 25_000) expect(withText, `text at row ${at}`).toBeNull();
    }
  }, 120_000);
});
