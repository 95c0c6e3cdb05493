/**
 * Dev-only fake `window.studio`: canned answers shaped like the engine's, and jobs that report
 * progress on a timer. For working on the UI without ONNX Runtime; never shipped.
 */
import type { CallName, EventMap, EventName, StudioApi } from '../../preload/contract';
import type { ModelInfo } from '../src/types';

const COLUMNS = ['age', 'income', 'balance', 'tenure', 'churned'];

function model(path: string, width: number, classes: string[] | null): ModelInfo {
  const sig = (name: string, display: string, shape: (number | string | null)[]) => ({
    name,
    valueKind: 'tensor' as const,
    elementType: 'float',
    shape,
    display,
  });
  return {
    path,
    sizeBytes: 12_345 * width,
    sha256: 'ab12cd34ef56'.repeat(5) + 'abcd',
    irVersion: 8,
    opsets: [{ domain: '', version: 15 }],
    producer: { name: 'skl2onnx', version: '1.17.0' },
    domain: '',
    modelVersion: 0,
    docString: '',
    graphName: 'fake',
    metadata: {},
    inputs: [sig('float_input', `tensor(float)[?,${width}]`, [null, width])],
    outputs: [sig('output_probability', 'tensor(float)[?,2]', [null, 2])],
    originalOutputs: [sig('output_probability', 'tensor(float)[?,2]', [null, 2])],
    operatorCounts: { 'ai.onnx.ml:TreeEnsembleClassifier': 1, 'ai.onnx.ml:ZipMap': 1 },
    nodeCount: 2,
    initializerCount: 0,
    detected: {
      task: 'classification',
      classes,
      classLabelType: classes ? 'int64' : null,
      scoreOutput: 'output_probability',
      scoreKind: 'probabilities',
      labelOutput: null,
      zipMapRewritten: true,
      notes: ['Fake model from the dev scratch page.'],
    },
  };
}

const curve = (n: number, bend: number) => Array.from({ length: n }, (_, i) => (i / (n - 1)) ** bend);

function evaluation(names: string[]) {
  const metrics = (a: number) => ({ accuracy: a, log_loss: 1 - a, roc_auc: Math.min(1, a + 0.04) });
  const roc = (b: number) => [
    { className: '1', fpr: curve(20, 1), tpr: curve(20, b), thresholds: [], auc: 1 - b / 2 },
  ];
  const cal = [
    {
      className: '1',
      probPred: curve(10, 1),
      probTrue: curve(10, 1.2),
      counts: Array(10).fill(5),
      bins: [],
      nBins: 10,
    },
  ];
  return {
    task: 'classification',
    classes: ['0', '1'],
    rows: 500,
    unknownLabels: 0,
    classCounts: [300, 200],
    metrics: {
      ensemble: metrics(0.93),
      members: Object.fromEntries(names.map((n, i) => [n, metrics(0.9 - i * 0.02)])),
    },
    plots: {
      roc: { ensemble: roc(0.2), members: Object.fromEntries(names.map((n, i) => [n, roc(0.3 + i * 0.1)])) },
      calibration: { ensemble: cal, members: Object.fromEntries(names.map((n) => [n, cal])) },
      confusion: {
        ensemble: [
          [280, 20],
          [15, 185],
        ],
        members: Object.fromEntries(
          names.map((n) => [
            n,
            [
              [270, 30],
              [25, 175],
            ],
          ]),
        ),
      },
      correlation: { names, matrix: names.map((_, i) => names.map((_, j) => (i === j ? 1 : 0.8))) },
      disagreement: { names, matrix: names.map((_, i) => names.map((_, j) => (i === j ? 0 : 0.06))) },
    },
  };
}

