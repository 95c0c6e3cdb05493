/**
 * Carrying an ensemble elsewhere, through the real command line: `export` writes one fused ONNX
 * file that plain ONNX Runtime runs to scikit-learn's numbers, and `precision` reports a lighter
 * variant against the original — both recorded in the history.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataset } from '../../../main/data/open-dataset';
import { makeTempDir } from '../../support/temp-dir';
import { REPO, runCli } from '../../support/run-cli';
import { DEMO } from '../../support/demo-data';

const CASE = join(REPO, 'test', 'corpus', 'scoring', 'binary-soft-int');
let tmp: ReturnType<typeof makeTempDir>;
let history: string;
beforeAll(() => {
  tmp = makeTempDir('es-export-');
  history = join(tmp.dir, 'history.sqlite');
});
afterAll(() => tmp.cleanup());

describe('export', () => {
  it('writes a fused model that plain onnxruntime-node runs to scikit-learn’s probabilities', async () => {
    const output = join(tmp.dir, 'fused.onnx');
    const r = await runCli([
      'export',
      '--ensemble',
      join(CASE, 'ensemble.json'),
      '--output',
      output,
      '--check',
      join(CASE, 'data.csv'),
      '--json',
      '--history',
      history,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as {
      parity: { maxAbsDiff: number; agreement: number; rows: number };
      inputs: { name: string; columns: string[] }[];
      opsets: { domain: string; version: number }[];
      runId: number;
    };
    expect(result.parity.rows).toBe(300);
    expect(result.parity.maxAbsDiff).toBeLessThan(1e-6);
    expect(result.parity.agreement).toBe(1);
    // Members at default-domain opsets 13, 14 and 15 fuse at 15.
    expect(result.opsets.find((o) => o.domain === 'ai.onnx')?.version).toBe(15);

    // Plain ONNX Runtime, nothing of the app but a CSV reader: feed each column as [N,1].
    const expected = JSON.parse(readFileSync(join(CASE, 'expected.json'), 'utf8')) as {
      output: Record<string, (string | number)[]>;
    };
    const session = await ort.InferenceSession.create(output);
    const reader = await openDataset(join(CASE, 'data.csv'));
    const columns = new Map(result.inputs.map((i) => [i.columns[0]!, 'float32' as const]));
    const probabilities: number[] = [];
    const labels: string[] = [];
    for await (const chunk of reader.chunks({ columns })) {
      const feeds: Record<string, ort.Tensor> = {};
      for (const input of result.inputs) {
        const column = chunk.columns.get(input.columns[0]!)!;
        feeds[input.name] = new ort.Tensor('float32', column.values as Float32Array, [chunk.rowCount, 1]);
      }
      const out = await session.run(feeds);
      probabilities.push(...(out.probabilities!.data as Float32Array));
      labels.push(...Array.from(out.label!.data as ArrayLike<unknown>, String));
    }
    await session.release();
    expect(labels).toEqual(expected.output.prediction!.map(String));
    let worst = 0;
    expected.output['proba_1']!.forEach((p, row) => {
      worst = Math.max(worst, Math.abs(probabilities[row * 2 + 1]! - Number(p)));
    });
    expect(worst).toBeLessThan(1e-5);

    const show = await runCli(['history', 'show', String(result.runId), '--json', '--history', history]);
    expect((JSON.parse(show.stdout) as { kind: string; status: string }).kind).toBe('export');
  });

  it('refuses an ensemble it cannot express, with nothing at the output path', async () => {
    const spec = JSON.parse(readFileSync(join(CASE, 'ensemble.json'), 'utf8')) as Record<string, unknown>;
    // rank_mean ranks against the whole file: no single-row model can compute it.
    const rankSpec = join(tmp.dir, 'rank.ensemble.json');
    const members = (spec.members as { model: string }[]).map((m) => ({
      ...m,
      model: relative(tmp.dir, join(CASE, m.model)),
    }));
    writeFileSync(rankSpec, JSON.stringify({ ...spec, members, combiner: { method: 'rank_mean' } }));
    const output = join(tmp.dir, 'rank.onnx');
    const r = await runCli(['export', '--ensemble', rankSpec, '--output', output, '--history', history]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rank_mean/);
    expect(existsSync(output)).toBe(false);
  });
});

describe('precision', () => {
  for (const variant of ['float16', 'int8'] as const) {
    it(`${variant}: prints size, rows/s, difference and agreement, and records the run`, async () => {
      const output = join(tmp.dir, `mlp-${variant}.onnx`);
      const args = [
        'precision',
        '--ensemble',
        join(DEMO, 'demo.ensemble.json'),
        '--input',
        join(DEMO, 'breast_cancer.csv'),
        '--member',
        'mlp',
        '--variant',
        variant,
        '--label',
        'diagnosis',
        '--output',
        output,
        '--history',
        history,
      ];
      const text = await runCli(args);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/size \(bytes\)/);
      expect(text.stdout).toMatch(/rows\/s/);
      expect(text.stdout).toMatch(/largest difference/);
      expect(text.stdout).toMatch(/predictions agree on/);
      expect(existsSync(output)).toBe(true);

      // The same output again: replacing it is asked for.
      const json = await runCli([...args, '--json', '--overwrite']);
      const result = JSON.parse(json.stdout) as {
        runId: number;
        precision: {
          original: { sizeBytes: number };
          variant: { sizeBytes: number };
          maxAbsDiff: number;
          agreement: number;
        };
      };
      expect(result.precision.variant.sizeBytes).toBeLessThan(result.precision.original.sizeBytes);
      expect(result.precision.maxAbsDiff).toBeLessThan(variant === 'float16' ? 1e-2 : 5e-2);
      expect(result.precision.agreement).toBeGreaterThan(0.98);
      const list = await runCli(['history', 'list', '--kind', 'precision', '--json', '--history', history]);
      const runs = JSON.parse(list.stdout) as { id: number; status: string }[];
      expect(runs.find((run) => run.id === result.runId)?.status).toBe('succeeded');
    });
  }
});
