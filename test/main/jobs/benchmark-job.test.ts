/**
 * `providers --benchmark`: the sample it reports is the one it scored, a provider that fell back to
 * CPU shows no rate of its own, and `--save-optimized DIR` writes only inside DIR, refusing files
 * already there unless asked to replace them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SPEC_FORMAT, type EnsembleSpec } from '../../../contract/ensemble-spec';
import { runBenchmarkJob } from '../../../main/jobs/benchmark-job';
import type { JobContext } from '../../../main/jobs/job-context';
import type { JobRequest } from '../../../main/jobs/protocol';
import { listProviders } from '../../../main/runtime/providers';
import { writeExternalModel } from '../model/external-model';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'benchmark-'));
  writeExternalModel(dir, { name: 'linear.onnx' });
  const lines = ['a,b', ...Array.from({ length: 30 }, (_, i) => `${i},${i / 2}`)];
  writeFileSync(join(dir, 'data.csv'), lines.join('\n') + '\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ctx: JobContext = { jobId: 'b1', signal: new AbortController().signal, progress: () => {} };

function request(names: string[], extra: Partial<JobRequest<'benchmark'>> = {}): JobRequest<'benchmark'> {
  const spec: EnsembleSpec = {
    format: SPEC_FORMAT,
    name: 'bench',
    task: 'regression',
    members: names.map((name) => ({ name, model: 'linear.onnx', weight: 1, inputs: { x: ['a', 'b'] } })),
    combiner: { method: 'mean' },
  };
  return {
    kind: 'benchmark',
    spec,
    baseDir: dir,
    input: join(dir, 'data.csv'),
    provider: 'cpu',
    overwrite: false,
    benchmarkProviders: ['cpu'],
    benchmarkThreads: [1],
    sampleRows: 20,
    ...extra,
  };
}

describe('benchmark job', () => {
  it('reports the rows it actually scored: the sample asked for, or the whole file when shorter', async () => {
    expect((await runBenchmarkJob(request(['m']), ctx)).rows).toBe(20);
    expect((await runBenchmarkJob(request(['m'], { sampleRows: 1000 }), ctx)).rows).toBe(30);
  });

  it('a provider that fell back to cpu has no rate of its own, only its warning', async () => {
    if (listProviders().find((p) => p.name === 'cuda')?.available) return; // CUDA really runs here
    const result = await runBenchmarkJob(request(['m'], { benchmarkProviders: ['cpu', 'cuda'] }), ctx);
    const cuda = result.entries.find((e) => e.provider === 'cuda')!;
    expect(cuda).toMatchObject({ providerUsed: 'cpu', ok: false, rowsPerSec: null });
    expect(cuda.warning).toMatch(/cuda is not available here/);
    expect(result.best?.provider).toBe('cpu');
    expect(result.metrics.map((m) => m.scope)).toEqual(['cpu×1']);
  });

  it('saves optimised models only inside the folder, with safe names, even for a member named ../../x', async () => {
    const out = join(dir, 'nested', 'out');
    const result = await runBenchmarkJob(request(['../../x', 'a/b', 'A/B'], { saveOptimizedDir: out }), ctx);
    const files = readdirSync(out).sort();
    expect(files).toEqual(
      ['A_B-2.cpu.optimized.onnx', '___.._x.cpu.optimized.onnx', 'a_b.cpu.optimized.onnx'].sort(),
    );
    expect(result.optimizedModels.map((m) => m.path).every((p) => p.startsWith(out + '/'))).toBe(true);
    // Nothing was written beside the folder or above it.
    expect(readdirSync(dir).sort()).toEqual(['data.csv', 'linear.onnx', 'nested', 'weights.bin']);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['out']);
  });

  it('refuses optimised models already in the folder unless asked to overwrite, before running', async () => {
    const out = join(dir, 'out');
    await runBenchmarkJob(request(['m'], { saveOptimizedDir: out }), ctx);
    const file = join(out, 'm.cpu.optimized.onnx');
    writeFileSync(file, 'keep me');
    await expect(runBenchmarkJob(request(['m'], { saveOptimizedDir: out }), ctx)).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(/m\.cpu\.optimized\.onnx already exists: .*--overwrite/),
    });
    expect(readFileSync(file, 'utf8')).toBe('keep me');

    await runBenchmarkJob(request(['m'], { saveOptimizedDir: out, overwrite: true }), ctx);
    expect(statSync(file).size).toBeGreaterThan(7);
  });
});
