/**
 * `optimize --method calibrate` then `score`, through the real command line, against scikit-learn's
 * CalibratedClassifierCV(<the same soft-voting ensemble>, cv='prefit') fitted on the same hold-out
 * file (test/corpus/calibrate/ensemble, made by generate.py there); then the fused export of each
 * calibrated spec, run by a plain onnxruntime-node session, against the app's calibrated scores.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleSpec } from '../../../contract/ensemble-spec';
import { parseModel } from '../../../main/model/onnx-proto';
import { makeTempDir } from '../../support/temp-dir';
import { readOutputColumns } from '../../support/read-output';
import { REPO, runCli } from '../../support/run-cli';
import { expectWithin } from './fixtures';

const DIR = join(REPO, 'test', 'corpus', 'calibrate', 'ensemble');

interface Expected {
  classes: string[];
  members: Record<string, number[]>;
  uncalibrated: number[];
  sigmoid: { proba: number[]; prediction: string[] };
  isotonic: { proba: number[]; prediction: string[] };
}

const CASES = [
  { name: 'binary', label: 'y' },
  { name: 'multiclass', label: 'species' },
] as const;
type Method = 'sigmoid' | 'isotonic';
/** Isotonic is exact arithmetic on the same inputs; Platt's optimum and sklearn's BFGS (gtol 1e-5) differ a little. */
const TOLERANCE: Record<Method, number> = { isotonic: 1e-9, sigmoid: 1e-4 };

let tmp: ReturnType<typeof makeTempDir>;
let history: string;
beforeAll(() => {
  tmp = makeTempDir('es-calibrate-cli-');
  history = join(tmp.dir, 'history.sqlite');
});
afterAll(() => tmp.cleanup());