function fakeExport(input: Record<string, unknown>) {
  return {
    output: String(input.output),
    outputSha256: 'beef'.repeat(16),
    rows: input.check ? 569 : 0,
    seconds: 1.2,
    sizeBytes: 412_345,
    layout: input.layout ?? 'per-column',
    classes: ['0', '1'],
    inputs:
      input.layout === 'matrix'
        ? [{ name: 'features', columns: Array.from({ length: 30 }, (_, i) => `c${i}`), type: 'float32' }]
        : Array.from({ length: 30 }, (_, i) => ({ name: `c${i}`, columns: [`c${i}`], type: 'float32' })),
    outputs: ['label', 'probabilities'],
    opsets: [
      { domain: 'ai.onnx', version: 15 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    parity: input.check ? { rows: 569, maxAbsDiff: 2.4e-7, agreement: 1, disagreements: [] } : null,
    warnings: [],
  };
}

function fakePrecision(input: Record<string, unknown>) {
  return {
    output: String(input.output),
    variant: input.variant,
    subject: typeof input.member === 'string' ? input.member : 'demo (fused)',
    rows: 569,
    precision: {
      output: 'probabilities',
      rows: 569,
      original: { sizeBytes: 90_112, rowsPerSec: 410_000 },
      variant: { sizeBytes: 46_080, rowsPerSec: 380_000 },
      sizeRatio: 0.511,
      maxAbsDiff: 3.1e-4,
      agreement: 1,
      accuracy: input.label ? { original: 0.965, variant: 0.965, change: 0 } : null,
    },
    changed: ['4 initializers stored as float16 (88000 → 44000 bytes of weights)'],
    warnings: [],
  };
}

function fakeBenchmark(input: Record<string, unknown>) {
  const providers = Array.isArray(input.providers) ? (input.providers as string[]) : ['cpu'];
  const threads = Array.isArray(input.threads) ? (input.threads as number[]) : [1, 2, 4];
  const entries = providers.flatMap((provider) =>
    threads.map((t) => ({
      provider,
      threads: t,
      providerUsed: provider === 'cpu' ? 'cpu' : 'cpu',
      ok: true,
      rowsPerSec: provider === 'cpu' ? 100_000 * Math.sqrt(t) : 90_000,
      loadSeconds: 0.08,
      warning: provider === 'cpu' ? null : `${provider} is not available here; ran on cpu`,
    })),
  );
  const best = entries
    .filter((e) => e.providerUsed === e.provider)
    .sort((a, b) => b.rowsPerSec - a.rowsPerSec)[0];
  return {
    rows: 20_000,
    entries,
    best: best ? { provider: best.provider, threads: best.threads, rowsPerSec: best.rowsPerSec } : null,
    optimizedModels: input.saveOptimizedDir
      ? [{ member: 'forest', provider: 'cpu', path: `${String(input.saveOptimizedDir)}/forest.cpu.onnx` }]
      : [],
  };
}

export function installFakeStudio(): void {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const emit = <E extends EventName>(e: E, p: EventMap[E]) => listeners.get(e)?.forEach((l) => l(p));
  const runs: Record<string, unknown>[] = [];
  let nextRun = 1;

  function startJob(
    kind: 'score' | 'evaluate' | 'optimize' | 'export' | 'precision' | 'benchmark',
    input: Record<string, unknown>,
  ) {
    const runId = nextRun++;
    const jobId = `job-${runId}`;
    const total = 250_000;
    let done = 0;
    const started = Date.now();
    runs.unshift({ id: runId, kind, status: 'running', startedAt: new Date().toISOString(), params: input });
    const timer = setInterval(() => {
      done = Math.min(total, done + 25_000);
      const elapsed = (Date.now() - started) / 1000;
      emit('job.progress', {
        jobId,
        phase: 'scoring',
        rowsDone: done,
        rowsTotal: total,
        rowsPerSec: done / Math.max(elapsed, 0.01),
        etaSeconds: ((total - done) / done) * elapsed,
        elapsedSeconds: elapsed,
      });
      if (done === total) {
        clearInterval(timer);
        const names = ['forest', 'logreg'];
        const result =
          kind === 'score'
            ? {
                rows: total,
                seconds: elapsed,
                rowsPerSec: total / elapsed,
                output: String(input.output),
                outputSha256: 'f00d'.repeat(16),
                classes: ['0', '1'],
                predictionCounts: { '0': 150_000, '1': 100_000 },
                providerRequested: 'cpu',
                providerUsed: 'cpu',
                warnings: [],
                members: names.map((name) => ({
                  name,
                  weight: 1,
                  provider: 'cpu',
                  agreement: 0.95,
                  means: [0.6, 0.4],
                })),
              }
            : kind === 'evaluate'
              ? { evaluation: evaluation(names) }
              : kind === 'export'
                ? fakeExport(input)
                : kind === 'precision'
                  ? fakePrecision(input)
                  : kind === 'benchmark'
                    ? fakeBenchmark(input)
                    : {
                        method: input.method,
                        output: input.output,
                        weights: { forest: 0.7, logreg: 0.3 },
                        trajectory: Array.from({ length: 20 }, (_, i) => ({
                          round: i + 1,
                          member: 'forest',
                          loss: 0.3 - 0.1 * (1 - 0.8 ** i),
                        })),
                        before: evaluation(names),
                        after: evaluation(names),
                      };
        Object.assign(runs.find((r) => r.id === runId) ?? {}, { status: 'succeeded', rows: total });
        emit('job.finished', { jobId, runId, status: 'succeeded', result });
      }
    }, 300);
    cancels.set(jobId, () => {
      clearInterval(timer);
      emit('job.finished', { jobId, runId, status: 'cancelled' });
    });
    return Promise.resolve({ jobId, runId });
  }
  const cancels = new Map<string, () => void>();

  const handlers: Record<CallName, (input: Record<string, unknown>) => Promise<unknown>> = {
    'app.info': async () => ({
      appVersion: 'dev',
      onnxruntimeVersion: 'fake',
      historyPath: '(memory)',
      providers: [{ name: 'cpu', bundled: true }],
    }),
    'models.inspect': async ({ path }) => {
      if (!String(path).endsWith('.onnx'))
        throw { code: 'model', message: `${String(path)}: not an ONNX model` };
      return model(String(path), COLUMNS.length - 1, String(path).includes('mlp') ? null : ['0', '1']);
    },
    'data.preview': async ({ path }) => ({
      info: {
        path,
        format: 'csv',
        sizeBytes: 123_456,
        rowCount: 5000,
        columns: COLUMNS.map((name) => ({ name, type: 'number', sourceType: 'DOUBLE' })),
      },
      rows: Array.from({ length: 1000 }, (_, r) =>
        COLUMNS.map((_, c) => (c === 4 ? r % 2 : +(((r * (c + 3)) % 97) / 7).toFixed(3))),
      ),
      summary: COLUMNS.map((name) => ({ name, type: 'DOUBLE', nulls: 0, min: 0, max: 13.8, mean: 6.9 })),
    }),
    'ensembles.load': async ({ path }) => ({
      path,
      spec: {
        format: 'ensemble-studio/ensemble@1',
        name: 'loaded',
        task: 'classification',
        members: [{ name: 'forest', model: 'forest.onnx', weight: 1 }],
        combiner: { method: 'soft_vote' },
      },
    }),
    'ensembles.save': async ({ path }) => ({ path }),
    'ensembles.check': async (input) => {
      const spec = (
        input.ensemble as { spec?: { members: { name: string; model: string; inputs?: unknown }[] } }
      ).spec;
      const members = spec?.members ?? [];
      const problems = members
        .filter((m) => !m.inputs)
        .map((m) => ({
          code: 'spec',
          message: `member '${m.name}' has no input mapping`,
          location: { member: m.name },
        }));
      return {
        ok: problems.length === 0,
        spec,
        classes: ['0', '1'],
        problems,
        members: members.map((m) => ({
          name: m.name,
          model: m.model,
          inputs: {},
          output: 'output_probability',
          outputKind: 'probabilities',
        })),
      };
    },
    'jobs.score': (i) => startJob('score', i),
    'jobs.evaluate': (i) => startJob('evaluate', i),
    'jobs.optimize': (i) => startJob('optimize', i),
    'jobs.export': (i) => startJob('export', i),
    'jobs.precision': (i) => startJob('precision', i),
    'jobs.benchmark': (i) => startJob('benchmark', i),
    'jobs.cancel': async ({ jobId }) => {
      cancels.get(String(jobId))?.();
      return { cancelled: true };
    },
    'history.list': async () => runs,
    'history.show': async ({ id }) => runs.find((r) => r.id === id) ?? null,
    'history.compare': async ({ a, b }) => ({
      a: runs.find((r) => r.id === a),
      b: runs.find((r) => r.id === b),
      metrics: [],
      differences: [],
    }),
  };

  const api = {
    ...Object.fromEntries(
      Object.entries(handlers).map(([k, f]) => [
        k,
        (input: unknown) => f((input ?? {}) as Record<string, unknown>),
      ]),
    ),
    on(event: EventName, listener: (p: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  } as unknown as StudioApi;
  window.studio = api;
}
