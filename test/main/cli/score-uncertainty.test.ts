/**
 * `score --uncertainty`: the four per-row columns equal the textbook computation (written here
 * independently, as NumPy would do it) from the members' own probabilities that `--members` writes
 * beside them, for a binary soft vote, a multiclass weighted vote and a regression mean.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readOutputColumns } from '../../support/read-output';
import { REPO, runCli } from '../../support/run-cli';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir('es-uncertainty-');
afterAll(() => temp.cleanup());

const cases = [
  {
    name: 'binary soft vote (demo)',
    spec: join(REPO, 'resources/demo/demo.ensemble.json'),
    data: join(REPO, 'resources/demo/breast_cancer.csv'),
  },
  {
    name: 'multiclass, string labels, weighted',
    spec: join(REPO, 'test/corpus/scoring/multiclass-string-labels/ensemble.json'),
    data: join(REPO, 'test/corpus/scoring/multiclass-string-labels/data.csv'),
  },
];

async function score(spec: string, data: string, out: string) {
  const result = await runCli([
    '--history',
    join(temp.dir, 'history.sqlite'),
    'score',
    '--ensemble',
    spec,
    '--input',
    data,
    '--output',
    out,
    '--members',
    '--uncertainty',
    '--threads',
    '1',
    '--json',
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return { columns: await readOutputColumns(out), result: JSON.parse(result.stdout) as ScoreJson };
}

interface ScoreJson {
  classes: string[] | null;
  members: { name: string; weight: number }[];
}

const num = (cells: string[]) => cells.map(Number);

describe('score --uncertainty', () => {
  for (const c of cases) {
    it(`${c.name}: entropy, margin, member spread and disagreement as defined`, async () => {
      const { columns, result } = await score(c.spec, c.data, join(temp.dir, `${c.name.length}.csv`));
      const classes = result.classes!;
      const names = [...columns.keys()];
      const firstUncertainty = names.indexOf('uncertainty.entropy');
      // After the probabilities, before the members' columns.
      expect(names.slice(firstUncertainty, firstUncertainty + 4)).toEqual([
        'uncertainty.entropy',
        'uncertainty.margin',
        'uncertainty.member_std',
        'uncertainty.disagreement',
      ]);
      expect(names[firstUncertainty - 1]).toBe(`proba_${classes.at(-1)}`);

      const p = classes.map((k) => num(columns.get(`proba_${k}`)!));
      const members = result.members.map((m) => ({
        weight: m.weight,
        p: classes.map((k) => num(columns.get(`${m.name}.proba_${k}`)!)),
      }));
      const totalWeight = members.reduce((s, m) => s + m.weight, 0);
      const rows = p[0]!.length;
      expect(rows).toBeGreaterThan(10);
      const argmax = (v: number[]) => v.indexOf(Math.max(...v));
      for (let r = 0; r < rows; r++) {
        const row = p.map((col) => col[r]!);
        const entropy = -row.reduce((s, x) => s + (x > 0 ? x * Math.log(x) : 0), 0);
        const sorted = [...row].sort((a, b) => b - a);
        const top = argmax(row);
        const ofTop = members.map((m) => m.p[top]![r]!);
        const mean = ofTop.reduce((s, x) => s + x, 0) / ofTop.length;
        const std = Math.sqrt(ofTop.reduce((s, x) => s + (x - mean) ** 2, 0) / ofTop.length);
        const disagreement =
          members.filter((m) => argmax(m.p.map((col) => col[r]!)) !== top).reduce((s, m) => s + m.weight, 0) /
          totalWeight;
        expect(Number(columns.get('uncertainty.entropy')![r])).toBeCloseTo(entropy, 6);
        expect(Number(columns.get('uncertainty.margin')![r])).toBeCloseTo(sorted[0]! - sorted[1]!, 6);
        expect(Number(columns.get('uncertainty.member_std')![r])).toBeCloseTo(std, 6);
        expect(Number(columns.get('uncertainty.disagreement')![r])).toBeCloseTo(disagreement, 6);
      }
    });
  }

  it('regression: the members spread only', async () => {
    const dir = join(REPO, 'test/corpus/scoring/regression-mean');
    const { columns, result } = await score(
      join(dir, 'ensemble.json'),
      join(dir, 'data.csv'),
      join(temp.dir, 'reg.csv'),
    );
    const names = [...columns.keys()];
    expect(names.filter((n) => n.startsWith('uncertainty.'))).toEqual(['uncertainty.member_std']);
    const preds = result.members.map((m) => num(columns.get(`${m.name}.prediction`)!));
    const spread = num(columns.get('uncertainty.member_std')!);
    spread.forEach((value, r) => {
      const ys = preds.map((col) => col[r]!);
      const mean = ys.reduce((s, x) => s + x, 0) / ys.length;
      const std = Math.sqrt(ys.reduce((s, x) => s + (x - mean) ** 2, 0) / ys.length);
      expect(Math.abs(value - std)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(std)));
    });
  });

  it('refuses a kept column that an uncertainty column would shadow', async () => {
    const data = join(temp.dir, 'clash.csv');
    const { writeFileSync, readFileSync } = await import('node:fs');
    const original = readFileSync(join(REPO, 'resources/demo/breast_cancer.csv'), 'utf8').split('\n');
    writeFileSync(
      data,
      [original[0] + ',uncertainty.margin', ...original.slice(1, 20).map((l) => l + ',1')].join('\n') + '\n',
    );
    const result = await runCli([
      '--history',
      join(temp.dir, 'history.sqlite'),
      'score',
      '--ensemble',
      join(REPO, 'resources/demo/demo.ensemble.json'),
      '--input',
      data,
      '--output',
      join(temp.dir, 'clash-out.csv'),
      '--keep-all',
      '--uncertainty',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('uncertainty.margin');
  });
});
