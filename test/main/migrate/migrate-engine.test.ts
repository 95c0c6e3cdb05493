/**
 * `jobs.migrate` through a real engine and engine host: the run is recorded with the recommended
 * combination's metrics and the folder among its writes, the output guard refuses a folder that
 * holds what the run reads, and a crashed run's staged folder is removed at the next start.
 */
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCallInput, type CallInput, type JobFinished } from '../../../contract/contract';
import { createEngine, type Engine } from '../../../main/engine/create-engine';
import { DEMO } from '../../support/demo-data';
import { makeTempDir } from '../../support/temp-dir';
import { writeDemoSample } from './migrate-fixtures';

let tmp: ReturnType<typeof makeTempDir>;
let engine: Engine;
let sample: string;
let spec: string;
beforeEach(async () => {
  tmp = makeTempDir('es-migrate-engine-');
  // The ensemble in a folder of its own, so a test can point the output at it.
  const ensemble = join(tmp.dir, 'ensemble');
  mkdirSync(ensemble);
  cpSync(join(DEMO, 'models'), join(ensemble, 'models'), { recursive: true });
  cpSync(join(DEMO, 'demo.ensemble.json'), join(ensemble, 'demo.ensemble.json'));
  spec = join(ensemble, 'demo.ensemble.json');
  sample = join(tmp.dir, 'sample.csv');
  writeDemoSample(sample, 120);
  engine = await createEngine({ historyPath: join(tmp.dir, 'history.sqlite') });
});
afterEach(async () => {
  await engine.close();
  tmp.cleanup();
});

async function migrate(input: Partial<CallInput<'jobs.migrate'>>): Promise<JobFinished> {
  const started = await start(input);
  return engine.waitForJob(started.jobId);
}

/** Starting checks every file first: a refused output rejects here, before any run exists. */
function start(input: Partial<CallInput<'jobs.migrate'>>) {
  const parsed = parseCallInput('jobs.migrate', {
    ensemble: { specPath: spec },
    input: sample,
    label: 'diagnosis',
    providers: ['cpu'],
    threads: [1],
    sampleRows: 100,
    output: join(tmp.dir, 'out'),
    ...input,
  });
  return engine.handlers['jobs.migrate'](parsed);
}

describe('jobs.migrate', () => {
  it('records the run with the recommended metrics and the folder among its writes', async () => {
    const done = await migrate({});
    expect(done.status, done.error?.message).toBe('succeeded');
    const run = await engine.handlers['history.show']({ id: done.runId });
    expect(run.kind).toBe('migrate');
    expect(run.status).toBe('succeeded');
    const recommended = run.metrics.filter((m) => m.scope === 'recommended').map((m) => m.name);
    expect(recommended).toEqual(
      expect.arrayContaining(['rows_per_sec', 'agreement', 'max_abs_diff', 'log_loss_change']),
    );
    expect(run.params.writes).toEqual([resolve(tmp.dir, 'out')]);
    expect(run.artifacts).toContain('migration');
    expect(existsSync(join(tmp.dir, 'out', 'migration.json'))).toBe(true);
  }, 60_000);

  it('refuses, before anything runs, to replace a folder that holds the spec and models', async () => {
    await expect(start({ output: join(tmp.dir, 'ensemble'), overwrite: true })).rejects.toThrow(
      /holds the ensemble spec .*demo\.ensemble\.json: choose another folder/,
    );
    await expect(start({ output: join(tmp.dir, 'ensemble', 'models'), overwrite: true })).rejects.toThrow(
      /holds the model of member "logreg"/,
    );
    expect(readdirSync(join(tmp.dir, 'ensemble')).sort()).toEqual(['demo.ensemble.json', 'models']);
  }, 60_000);

  it('refuses a folder whose parent does not exist, creating nothing', async () => {
    await expect(start({ output: join(tmp.dir, 'no', 'such', 'out') })).rejects.toThrow(
      /the folder it goes in, .* does not exist/,
    );
    expect(existsSync(join(tmp.dir, 'no'))).toBe(false);
  }, 60_000);

  it("removes a dead run's staged folder at the next start", async () => {
    // A failed run records the folder it was writing; a host killed mid-run leaves its staging.
    const failed = await migrate({ label: 'no such column' });
    expect(failed.status).toBe('failed');
    const staged = join(tmp.dir, '.out.partial-999999-0badc0de');
    mkdirSync(join(staged, 'models'), { recursive: true });
    await engine.close();
    engine = await createEngine({ historyPath: join(tmp.dir, 'history.sqlite') });
    expect(existsSync(staged)).toBe(false);
    expect(existsSync(join(tmp.dir, 'out'))).toBe(false);
  }, 60_000);
});
