/**
 * evaluate, optimize and history compare through the real command line, on the acceptance corpus
 * (test/corpus/optimize): `--json` parses, the greedy spec is written where asked with model paths
 * that resolve from there, and `history compare` shows the metric deltas (B − A).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleSpec } from '../../../contract/ensemble-spec';
import type { EvaluationResult } from '../../../contract/evaluation-types';
import type { RunComparison } from '../../../contract/history-types';
import type { MetricRow } from '../../../contract/job-results';
import { formatCell } from '../../../main/jobs/kinds/text-table';
import { makeTempDir } from '../../support/temp-dir';
import { REPO, runCli } from '../../support/run-cli';

const CASE = join(REPO, 'test', 'corpus', 'optimize', 'multiclass-strings');
const expected = JSON.parse(readFileSync(join(CASE, 'expected.json'), 'utf8')) as {
  label: string;
  holdoutRows: number;
  metrics: { ensemble: Record<string, number> };
  greedy: { size: number; weights: Record<string, number> };
};

let tmp: ReturnType<typeof makeTempDir>;
let history: string;
beforeAll(() => {
  tmp = makeTempDir('es-evopt-cli-');
  history = join(tmp.dir, 'history.sqlite');
});
afterAll(() => tmp.cleanup());

const common = () => [
  '--ensemble',
  join(CASE, 'ensemble.json'),
  '--input',
  join(CASE, 'holdout.csv'),
  '--label',
  expected.label,
  '--history',
  history,
  // One ONNX Runtime thread: the reference values were computed that way (see the engine test).
  '--threads',
  '1',
];

interface JobJson {
  runId: number;
  metrics: MetricRow[];
}
let evaluated: JobJson & { evaluation: EvaluationResult };
let optimized: JobJson & {
  output: string;
  weights: Record<string, number>;
  trajectory: { round: number; member: string; loss: number }[];
  after: EvaluationResult;
};

describe('evaluate / optimize / history compare on the command line', () => {
  it('evaluate --json parses and carries the metrics and plot data', async () => {
    const r = await runCli(['evaluate', ...common(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    evaluated = JSON.parse(r.stdout) as typeof evaluated;
    expect(evaluated.runId).toBeGreaterThan(0);
    expect(evaluated.evaluation.rows).toBe(expected.holdoutRows);
    expect(evaluated.evaluation.classes).toEqual(['barbera', 'barolo', 'grignolino']);
    for (const [name, value] of Object.entries(expected.metrics.ensemble)) {
      const got = evaluated.evaluation.metrics.ensemble[name]!;
      expect(Math.abs(got - value) / Math.abs(value), name).toBeLessThanOrEqual(1e-9);
    }
    const plots = evaluated.evaluation.plots;
    expect(plots.roc!.ensemble).toHaveLength(3);
    expect(plots.calibration!.ensemble).toHaveLength(3);
    expect(plots.confusion!.ensemble).toHaveLength(3);
    expect(plots.correlation.names).toEqual(['logreg', 'forest', 'net']);
    expect(plots.disagreement!.matrix).toHaveLength(3);
    // The flat metrics recorded in the history are the same numbers.
    const logLoss = evaluated.metrics.find((m) => m.scope === 'ensemble' && m.name === 'log_loss');
    expect(logLoss?.value).toBe(evaluated.evaluation.metrics.ensemble.log_loss);
  });

  it('score --label gives the same metrics while scoring', async () => {
    const r = await runCli(['score', ...common(), '--output', join(tmp.dir, 'scored.csv'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const scored = JSON.parse(r.stdout) as { evaluation: EvaluationResult };
    expect(scored.evaluation.metrics).toEqual(evaluated.evaluation.metrics);
  });

  it('optimize --method greedy --output writes a spec whose model paths resolve from its new folder', async () => {
    const folder = join(tmp.dir, 'elsewhere', 'specs');
    mkdirSync(folder, { recursive: true });
    const output = join(folder, 'greedy.ensemble.json');
    const r = await runCli(['optimize', ...common(), '--method', 'greedy', '--output', output, '--json']);
    expect(r.code, r.stderr).toBe(0);
    optimized = JSON.parse(r.stdout) as typeof optimized;
    expect(optimized.output).toBe(output);
    const spec = JSON.parse(readFileSync(output, 'utf8')) as EnsembleSpec;
    for (const m of spec.members) {
      expect(m.model.startsWith('/'), `${m.model} stays relative`).toBe(false);
      expect(existsSync(resolve(dirname(output), m.model)), m.model).toBe(true);
      expect(m.weight === expected.greedy.weights[m.name], `${m.name} weight`).toBe(true);
    }
    expect(optimized.weights).toEqual(expected.greedy.weights);
    expect(optimized.trajectory).toHaveLength(expected.greedy.size);

    // The new spec is usable as it is, from anywhere.
    const again = await runCli([
      'evaluate',
      '--ensemble',
      output,
      '--input',
      join(CASE, 'holdout.csv'),
      '--label',
      expected.label,
      '--history',
      history,
      '--threads',
      '1',
      '--json',
    ]);
    expect(again.code, again.stderr).toBe(0);
    const reevaluated = JSON.parse(again.stdout) as { evaluation: EvaluationResult };
    expect(reevaluated.evaluation.metrics.ensemble).toEqual(optimized.after.metrics.ensemble);
  });

  it('optimize prints the weights and the final loss without --json', async () => {
    const r = await runCli([
      'optimize',
      ...common(),
      '--method',
      'greedy',
      '--output',
      join(tmp.dir, 'greedy-text.json'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`greedy weights after ${expected.greedy.size} rounds`);
    for (const name of Object.keys(expected.greedy.weights))
      expect(r.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
  });

  it('history compare A B --json shows every metric with delta = B − A', async () => {
    const r = await runCli([
      'history',
      'compare',
      String(evaluated.runId),
      String(optimized.runId),
      '--history',
      history,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as RunComparison;
    expect(c.a.id).toBe(evaluated.runId);
    expect(c.b.id).toBe(optimized.runId);
    expect(c.a.kind).toBe('evaluate');
    expect(c.b.kind).toBe('optimize');
    // Per member and for the ensemble, every metric either run recorded.
    const scopes = new Set(c.metrics.map((m) => m.scope));
    expect([...scopes].sort()).toEqual(['ensemble', 'forest', 'logreg', 'net']);
    for (const m of c.metrics) {
      const a = evaluated.metrics.find((x) => x.scope === m.scope && x.name === m.name)?.value ?? null;
      const b = optimized.metrics.find((x) => x.scope === m.scope && x.name === m.name)?.value ?? null;
      expect(m.valueA, `${m.scope} ${m.name} A`).toBe(a);
      expect(m.valueB, `${m.scope} ${m.name} B`).toBe(b);
      expect(m.delta, `${m.scope} ${m.name} delta`).toBe(a === null || b === null ? null : b - a);
    }
    // The members' scores did not change, only the weights: their deltas are 0; the ensemble's not.
    for (const m of c.metrics.filter((x) => x.scope !== 'ensemble' && x.delta !== null))
      expect(m.delta).toBe(0);
    const logLoss = c.metrics.find((m) => m.scope === 'ensemble' && m.name === 'log_loss')!;
    expect(logLoss.delta).toBeLessThan(0); // greedy minimises the hold-out log loss
    expect(c.metrics[0]!.scope).toBe('ensemble');
  });

  it('history compare A B prints the deltas as text', async () => {
    const r = await runCli([
      'history',
      'compare',
      String(evaluated.runId),
      String(optimized.runId),
      '--history',
      history,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`run #${evaluated.runId} (evaluate, succeeded) vs run #${optimized.runId}`);
    const header = r.stdout.split('\n').find((l) => l.startsWith('scope'))!;
    expect(header.split(/\s+/)).toEqual([
      'scope',
      'metric',
      `#${evaluated.runId}`,
      `#${optimized.runId}`,
      'delta',
    ]);
    const a = evaluated.metrics.find((m) => m.scope === 'ensemble' && m.name === 'log_loss')!.value!;
    const b = optimized.metrics.find((m) => m.scope === 'ensemble' && m.name === 'log_loss')!.value!;
    const line = r.stdout.split('\n').find((l) => /^ensemble\s+log_loss\s/.test(l))!;
    expect(line.trim().split(/\s+/)).toEqual([
      'ensemble',
      'log_loss',
      formatCell(a),
      formatCell(b),
      formatCell(b - a),
    ]);
  });
});
