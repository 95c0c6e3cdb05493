/**
 * Dev-only fake `window.studio`: canned answers shaped like the engine's, and jobs that report
 * progress on a timer. For working on the UI without ONNX Runtime; never shipped.
 */
import type { CallName, EventMap, EventName, FinishedJobResult, StudioApi } from '../../contract/contract';
import type { ModelInfo } from '../src/types';
import { SERVICE_STOPPED } from '../../contract/service-types';
import { evaluation, fakeBenchmark, fakeExport, fakePrecision } from './fake-results';

const COLUMNS = ['age', 'income', 'balance', 'tenure', 'churned'];

/** A monitoring result with one drifted column, so the Monitor page draws every state. */
function fakeMonitor(input: Record<string, unknown>) {
  const side = (path: unknown, shift: number) => ({
    path: String(path),
    rows: 250_000,
    classShares: { '0': 0.6 - shift, '1': 0.4 + shift },
    disagreement: 0.05 + shift,
    estimatedAccuracy: 0.91 - shift,
    measured: shift ? null : { accuracy: 0.9 },
  });
  const counts = { rows: 250_000, present: 250_000, missingShare: 0 };
  const drift = (psi: number, severity: string) => ({
    type: 'numeric',
    ks: psi / 4,
    wasserstein: psi * 3,
    psi,
    severity,
    reference: counts,
    current: counts,
    psiBins: { edges: [], reference: [], current: [] },
    histogram: {
      edges: [0, 1, 2, 3, 4, 5],
      reference: [5, 20, 40, 25, 10],
      current: [2, 8, 30, 35, 25].map((n) => n + psi),
    },
  });
  return {
    thresholds: { moderate: 0.1, major: 0.25 },
    reference: side(input.reference, 0),
    current: side(input.current, 0.04),
    features: COLUMNS.slice(0, 4).map((name, i) => ({
      name,
      ...drift([0.02, 0.4, 0.12, 0][i] ?? 0, ['stable', 'major', 'moderate', 'stable'][i] ?? 'stable'),
    })),
    predictions: [{ name: 'ensemble P(1)', source: 'ensemble', class: '1', ...drift(0.15, 'moderate') }],
    severityCounts: { stable: 2, moderate: 2, major: 1, unknown: 0 },
    warnings: [],
  };
}
const WORKSPACE_KEY = 'fake-studio-workspace';

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

export function installFakeStudio(): void {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const emit = <E extends EventName>(e: E, p: EventMap[E]) => listeners.get(e)?.forEach((l) => l(p));
  const runs: Record<string, unknown>[] = [];
  let nextRun = 1;

  function startJob(
    kind: 'score' | 'evaluate' | 'optimize' | 'export' | 'precision' | 'benchmark' | 'monitor',
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
                    : kind === 'monitor'
                      ? fakeMonitor(input)
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
        // Canned, not the host's full result: the pages read only what is shown here.
        emit('job.finished', {
          jobId,
          runId,
          status: 'succeeded',
          result: {
            kind,
            runId,
            report: null,
            enginePeakRssBytes: 0,
            ...result,
          } as unknown as FinishedJobResult,
        });
      }
    }, 300);
    cancels.set(jobId, () => {
      clearInterval(timer);
      emit('job.finished', {
        jobId,
        runId,
        status: 'cancelled',
        error: {
          code: 'cancelled',
          message: `Cancelled after ${done.toLocaleString('en')} of ${total.toLocaleString('en')} rows`,
        },
      });
    });
    return Promise.resolve({ jobId, runId });
  }
  const cancels = new Map<string, () => void>();
  const realEngineOnly = async (): Promise<never> => {
    throw Object.assign(new Error('The dev fake has no engine for this: use `npm run serve`.'), {
      code: 'bad_input',
    });
  };

  const handlers: Record<CallName, (input: Record<string, unknown>) => Promise<unknown>> = {
    'app.info': async () => ({
      appVersion: 'dev',
      onnxruntimeVersion: 'fake',
      historyPath: '(memory)',
      providers: [
        { name: 'cpu', bundled: true, available: true, reason: null },
        { name: 'webgpu', bundled: true, available: false, reason: 'no GPU adapter on this machine' },
        { name: 'cuda', bundled: false, available: false, reason: 'not in this build' },
      ],
      cores: 4,
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
      problems: [],
      emptiness: null,
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
    'jobs.monitor': (i) => startJob('monitor', i),
    // The dev fake keeps no member scores: recorded what-ifs need the real engine.
    'jobs.whatif': async () => {
      throw Object.assign(new Error('The dev fake does not keep member scores: use `npm run serve`.'), {
        code: 'bad_input',
      });
    },
    'jobs.cancel': async ({ jobId }) => {
      cancels.get(String(jobId))?.();
      return { cancelled: true };
    },
    'history.list': async () => runs,
    'history.show': async ({ id }) => runs.find((r) => r.id === id) ?? null,
    // The workspace lives in the dev page's localStorage, so a reload keeps it as the app does.
    'workspace.load': async () => {
      const saved = localStorage.getItem(WORKSPACE_KEY);
      return saved
        ? (JSON.parse(saved) as { state: unknown; savedAt: string })
        : { state: null, savedAt: null };
    },
    'workspace.save': async ({ state }) => {
      const savedAt = new Date().toISOString();
      localStorage.setItem(WORKSPACE_KEY, JSON.stringify({ state, savedAt }));
      return { savedAt };
    },
    'whatif.preview': async () => {
      throw Object.assign(new Error('The dev fake does not keep member scores: use `npm run serve`.'), {
        code: 'bad_input',
      });
    },
    'history.compare': async ({ a, b }) => ({
      a: runs.find((r) => r.id === a),
      b: runs.find((r) => r.id === b),
      metrics: [],
      differences: [],
    }),
    // Bundles, the scoring service, migrations and merges touch real files and processes.
    'jobs.migrate': realEngineOnly,
    'bundles.create': realEngineOnly,
    'bundles.verify': realEngineOnly,
    'bundles.open': realEngineOnly,
    'bundles.keygen': realEngineOnly,
    'service.start': realEngineOnly,
    'service.stop': realEngineOnly,
    'service.status': async () => ({ ...SERVICE_STOPPED }),
    'shards.merge': realEngineOnly,
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
