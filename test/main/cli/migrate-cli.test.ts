/**
 * `ensemble-studio migrate` as an analyst runs it: the JSON lists every representation × every
 * provider that runs here × every thread count with its figures, names a recommendation within the
 * budgets, and the artifact it wrote reproduces the reported agreement outside the app (a fused
 * model under plain onnxruntime-node; the members' spec scored again by the app).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinishedJobResult } from '../../../contract/contract';
import type { MigrationManifest } from '../../../contract/migration-types';
import { MIGRATION_REPRESENTATIONS } from '../../../contract/migration-types';
import { sha256File } from '../../../main/jobs/atomic-output';
import { readOutputColumns } from '../../support/read-output';
import { runCli } from '../../support/run-cli';
import { makeTempDir } from '../../support/temp-dir';
import {
  agreementOf,
  DEMO_SPEC,
  readCsvColumns,
  runFusedFile,
  writeDemoSample,
} from '../migrate/migrate-fixtures';

const ROWS = 300;
let tmp: ReturnType<typeof makeTempDir>;
let sample: string;
let history: string;
/** The app's own scoring of the sample, as `score` writes it. */
let reference: { probabilities: number[]; labels: string[] };

beforeAll(async () => {
  tmp = makeTempDir('es-migrate-cli-');
  sample = join(tmp.dir, 'sample.csv');
  history = join(tmp.dir, 'history.sqlite');
  writeDemoSample(sample, ROWS);
  reference = await scoreWithApp(DEMO_SPEC, 'reference.csv');
}, 60_000);
afterAll(() => tmp.cleanup());

/** `score` on the sample; `threads` as the migration's recommendation names them (else the app's default). */
async function scoreWithApp(spec: string, name: string, threads?: number) {
  const out = join(tmp.dir, name);
  const threadArgs = threads === undefined ? [] : ['--threads', String(threads)];
  const run = await runCli([
    '--history',
    history,
    'score',
    '--ensemble',
    spec,
    '--input',
    sample,
    '--output',
    out,
    ...threadArgs,
  ]);
  expect(run.code, run.stderr).toBe(0);
  const columns = await readOutputColumns(out);
  const p0 = columns.get('proba_0')!.map(Number);
  const p1 = columns.get('proba_1')!.map(Number);
  return { probabilities: p0.flatMap((p, i) => [p, p1[i]!]), labels: columns.get('prediction')! };
}