async function cli(args: string[]): Promise<Record<string, unknown>> {
  const r = await runCli([...args, '--history', history, '--json']);
  expect(r.code, `${args[0]} failed: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

function expectedOf(name: string): Expected {
  return JSON.parse(readFileSync(join(DIR, `${name}_expected.json`), 'utf8')) as Expected;
}

async function calibrate(
  name: string,
  label: string,
  method: Method,
  spec = join(DIR, `${name}.ensemble.json`),
) {
  const output = join(tmp.dir, `${name}-${method}-${Math.random().toString(36).slice(2)}.ensemble.json`);
  const result = await cli([
    'optimize',
    '--ensemble',
    spec,
    '--input',
    join(DIR, `${name}_holdout.csv`),
    '--label',
    label,
    '--method',
    'calibrate',
    '--calibration',
    method,
    '--output',
    output,
    '--threads',
    '1',
  ]);
  return { output, result };
}

/** Scores the test file: probabilities row-major, predictions, and each member's probabilities. */
async function score(spec: string, name: string, classes: readonly string[]) {
  const output = join(tmp.dir, `${name}-${Math.random().toString(36).slice(2)}.scored.csv`);
  await cli([
    'score',
    '--ensemble',
    spec,
    '--input',
    join(DIR, `${name}_test.csv`),
    '--output',
    output,
    '--members',
  ]);
  const columns = await readOutputColumns(output);
  const rowMajor = (prefix: string) => {
    const cols = classes.map((c) => columns.get(`${prefix}proba_${c}`)!.map(Number));
    return cols[0]!.flatMap((_, r) => cols.map((col) => col[r]!));
  };
  return {
    proba: rowMajor(''),
    prediction: columns.get('prediction')!,
    member: (m: string) => rowMajor(`${m}.`),
  };
}

/** The fused model run by plain onnxruntime-node on the test file's columns. */
async function runFused(
  path: string,
  inputs: { name: string; columns: string[]; type: string }[],
  csv: string,
) {
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of inputs) {
    expect(input.type).toBe('float32');
    const idx = input.columns.map((c) => header.indexOf(c));
    const data = Float32Array.from(rows.flatMap((row) => idx.map((i) => Number(row[i]))));
    feeds[input.name] = new ort.Tensor('float32', data, [rows.length, idx.length]);
  }
  const session = await ort.InferenceSession.create(path, { intraOpNumThreads: 1 });
  try {
    const out = await session.run(feeds);
    return {
      proba: Array.from(out.probabilities!.data as Float32Array),
      labels: Array.from(out.label!.data as ArrayLike<string | bigint>, String),
    };
  } finally {
    await session.release();
  }
}

describe.each(CASES)('calibrating the $name ensemble', ({ name, label }) => {
  const expected = expectedOf(name);

  it.each(['isotonic', 'sigmoid'] as const)(
    '%s: scores equal CalibratedClassifierCV(prefit); the fused export equals the app',
    async (method) => {
      const { output, result } = await calibrate(name, label, method);
      expect(result.method).toBe('calibrate');
      const spec = JSON.parse(readFileSync(output, 'utf8')) as EnsembleSpec;
      expect(spec.calibration?.method).toBe(method);
      expect(spec.calibration?.maps).toHaveLength(
        expected.classes.length === 2 ? 1 : expected.classes.length,
      );
      // Members and combiner are unchanged.
      const original = JSON.parse(readFileSync(join(DIR, `${name}.ensemble.json`), 'utf8')) as EnsembleSpec;
      expect(spec.combiner).toEqual(original.combiner);
      expect(spec.members.map((m) => m.weight)).toEqual(original.members.map((m) => m.weight));

      const scored = await score(output, name, expected.classes);
      // The reference saw the members' float32 outputs exactly as the app's ONNX Runtime gives them.
      for (const m of Object.keys(expected.members))
        expectWithin(scored.member(m), expected.members[m]!, 0, `${name} member ${m}`);
      expectWithin(
        scored.proba,
        expected[method].proba,
        TOLERANCE[method],
        `${name} ${method} probabilities`,
      );
      expect(scored.prediction).toEqual(expected[method].prediction);

      // Before/after on the hold-out: the produced spec's metrics and the parent's.
      const before = (result.before as { metrics: { ensemble: Record<string, number> } }).metrics.ensemble;
      const after = (result.after as { metrics: { ensemble: Record<string, number> } }).metrics.ensemble;
      expect(after.log_loss).toBeLessThan(before.log_loss!);
      // The Brier score is the binary one (P of the second class); multiclass evaluations have none.
      if (expected.classes.length === 2) expect(after.brier).toBeLessThan(before.brier!);

      const fusedPath = join(tmp.dir, `${name}-${method}.onnx`);
      const exported = (await cli([
        'export',
        '--ensemble',
        output,
        '--output',
        fusedPath,
        '--check',
        join(DIR, `${name}_test.csv`),
        '--overwrite',
      ])) as {
        inputs: { name: string; columns: string[]; type: string }[];
        parity: { maxAbsDiff: number; agreement: number };
      };
      expect(exported.parity.maxAbsDiff).toBeLessThanOrEqual(1e-5);
      expect(exported.parity.agreement).toBe(1);
      const fused = await runFused(fusedPath, exported.inputs, join(DIR, `${name}_test.csv`));
      expectWithin(fused.proba, scored.proba, 1e-5, `${name} ${method} fused vs app`);
      expect(fused.labels).toEqual(scored.prediction);
      // The file says which calibration it carries.
      const meta = parseModel(readFileSync(fusedPath)).metadataProps.find(
        (p) => p.key === 'ensemble-studio.calibration',
      );
      expect(JSON.parse(meta?.value ?? 'null')).toEqual(spec.calibration);
    },
  );
});

describe('recalibrating and re-optimising a calibrated spec', () => {
  it('calibrate on a calibrated spec replaces its map with one fitted on the uncalibrated output', async () => {
    const first = await calibrate('binary', 'y', 'sigmoid');
    const again = await calibrate('binary', 'y', 'isotonic', first.output);
    expect(again.result.warnings).toEqual([
      expect.stringMatching(/sigmoid calibration was replaced by a isotonic/),
    ]);
    const fresh = await calibrate('binary', 'y', 'isotonic');
    const replaced = JSON.parse(readFileSync(again.output, 'utf8')) as EnsembleSpec;
    const direct = JSON.parse(readFileSync(fresh.output, 'utf8')) as EnsembleSpec;
    expect(replaced.calibration).toEqual(direct.calibration);
  });

  it('greedy weights on a calibrated spec leave the stale map out, with a warning', async () => {
    const calibrated = await calibrate('binary', 'y', 'isotonic');
    const output = join(tmp.dir, 'greedy.ensemble.json');
    const result = await cli([
      'optimize',
      '--ensemble',
      calibrated.output,
      '--input',
      join(DIR, 'binary_holdout.csv'),
      '--label',
      'y',
      '--method',
      'greedy',
      '--size',
      '5',
      '--output',
      output,
    ]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/isotonic calibration was left out of the new spec/),
    ]);
    expect((JSON.parse(readFileSync(output, 'utf8')) as EnsembleSpec).calibration).toBeUndefined();
  });

  it('evaluate on the hold-out is in-sample; a what-if keeping the combiner keeps the map', async () => {
    const { output, result } = await calibrate('binary', 'y', 'isotonic');
    const evaluated = (await cli([
      'evaluate',
      '--ensemble',
      output,
      '--input',
      join(DIR, 'binary_holdout.csv'),
      '--label',
      'y',
    ])) as {
      runId: number;
      inSample?: boolean;
      evaluation: { metrics: { ensemble: Record<string, number> } };
    };
    // The calibrate run fitted this spec on this file.
    expect(evaluated.inSample).toBe(true);
    // evaluate scores with the map: the same numbers as the calibrate run's "after".
    const after = (result.after as { metrics: { ensemble: Record<string, number> } }).metrics.ensemble;
    expect(evaluated.evaluation.metrics.ensemble.log_loss).toBe(after.log_loss);

    // Unchanged weights: the what-if equals the evaluation, map included.
    type WhatIf = {
      whatIf: { after: { metrics: { ensemble: Record<string, number> } }; spec: EnsembleSpec };
    };
    const whatIf = async (...change: string[]) =>
      ((await cli(['whatif', '--run', String(evaluated.runId), ...change])) as WhatIf).whatIf;
    const same = await whatIf('--weights', 'm1=1');
    expect(same.after.metrics.ensemble).toEqual(evaluated.evaluation.metrics.ensemble);
    expect(same.spec.calibration?.method).toBe('isotonic');
    // Another combiner: the map, fitted on the soft vote, is left out.
    const other = await whatIf('--combiner', 'geometric_mean');
    expect(other.spec.calibration).toBeUndefined();
  });

  it('refuses a regression ensemble and names why', async () => {
    const r = await runCli([
      'optimize',
      '--ensemble',
      join(REPO, 'test', 'corpus', 'scoring', 'regression-mean', 'ensemble.json'),
      '--input',
      join(REPO, 'test', 'corpus', 'scoring', 'regression-mean', 'data.csv'),
      '--label',
      'progression',
      '--method',
      'calibrate',
      '--output',
      join(tmp.dir, 'never.json'),
      '--history',
      history,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/calibration applies to classification ensembles, this one is regression/);
  });
});
