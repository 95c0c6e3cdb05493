/**
 * `score --shard K/N` and `merge`, run as real processes: the parts merged are byte-identical to
 * the unsharded output (CSV and JSON Lines), and merge refuses parts that do not make one file.
 */
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { runCli } from '../../support/run-cli';
import { DEMO, writeDemoRows } from '../../support/demo-data';

const SPEC = join(DEMO, 'demo.ensemble.json');
let tmp: ReturnType<typeof makeTempDir>;
let history: string;
let input: string;

beforeAll(async () => {
  tmp = makeTempDir('es-shard-');
  history = join(tmp.dir, 'history.sqlite');
  input = join(tmp.dir, 'rows.csv');
  // 5,001 rows: not divisible by 4.
  await writeDemoRows(input, 5_001);
});
afterAll(() => tmp.cleanup());

async function score(data: string, output: string, ...more: string[]) {
  const r = await runCli([
    'score',
    '--ensemble',
    SPEC,
    '--input',
    data,
    '--output',
    output,
    '--keep-all',
    '--chunk-rows',
    '700',
    '--history',
    history,
    ...more,
  ]);
  expect(r.stderr).not.toMatch(/error/);
  expect(r.code).toBe(0);
  return r;
}

async function shards(data: string, name: string, ext: string, n: number): Promise<string[]> {
  const parts: string[] = [];
  for (let k = 1; k <= n; k++) {
    const part = join(tmp.dir, `${name}-${k}.${ext}`);
    await score(data, part, '--shard', `${k}/${n}`);
    parts.push(part);
  }
  return parts;
}

function manifest(part: string) {
  return JSON.parse(readFileSync(`${part}.shard.json`, 'utf8')) as Record<string, unknown>;
}

function merge(output: string, parts: string[], ...more: string[]) {
  return runCli(['merge', '--output', output, ...parts, '--history', history, ...more]);
}

describe('4 shards merged', () => {
  let csvParts: string[];
  beforeAll(async () => {
    csvParts = await shards(input, 'part', 'csv', 4);
  });

  it('CSV: byte-identical to the unsharded output; each part holds exactly its formula rows', async () => {
    const whole = join(tmp.dir, 'whole.csv');
    await score(input, whole);
    const expected = [
      [0, 1250],
      [1250, 1250],
      [2500, 1250],
      [3750, 1251],
    ];
    csvParts.forEach((part, i) => {
      const m = manifest(part);
      expect([m.firstRow, m.rows]).toEqual(expected[i]);
      expect(m).toMatchObject({ index: i + 1, count: 4, totalRows: 5001, outputFormat: 'csv' });
      // Header plus its rows.
      expect(readFileSync(part, 'utf8').trimEnd().split('\n')).toHaveLength(1 + expected[i]![1]!);
    });
    const merged = join(tmp.dir, 'merged.csv');
    // Given in any order.
    const r = await merge(merged, [csvParts[2]!, csvParts[0]!, csvParts[3]!, csvParts[1]!], '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 5001, parts: 4 });
    expect(readFileSync(merged).equals(readFileSync(whole))).toBe(true);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('JSON Lines: byte-identical too', async () => {
    const parts = await shards(input, 'jpart', 'jsonl', 4);
    const whole = join(tmp.dir, 'whole.jsonl');
    await score(input, whole);
    const merged = join(tmp.dir, 'merged.jsonl');
    expect((await merge(merged, parts)).code).toBe(0);
    expect(readFileSync(merged).equals(readFileSync(whole))).toBe(true);
  });

  it('more shards than rows: empty parts still merge to the unsharded file', async () => {
    const small = join(tmp.dir, 'small.csv');
    const lines = readFileSync(join(DEMO, 'breast_cancer.csv'), 'utf8').split('\n');
    writeFileSync(small, lines.slice(0, 4).join('\n') + '\n');
    const parts = await shards(small, 'tiny', 'csv', 5);
    expect(parts.map((p) => manifest(p).rows)).toEqual([0, 1, 0, 1, 1]);
    const whole = join(tmp.dir, 'small-whole.csv');
    await score(small, whole);
    const merged = join(tmp.dir, 'small-merged.csv');
    expect((await merge(merged, parts)).code).toBe(0);
    expect(readFileSync(merged).equals(readFileSync(whole))).toBe(true);
  });

  it('refuses a missing shard, naming it, and writes nothing', async () => {
    const out = join(tmp.dir, 'missing.csv');
    const r = await merge(out, [csvParts[0]!, csvParts[1]!, csvParts[3]!]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/shard 3 of 4 is missing/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a duplicated shard, naming both files', async () => {
    const copy = join(tmp.dir, 'copy-of-2.csv');
    copyFileSync(csvParts[1]!, copy);
    copyFileSync(`${csvParts[1]!}.shard.json`, `${copy}.shard.json`);
    const out = join(tmp.dir, 'dup.csv');
    const r = await merge(out, [...csvParts, copy]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/shard 2\/4 is given twice: .*part-2\.csv and .*copy-of-2\.csv/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a shard scored from another input, naming it', async () => {
    const other = join(tmp.dir, 'other.csv');
    const text = readFileSync(input, 'utf8').split('\n');
    text[3] = text[4]!; // one row changed
    writeFileSync(other, text.join('\n'));
    const stranger = join(tmp.dir, 'other-3.csv');
    await score(other, stranger, '--shard', '3/4');
    const out = join(tmp.dir, 'mixed.csv');
    const r = await merge(out, [csvParts[0]!, csvParts[1]!, stranger, csvParts[3]!]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/other-3\.csv \(shard 3\/4\) was scored from another input/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a part whose bytes changed since its manifest', async () => {
    const edited = join(tmp.dir, 'edited-4.csv');
    copyFileSync(csvParts[3]!, edited);
    copyFileSync(`${csvParts[3]!}.shard.json`, `${edited}.shard.json`);
    writeFileSync(edited, readFileSync(edited, 'utf8').replace(/\n$/, '\n\n'));
    const r = await merge(join(tmp.dir, 'edited.csv'), [...csvParts.slice(0, 3), edited]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/edited-4\.csv is not the file its manifest describes/);
  });

  it('refuses to write onto a part, and an existing output without --overwrite', async () => {
    const onto = await merge(csvParts[0]!, csvParts, '--overwrite');
    expect(onto.code).toBe(1);
    expect(onto.stderr).toMatch(/a part being merged/);
    const existing = join(tmp.dir, 'exists.csv');
    writeFileSync(existing, 'keep\n');
    const r = await merge(existing, csvParts);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already exists: pass --overwrite/);
    expect(readFileSync(existing, 'utf8')).toBe('keep\n');
  });
});

describe('score --shard refusals', () => {
  it('refuses a Parquet part and a shard number above the count', async () => {
    const pq = await runCli([
      'score',
      '--ensemble',
      SPEC,
      '--input',
      input,
      '--output',
      join(tmp.dir, 'p.parquet'),
      '--shard',
      '1/2',
      '--history',
      history,
    ]);
    expect(pq.code).toBe(1);
    expect(pq.stderr).toMatch(/--shard writes CSV, TSV or JSON Lines parts/);
    const bad = await runCli([
      'score',
      '--ensemble',
      SPEC,
      '--input',
      input,
      '--output',
      join(tmp.dir, 'x.csv'),
      '--shard',
      '5/4',
      '--history',
      history,
    ]);
    expect(bad.code).toBe(2);
  });
});
