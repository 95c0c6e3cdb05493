/** The command line end to end: inspect, provider fallback, and the history commands. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { runCli } from '../../support/run-cli';
import { DEMO } from '../../support/demo-data';
import type { ModelInfo } from '../../../contract/model-types';

let tmp: ReturnType<typeof makeTempDir>;
let history: string;
beforeAll(() => {
  tmp = makeTempDir('es-cmd-');
  history = join(tmp.dir, 'history.sqlite');
});
afterAll(() => tmp.cleanup());

const score = (extra: string[], out: string) =>
  runCli([
    'score',
    '--ensemble',
    join(DEMO, 'demo.ensemble.json'),
    '--input',
    join(DEMO, 'breast_cancer.csv'),
    '--output',
    join(tmp.dir, out),
    '--history',
    history,
    ...extra,
  ]);

describe('inspect', () => {
  it('--json of a ZipMap model reports its class labels and a probabilities output', async () => {
    const r = await runCli(['inspect', join(DEMO, 'models', 'logreg.onnx'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout) as ModelInfo;
    expect(info.detected.classes).toEqual(['0', '1']);
    expect(info.detected.scoreKind).toBe('probabilities');
    expect(info.detected.zipMapRewritten).toBe(true);
    const scores = info.outputs.find((o) => o.name === info.detected.scoreOutput);
    expect(scores?.valueKind).toBe('tensor');
    expect(scores?.elementType).toBe('float');
    expect(info.originalOutputs.find((o) => o.name === info.detected.scoreOutput)?.valueKind).toBe(
      'sequence',
    );
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(info.inputs[0]).toMatchObject({ name: 'float_input', elementType: 'float' });
  });

  it('prints a readable summary without --json', async () => {
    const r = await runCli(['inspect', join(DEMO, 'models', 'forest.onnx')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ai.onnx.ml:TreeEnsembleClassifier');
    expect(r.stdout).toMatch(/classes 0, 1/);
  });

  it('a file that is not ONNX: exit 1 naming the file', async () => {
    const r = await runCli(['inspect', join(DEMO, 'breast_cancer.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('breast_cancer.csv');
  });
});

describe('execution providers', () => {
  it('a GPU provider that cannot start falls back to CPU with one clear warning, recorded in the run', async () => {
    const r = await score(['--provider', 'webgpu', '--json'], 'webgpu.csv');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { providerUsed: string; warnings: string[]; runId: number };
    // On a machine with a GPU adapter WebGPU starts and there is nothing to warn about.
    if (result.providerUsed === 'cpu') {
      expect(result.warnings.join('\n')).toMatch(/webgpu.*using cpu/);
      const show = await runCli(['history', 'show', String(result.runId), '--json', '--history', history]);
      const run = JSON.parse(show.stdout) as {
        providerRequested: string;
        providerUsed: string;
        warnings: string[];
      };
      expect(run.providerRequested).toBe('webgpu');
      expect(run.providerUsed).toBe('cpu');
      expect(run.warnings.join('\n')).toMatch(/webgpu/);
    } else {
      expect(result.providerUsed).toBe('webgpu');
    }
  });

  it('an unknown provider is a usage error', async () => {
    const r = await score(['--provider', 'tpu'], 'tpu.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('provider');
  });
});

describe('history', () => {
  it('list, show and compare, in text and --json', async () => {
    const a = await score(['--json', '--threads', '1'], 'a.csv');
    const b = await score(['--json', '--label', 'diagnosis'], 'b.csv');
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const idA = (JSON.parse(a.stdout) as { runId: number }).runId;
    const idB = (JSON.parse(b.stdout) as { runId: number }).runId;

    const list = await runCli(['history', 'list', '--json', '--history', history]);
    const runs = JSON.parse(list.stdout) as { id: number; status: string; kind: string }[];
    expect(runs.map((r) => r.id)).toEqual(expect.arrayContaining([idA, idB]));
    expect(runs.find((r) => r.id === idB)).toMatchObject({ status: 'succeeded', kind: 'score' });

    const text = await runCli(['history', '--history', history]);
    expect(text.stdout).toContain('succeeded');

    const show = await runCli(['history', 'show', String(idB), '--json', '--history', history]);
    const detail = JSON.parse(show.stdout) as {
      metrics: { scope: string; name: string; value: number }[];
      rows: number;
    };
    expect(detail.rows).toBe(569);
    expect(
      detail.metrics.find((m) => m.scope === 'ensemble' && m.name === 'accuracy')?.value,
    ).toBeGreaterThan(0.9);

    const compare = await runCli([
      'history',
      'compare',
      String(idA),
      String(idB),
      '--json',
      '--history',
      history,
    ]);
    expect(compare.code).toBe(0);
    const comparison = JSON.parse(compare.stdout) as { differences: { field: string }[] };
    expect(comparison.differences.map((d) => d.field)).toContain('threads');

    const missing = await runCli(['history', 'show', '9999', '--history', history]);
    expect(missing.code).toBe(1);
  });
});
