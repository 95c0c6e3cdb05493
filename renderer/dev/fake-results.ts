/** Dev-only canned job results for the fake `window.studio` (fake-studio.ts), shaped like the engine's. */

const curve = (n: number, bend: number) => Array.from({ length: n }, (_, i) => (i / (n - 1)) ** bend);

export function evaluation(names: string[]) {
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

export function fakeExport(input: Record<string, unknown>) {
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

export function fakePrecision(input: Record<string, unknown>) {
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

export function fakeBenchmark(input: Record<string, unknown>) {
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
