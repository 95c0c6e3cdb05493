/**
 * JSON Lines output holds the same columns and values as CSV output; CSV/TSV output neutralises
 * text a spreadsheet would run as a formula, unless asked not to.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { outputFormatFromPath } from '../../../main/data/format';
import { escapeFormula } from '../../../main/data/formula-escape';
import { openWriter } from '../../../main/data/open-writer';
import type { OutputColumn } from '../../../contract/data-types';
import { readColumns, useTempDir } from './helpers';

const tmp = useTempDir();

function columns(): OutputColumn[] {
  return [
    { name: 'f64', kind: 'float64', values: new Float64Array([0.1, NaN, -0, 1 / 3, 5e-324, 2]) },
    { name: 'f32', kind: 'float32', values: new Float32Array([0.1, NaN, 1 / 3, 16777217, -2.5, 1e-8]) },
    { name: 'i64', kind: 'int64', values: new BigInt64Array([-(2n ** 63n), 0n, 1n, 2n, 3n, 2n ** 63n - 1n]) },
    { name: 'label "q"', kind: 'string', values: ['a', null, 'é "x"', '=1+1', '', 'two\nlines'] },
  ];
}

async function write(path: string, escapeFormulas?: boolean): Promise<void> {
  const writer = await openWriter(path, undefined, { escapeFormulas });
  await writer.write(columns().map((c) => ({ ...c, values: c.values.slice(0, 3) }) as OutputColumn));
  await writer.write(columns().map((c) => ({ ...c, values: c.values.slice(3) }) as OutputColumn));
  await writer.finish();
}

describe('JSON Lines output', () => {
  it('is chosen by .jsonl and .ndjson', () => {
    expect(outputFormatFromPath('/x/out.jsonl')).toBe('jsonl');
    expect(outputFormatFromPath('/x/out.NDJSON')).toBe('jsonl');
    expect(() => outputFormatFromPath('/x/out.xlsx')).toThrow(
      /end the output name with .csv, .tsv, .parquet or .jsonl/,
    );
  });

  it('writes one object per row with the CSV values: numbers exact, NaN and missing as null', async () => {
    const path = tmp.path('out.jsonl');
    await write(path);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(objects[0]!)).toEqual(['f64', 'f32', 'i64', 'label "q"']);
    expect(objects.map((o) => o['f64'])).toEqual([0.1, null, -0, 1 / 3, 5e-324, 2]);
    expect(Object.is(objects[2]!['f64'], -0)).toBe(true);
    // float32 values are written as their shortest text, exactly as the CSV writer writes them.
    expect(lines[0]).toContain('"f32":0.1,');
    expect(objects.map((o) => o['f32'])).toEqual([0.1, null, 0.33333334, 16777216, -2.5, 1e-8]);
    expect(lines[0]).toContain('"i64":-9223372036854775808');
    expect(objects.map((o) => o['label "q"'])).toEqual(['a', null, 'é "x"', '=1+1', '', 'two\nlines']);
  });

  it('reads back through the data reader to the same values as the CSV output', async () => {
    await write(tmp.path('same.jsonl'));
    await write(tmp.path('same.csv'));
    const request = { f64: 'float64', f32: 'float32', i64: 'int64' } as const;
    const fromJson = await readColumns(tmp.path('same.jsonl'), request);
    const fromCsv = await readColumns(tmp.path('same.csv'), request);
    expect(fromJson.columns).toEqual(fromCsv.columns);
  });
});

describe('formula neutralising in CSV and TSV', () => {
  it('prefixes text starting with = + - @ TAB or CR, leaves numbers and plain text', () => {
    expect(escapeFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    for (const text of ['+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx', '-', '+'])
      expect(escapeFormula(text)).toBe(`'${text}`);
    for (const text of ['-5', '+1.5e3', '-.5', 'plain', 'a=b', '']) expect(escapeFormula(text)).toBe(text);
  });

  it('writes a kept =HYPERLINK cell neutralised, and header names too', async () => {
    const path = tmp.path('formula.csv');
    const writer = await openWriter(path);
    await writer.write([
      { name: '@member.prediction', kind: 'string', values: ['=HYPERLINK("x")', '-1', 'ok'] },
      { name: 'n', kind: 'float64', values: new Float64Array([-1, -2.5, 3]) },
    ]);
    await writer.finish();
    expect(await readFile(path, 'utf8')).toBe(
      `'@member.prediction,n\n"'=HYPERLINK(""x"")",-1\n-1,-2.5\nok,3\n`,
    );
  });

  it('TSV too; and escapeFormulas: false writes the text as it is', async () => {
    const tsv = tmp.path('formula.tsv');
    const off = tmp.path('formula-off.csv');
    for (const [path, escapeFormulas] of [
      [tsv, true],
      [off, false],
    ] as const) {
      const writer = await openWriter(path, undefined, { escapeFormulas });
      await writer.write([{ name: 's', kind: 'string', values: ['+SUM(1)', '@x'] }]);
      await writer.finish();
    }
    expect(await readFile(tsv, 'utf8')).toBe(`s\n'+SUM(1)\n'@x\n`);
    expect(await readFile(off, 'utf8')).toBe('s\n+SUM(1)\n@x\n');
  });
});
