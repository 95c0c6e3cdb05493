/**
 * `whatif` through the real command line on the demo ensemble: evaluate a copy of it on a copy of
 * the hold-out file, delete both copies, then drop a member, reweight and change the combiner from
 * the stored scores alone. Every metric must equal a fresh `evaluate` of the changed spec (with the
 * original models) to 1e-12 relative, and the what-if run must be recorded with its parent.
 */
import { copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleSpec } from '../../../contract/ensemble-spec';
import type { EvaluationResult, MetricSet } from '../../../contract/evaluation-types';
import type { RunDetail } from '../../../contract/history-types';
import type { WhatIfResult } from '../../../contract/contract';
import { makeTempDir } from '../../support/temp-dir';
import { REPO, runCli } from '../../support/run-cli';

const DEMO = join(REPO, 'resources', 'demo');
const HOLDOUT = join(DEMO, 'breast_cancer_holdout.csv');

let tmp: ReturnType<typeof makeTempDir>;
let history: string;
let evaluateRun: number;

beforeAll(async () => {
  tmp = makeTempDir('es-whatif-cli-');
  history = join(tmp.dir, 'history.sqlite');
  // A copy of the models, the spec and the data that the run reads, deleted once it is recorded.
  cpSync(join(DEMO, 'models'), join(tmp.dir, 'models'), { recursive: true });
  copyFileSync(join(DEMO, 'demo.ensemble.json'), join(tmp.dir, 'demo.ensemble.json'));
  copyFileSync(HOLDOUT, join(tmp.dir, 'holdout.csv'));
  const evaluated = await evaluate(join(tmp.dir, 'demo.ensemble.json'), join(tmp.dir, 'holdout.csv'));
  evaluateRun = evaluated.runId;
  rmSync(join(tmp.dir, 'models'), { recursive: true });
  rmSync(join(tmp.dir, 'holdout.csv'));
}, 120_000);
afterAll(() => tmp.cleanup());

async function evaluate(
  spec: string,
  input: string,
): Promise<{ runId: number; evaluation: EvaluationResult }> {
  const args = ['evaluate', '--ensemble', spec, '--input', input, '--label', 'diagnosis'];
  const run = await runCli([...args, '--threads', '1', '--history', history, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { runId: number; evaluation: EvaluationResult };
}

async function whatif(args: string[]): Promise<{ runId: number; whatIf: WhatIfResult }> {
  const run = await runCli(['whatif', '--run', String(evaluateRun), ...args, '--history', history, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { runId: number; whatIf: WhatIfResult };
}

/** A fresh evaluate of the changed spec, its model paths pointed at the demo's own models. */
async function freshEvaluation(spec: EnsembleSpec, name: string): Promise<EvaluationResult> {
  const file = join(tmp.dir, `${name}.fresh.ensemble.json`);
  const members = spec.members.map((m) => ({ ...m, model: join(DEMO, m.model) }));
  writeFileSync(file, JSON.stringify({ ...spec, members }, null, 2));
  return (await evaluate(file, HOLDOUT)).evaluation;
}

function expectSameMetrics(actual: MetricSet, expected: MetricSet): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, want] of Object.entries(expected)) {
    const got = actual[name];
    if (want === null || got === null || got === undefined) {
      expect(got, name).toBe(want);
    } else {
      expect(Math.abs(got - want), name).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
    }
  }
}

describe('whatif on the command line, after the models and the data are deleted', () => {
  const cases: [string, string[]][] = [
    ['drop', ['--drop', 'forest']],
    ['weights', ['--weights', 'logreg=2,mlp=0.5']],
    ['combiner', ['--combiner', 'geometric_mean']],
  ];
  it.each(cases)(
    '--%s equals a fresh evaluate of the changed spec to 1e-12',
    async (name, args) => {
      const { whatIf } = await whatif(args);
      const fresh = await freshEvaluation(whatIf.spec, name);
      expectSameMetrics(whatIf.after.metrics.ensemble, fresh.metrics.ensemble);
      for (const member of Object.keys(fresh.metrics.members)) {
        expectSameMetrics(whatIf.after.metrics.members[member]!, fresh.metrics.members[member]!);
      }
    },
    120_000,
  );

  it('records the run with its parent and saves the changed spec', async () => {
    const saved = join(tmp.dir, 'dropped.ensemble.json');
    const { runId, whatIf } = await whatif(['--drop', 'forest', '--save', saved]);
    expect(whatIf.members.find((m) => m.name === 'forest')).toEqual({
      name: 'forest',
      weight: 0,
      dropped: true,
    });
    const spec = JSON.parse(readFileSync(saved, 'utf8')) as EnsembleSpec;
    expect(spec.members.map((m) => [m.name, m.weight])).toEqual([
      ['logreg', 2],
      ['forest', 0],
      ['mlp', 1],
      ['gboost', 1],
    ]);
    const show = await runCli(['history', 'show', String(runId), '--history', history, '--json']);
    expect(show.code, show.stderr).toBe(0);
    const detail = JSON.parse(show.stdout) as RunDetail;
    expect(detail.kind).toBe('whatif');
    expect(detail.parentRunId).toBe(evaluateRun);
    // The run's models, by hash, with the weights of the changed ensemble (normalised).
    expect(detail.members.map((m) => [m.name, m.weight])).toEqual([
      ['logreg', 0.5],
      ['forest', 0],
      ['mlp', 0.25],
      ['gboost', 0.25],
    ]);
    const parent = await runCli(['history', 'show', String(evaluateRun), '--history', history, '--json']);
    const parentMembers = (JSON.parse(parent.stdout) as RunDetail).members;
    expect(detail.members.map((m) => m.modelSha256)).toEqual(parentMembers.map((m) => m.modelSha256));

    // An existing file is replaced only with --overwrite.
    const again = await runCli([
      'whatif',
      '--run',
      String(evaluateRun),
      '--drop',
      'forest',
      '--save',
      saved,
      '--history',
      history,
    ]);
    expect(again.code).toBe(1);
    expect(existsSync(saved)).toBe(true);
  }, 60_000);

  it('says plainly when a run kept no member scores', async () => {
    const { runId } = await whatif(['--drop', 'mlp']);
    const run = await runCli(['whatif', '--run', String(runId), '--drop', 'mlp', '--history', history]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`run #${runId} kept no member scores: re-run evaluate`);
  }, 60_000);

  it('refuses a member the run does not have', async () => {
    const run = await runCli([
      'whatif',
      '--run',
      String(evaluateRun),
      '--drop',
      'nosuch',
      '--history',
      history,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no member named "nosuch"');
  }, 60_000);
});