describe('migrate (command line)', () => {
  it('measures every combination, recommends one within the budgets, and its artifact reproduces the agreement', async () => {
    const output = join(tmp.dir, 'moved');
    const run = await runCli([
      '--history',
      history,
      'migrate',
      '--ensemble',
      DEMO_SPEC,
      '--input',
      sample,
      '--label',
      'diagnosis',
      '--threads',
      '1,2',
      '--sample-rows',
      String(ROWS),
      '--output',
      output,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as FinishedJobResult<'migrate'>;
    expect(result.rows).toBe(ROWS);

    // Every representation × provider that runs here × thread count, each with its figures.
    const providers = [...new Set(result.candidates.map((c) => c.provider))];
    expect(providers).toContain('cpu');
    expect(result.candidates).toHaveLength(MIGRATION_REPRESENTATIONS.length * providers.length * 2);
    for (const representation of MIGRATION_REPRESENTATIONS)
      for (const provider of providers)
        for (const threads of [1, 2]) {
          const c = result.candidates.find(
            (x) => x.representation === representation && x.provider === provider && x.threads === threads,
          );
          expect(c, `${representation} ${provider} ${threads}`).toBeDefined();
          expect(c!.ok, c!.warning ?? '').toBe(true);
          expect(c!.sizeBytes).toBeGreaterThan(0);
          expect(c!.rowsPerSec).toBeGreaterThan(0);
          expect(c!.maxDiff).toBeGreaterThanOrEqual(0);
          expect(c!.agreement).toBeGreaterThan(0.9);
          expect(c!.metric).toBe('log_loss');
          expect(Number.isFinite(c!.metricChange)).toBe(true);
        }
    // Providers this build lists but cannot run here are named, with why.
    for (const absent of result.absentProviders) expect(absent.reason.length).toBeGreaterThan(10);
    expect(providers.every((p) => !result.absentProviders.some((a) => a.provider === p))).toBe(true);

    // The recommendation: the fastest combination within the budgets.
    const rec = result.recommendation!;
    expect(rec).not.toBeNull();
    const chosen = result.candidates.find(
      (c) =>
        c.representation === rec.representation && c.provider === rec.provider && c.threads === rec.threads,
    )!;
    expect(chosen.withinBudget).toBe(true);
    expect(chosen.agreement).toBeGreaterThanOrEqual(0.999);
    expect(chosen.metricChange).toBeLessThanOrEqual(0.002);
    const within = result.candidates.filter((c) => c.withinBudget);
    expect(Math.max(...within.map((c) => c.rowsPerSec!))).toBe(chosen.rowsPerSec);
    expect(rec.reason).toContain(`${Math.round(chosen.rowsPerSec!).toLocaleString('en-US')} rows/s`);

    // The folder holds the artifact and migration.json, nothing else, and nothing beside it was left.
    const manifest = JSON.parse(readFileSync(result.manifestPath, 'utf8')) as MigrationManifest;
    expect(manifest.recommendation).toEqual(rec);
    expect(manifest.candidates).toEqual(result.candidates);
    expect(manifest.input).toMatchObject({ sampleRows: ROWS, label: 'diagnosis' });
    expect(manifest.input.fingerprint).toMatch(/^v1:/);
    expect(manifest.app.onnxruntime).toMatch(/^\d+\.\d+/);
    for (const file of manifest.artifact!.files)
      expect(await sha256File(join(output, file.path))).toBe(file.sha256);
    expect(readdirSync(tmp.dir).filter((n) => n.includes('.partial-'))).toEqual([]);

    // The proof, outside the app's scoring code.
    const entry = join(output, manifest.artifact!.entry);
    const again =
      rec.representation === 'members'
        ? await scoreWithApp(entry, 'members-again.csv', rec.threads)
        : await runFusedFile(entry, readCsvColumns(sample), rec.threads);
    const proof = agreementOf(reference, again);
    expect(proof.agreement).toBe(chosen.agreement);
    expect(proof.maxDiff).toBeCloseTo(chosen.maxDiff!, 9);
  }, 120_000);

  it('prints the table, the absent providers and the reason in text mode', async () => {
    const output = join(tmp.dir, 'text');
    const run = await runCli([
      '--history',
      history,
      'migrate',
      '--ensemble',
      DEMO_SPEC,
      '--input',
      sample,
      '--threads',
      '1',
      '--sample-rows',
      '100',
      '--providers',
      'cpu',
      '--output',
      output,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/representation\s+provider\s+threads/);
    expect(run.stdout).toMatch(/^recommended: \S+ on cpu with 1 thread is the fastest/m);
    expect(run.stdout).toContain(`written to ${output}: `);
    expect(existsSync(join(output, 'migration.json'))).toBe(true);
  }, 60_000);

  it('refuses a budget that is not a number, and a folder that is not empty, before anything runs', async () => {
    const bad = await runCli([
      '--history',
      history,
      'migrate',
      '--ensemble',
      DEMO_SPEC,
      '--input',
      sample,
      '--output',
      join(tmp.dir, 'x'),
      '--budget-agreement',
      'most',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--budget-agreement needs a number');
    const folder = join(tmp.dir, 'busy');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'keep me');
    const busy = await runCli([
      '--history',
      history,
      'migrate',
      '--ensemble',
      DEMO_SPEC,
      '--input',
      sample,
      '--output',
      folder,
    ]);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/busy already exists and is not empty: pass --overwrite/);
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('keep me');
    // Replacing a folder removes what is in it: never a folder holding what the run reads.
    const holding = await runCli([
      '--history',
      history,
      'migrate',
      '--ensemble',
      DEMO_SPEC,
      '--input',
      sample,
      '--output',
      tmp.dir,
      '--overwrite',
    ]);
    expect(holding.code).toBe(1);
    expect(holding.stderr).toContain(`holds the input data file ${sample}: choose another folder`);
    expect(existsSync(sample)).toBe(true);
  }, 60_000);
});
