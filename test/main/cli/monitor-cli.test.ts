/**
 * `monitor` through the real command line on the demo ensemble: a copy of its data with one
 * feature shifted far is major drift, the untouched features stay stable, --fail-on-drift exits 3,
 * the data against itself is all zeros and exits 0; the statistics are the library's on the same
 * columns; `run:ID` names an earlier run's input; `history compare` diffs two monitor runs;
 * --report writes a self-contained page and keeps an existing file without --overwrite.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numericDrift } from '../../../main/monitor/drift-numeric';
import { readOutputColumns } from '../../support/read-output';
import { REPO, runCli } from '../../support/run-cli';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir('es-monitor-');
afterAll(() => temp.cleanup());

const SPEC = join(REPO, 'resources/demo/demo.ensemble.json');
const DATA = join(REPO, 'resources/demo/breast_cancer.csv');
const SHIFTED_COLUMN = 'mean texture';
const STABLE_COLUMN = 'mean radius';
const HISTORY = () => join(temp.dir, 'history.sqlite');
let shifted = '';

interface Drift {
  name: string;
  type: string;
  psi: number;
  ks: number;
  wasserstein: number;
  severity: string;
}
interface MonitorJson {
  runId: number;
  features: Drift[];
  predictions: Drift[];
  severityCounts: Record<string, number>;
  reference: { path: string; estimatedAccuracy: number; measured: Record<string, number> | null };
  current: { path: string; estimatedAccuracy: number };
}

/** The demo data with one feature moved by 50 (its values span about 10 to 40): a shift no one can miss. */
beforeAll(async () => {
  const columns = await readOutputColumns(DATA);
  const names = [...columns.keys()];
  const rows = columns.get(names[0]!)!.length;
  const lines = [names.map((n) => `"${n}"`).join(',')];
  for (let r = 0; r < rows; r++) {
    lines.push(
      names
        .map((n) => {
          const cell = columns.get(n)![r]!;
          return n === SHIFTED_COLUMN ? String(Number(cell) + 50) : cell;
        })
        .join(','),
    );
  }
  shifted = join(temp.dir, 'shifted.csv');
  await writeFile(shifted, lines.join('\n') + '\n');
});

async function monitor(reference: string, current: string, ...more: string[]) {
  const result = await runCli([
    '--history',
    HISTORY(),
    'monitor',
    '--ensemble',
    SPEC,
    '--reference',
    reference,
    '--current',
    current,
    '--threads',
    '1',
    '--json',
    ...more,
  ]);
  return { code: result.code, stderr: result.stderr, json: JSON.parse(result.stdout) as MonitorJson };
}

const feature = (json: MonitorJson, name: string) => json.features.find((f) => f.name === name)!;
const column = async (file: string, name: string) =>
  Float64Array.from((await readOutputColumns(file)).get(name)!, Number);

describe('monitor', () => {
  it('finds the shifted feature major, the others stable, and exits 3 under --fail-on-drift', async () => {
    const { code, stderr, json } = await monitor(DATA, shifted, '--fail-on-drift', '--label', 'diagnosis');
    expect(stderr).toBe('');
    expect(code).toBe(3);
    expect(feature(json, SHIFTED_COLUMN).severity).toBe('major');
    expect(feature(json, STABLE_COLUMN).severity).toBe('stable');
    expect(json.features.filter((f) => f.severity !== 'stable').map((f) => f.name)).toEqual([SHIFTED_COLUMN]);
    expect(json.features).toHaveLength(30);
    expect(json.reference.measured?.accuracy).toBeGreaterThan(0.9);
    expect(json.current.estimatedAccuracy).toBeLessThan(json.reference.estimatedAccuracy);

    // The same statistics as the tested library functions on the columns as the files hold them.
    for (const name of [SHIFTED_COLUMN, STABLE_COLUMN]) {
      const expected = numericDrift(await column(DATA, name), await column(shifted, name));
      const got = feature(json, name);
      expect(got.ks).toBe(expected.ks);
      expect(got.wasserstein).toBe(expected.wasserstein);
      expect(got.psi).toBe(expected.psi);
    }
  });

  it('exits 0 without --fail-on-drift, and 0 for the data against itself with every PSI 0', async () => {
    expect((await monitor(DATA, shifted)).code).toBe(0);
    const { code, json } = await monitor(DATA, DATA, '--fail-on-drift');
    expect(code).toBe(0);
    for (const d of [...json.features, ...json.predictions]) {
      expect(d.psi).toBe(0);
      expect(d.severity).toBe('stable');
    }
    expect(json.severityCounts.major).toBe(0);
  });

  it('takes run:ID as the reference, and history compare diffs two monitor runs', async () => {
    const first = await monitor(DATA, shifted);
    const second = await monitor(`run:${first.json.runId}`, shifted, '--fail-on-drift');
    expect(second.code).toBe(0);
    expect(second.json.reference.path).toBe(first.json.current.path);
    expect(feature(second.json, SHIFTED_COLUMN).psi).toBe(0);

    const missing = await runCli([
      '--history',
      HISTORY(),
      'monitor',
      '--ensemble',
      SPEC,
      '--reference',
      'run:9999',
      '--current',
      DATA,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no run #9999');

    const compared = await runCli([
      '--history',
      HISTORY(),
      'history',
      'compare',
      String(first.json.runId),
      String(second.json.runId),
      '--json',
    ]);
    expect(compared.code).toBe(0);
    const metrics = (
      JSON.parse(compared.stdout) as { metrics: { scope: string; name: string; delta: number }[] }
    ).metrics;
    const psi = metrics.find((m) => m.scope === `feature:${SHIFTED_COLUMN}` && m.name === 'psi')!;
    expect(psi.delta).toBe(-feature(first.json, SHIFTED_COLUMN).psi);
  });

  it('writes --report with the shifted feature first and major, and keeps an existing page without --overwrite', async () => {
    const report = join(temp.dir, 'drift.html');
    const first = await monitor(DATA, shifted, '--report', report);
    expect(first.code).toBe(0);
    const html = await readFile(report, 'utf8');
    const features = html.slice(
      html.indexOf('<table id="features"'),
      html.indexOf('<table id="predictions"'),
    );
    const rows = features.split('<tr class="').slice(1);
    expect(rows[0]).toMatch(new RegExp(`^major"><td>${SHIFTED_COLUMN}</td>`));
    expect(rows.filter((row) => row.startsWith('major'))).toHaveLength(1);
    expect(html).toContain('<svg class="hist"');
    expect(html).not.toMatch(/https?:/);
    expect(html).not.toMatch(/<script/i);

    const before = await stat(report);
    const refused = await runCli([
      '--history',
      HISTORY(),
      'monitor',
      '--ensemble',
      SPEC,
      '--reference',
      DATA,
      '--current',
      DATA,
      '--report',
      report,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists: pass --overwrite/);
    expect(await readFile(report, 'utf8')).toBe(html);
    expect((await stat(report)).mtimeMs).toBe(before.mtimeMs);

    const replaced = await monitor(DATA, DATA, '--report', report, '--overwrite');
    expect(replaced.code).toBe(0);
    expect(await readFile(report, 'utf8')).not.toContain('<span class="sev major">');
  });
});
