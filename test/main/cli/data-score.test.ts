/**
 * The data layer through the real command line: literal file names, JSON Lines output, formula
 * neutralising, a kept column clashing with an output column, header-only and odd inputs.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { runCli } from '../../support/run-cli';
import { DEMO } from '../../support/demo-data';

let tmp: ReturnType<typeof makeTempDir>;
let header: string;
let body: string[];

beforeAll(() => {
  tmp = makeTempDir('es-data-cli-');
  const lines = readFileSync(join(DEMO, 'breast_cancer.csv'), 'utf8').trim().split('\n');
  header = lines[0]!;
  body = lines.slice(1);
});
afterAll(() => tmp.cleanup());

function input(name: string, lines: string[]): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

function score(inputPath: string, output: string, ...extra: string[]) {
  return runCli([
    'score',
    '--ensemble',
    join(DEMO, 'demo.ensemble.json'),
    '--input',
    inputPath,
    '--output',
    join(tmp.dir, output),
    '--history',
    join(tmp.dir, 'history.sqlite'),
    ...extra,
  ]);
}

function outputLines(name: string): string[] {
  return readFileSync(join(tmp.dir, name), 'utf8').trimEnd().split('\n');
}

describe('file names are literal', () => {
  it('scores d[1].csv as itself even with d1.csv beside it', async () => {
    input('d1.csv', [header, ...body.slice(0, 3)]);
    const path = input('d[1].csv', [header, ...body.slice(0, 7)]);
    const r = await score(path, 'd-out.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(outputLines('d-out.csv')).toHaveLength(8);
  });

  it('reads x*.csv as the one file named x*.csv', async () => {
    input('xa.csv', [header, ...body.slice(0, 2)]);
    input('xb.csv', [header, ...body.slice(0, 4)]);
    const path = input('x*.csv', [header, ...body.slice(0, 5)]);
    const r = await score(path, 'x-out.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(outputLines('x-out.csv')).toHaveLength(6);
  });
});

describe('outputs', () => {
  it('score --output X.jsonl writes the same columns and values as the CSV output', async () => {
    const path = input('jsonl-in.csv', [header, ...body.slice(0, 40)]);
    expect((await score(path, 'same.csv', '--keep', 'mean radius', '--members')).code).toBe(0);
    const r = await score(path, 'same.jsonl', '--keep', 'mean radius', '--members');
    expect(r.code, r.stderr).toBe(0);
    const [csvHeader, ...csvRows] = outputLines('same.csv');
    const names = csvHeader!.split(',');
    const objects = outputLines('same.jsonl').map((l) => JSON.parse(l) as Record<string, number | null>);
    expect(objects).toHaveLength(csvRows.length);
    expect(Object.keys(objects[0]!)).toEqual(names);
    csvRows.forEach((row, i) => {
      const cells = row.split(',');
      names.forEach((name, j) => {
        const cell = cells[j]!;
        expect(objects[i]![name]).toBe(cell === '' ? null : Number(cell));
      });
    });
  });

  it('a kept =HYPERLINK("x") cell is written neutralised, and as it is with --no-escape-formulas', async () => {
    const lines = [
      `note,${header}`,
      ...body.slice(0, 3).map((l, i) => `${i ? 'fine' : '"=HYPERLINK(""x"")"'},${l}`),
    ];
    const path = input('formula.csv', lines);
    const r = await score(path, 'formula-out.csv', '--keep', 'note');
    expect(r.code, r.stderr).toBe(0);
    expect(outputLines('formula-out.csv')[1]).toMatch(/^"'=HYPERLINK\(""x""\)",/);
    const off = await score(path, 'formula-off.csv', '--keep', 'note', '--no-escape-formulas');
    expect(off.code, off.stderr).toBe(0);
    expect(outputLines('formula-off.csv')[1]).toMatch(/^"=HYPERLINK\(""x""\)",/);
  });

  it('a header-only input gives a header-only output, not an empty file', async () => {
    const path = input('header-only.csv', [header]);
    for (const out of ['header-only-out.csv', 'header-only-out.parquet']) {
      const r = await score(path, out);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(readFileSync(join(tmp.dir, 'header-only-out.csv'), 'utf8')).toBe('prediction,proba_0,proba_1\n');
  });
});

describe('inputs refused before scoring', () => {
  it('an input column named prediction with --keep-all: refused, naming it, nothing written', async () => {
    const lines = [`prediction,${header}`, ...body.slice(0, 3).map((l) => `1,${l}`)];
    const path = input('has-prediction.csv', lines);
    for (const out of ['clash.csv', 'clash.parquet']) {
      const r = await score(path, out, '--keep-all');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /"prediction" would be kept, but the output adds a column of the same name: leave it out of --keep/,
      );
      expect(existsSync(join(tmp.dir, out))).toBe(false);
    }
    expect(readdirSync(tmp.dir).filter((f) => f.includes('clash'))).toEqual([]);
  });

  it.each([
    [
      'duplicate header',
      'dupes.csv',
      () => [`${header},mean radius`, ...body.slice(0, 2).map((l) => `${l},1`)],
      /names a column more than once: "mean radius" \(columns 1 and 32\)/,
    ],
    ['Latin-1', 'latin.csv', null, /latin\.csv: line 3 is not UTF-8 text .*save it as UTF-8/],
    ['empty', 'empty.csv', () => [], /empty\.csv is empty/],
  ])('%s: one line on stderr saying what is wrong with the file', async (_what, name, make, message) => {
    const path = join(tmp.dir, name);
    if (make) writeFileSync(path, make().join('\n'));
    else
      writeFileSync(
        path,
        Buffer.concat([Buffer.from(`${header}\n${body[0]}\n`), Buffer.from(`${body[1]}\xe9\n`, 'latin1')]),
      );
    const r = await score(path, `${name}.out.csv`);
    expect(r.code).toBe(1);
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('warning'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});
