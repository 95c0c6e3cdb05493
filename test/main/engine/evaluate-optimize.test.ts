/**
 * The evaluate/optimize acceptance corpus (test/corpus/optimize, made by scripts/models/make_optimize_corpus.py)
 * through the real engine: real ONNX Runtime over converter-shaped scikit-learn models, tree
 * ensembles and PyTorch exports, compared with what scikit-learn computed.
 *   - evaluate: every metric equals scikit-learn's on the same (ONNX Runtime) predictions to 1e-9
 *     relative; confusion matrices equal; the plot data is there;
 *   - optimize greedy: the written weights are the reference algorithm's, exactly;
 *   - optimize stacking, then score: the probabilities of StackingClassifier(cv='prefit') to 1e-4;
 *   - refusals and unknown labels.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationResult } from '../../../contract/evaluation-types';
import type { EnsembleSpec } from '../../../contract/ensemble-spec';
import { REPO } from '../../support/run-cli';
import { readOutputColumns } from '../../support/read-output';
import { runJob, startTestEngine, type TestEngine } from '../../support/engine';

const CORPUS = join(REPO, 'test', 'corpus', 'optimize');
const CASES = ['binary', 'multiclass-strings', 'regression'] as const;
const METRIC_TOLERANCE = 1e-9;
const STACKING_TOLERANCE = 1e-4;
/**
 * The expected values were computed on ONNX Runtime's outputs with one intra-op thread. With more,
 * TreeEnsemble* splits the trees between threads and sums their shares in another order, which
 * moves some probabilities by one float32 ulp (1.2e-7) — enough to move a log loss by ~1e-8
 * relative. One thread makes "the same predictions" literally the same.
 */
const THREADS = 1;

interface Curve {
  classIndex: number;
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}
interface Expected {
  spec: string;
  holdout: string;
  score: string;
  task: 'classification' | 'regression';
  classes: string[] | null;
  label: string;
  holdoutRows: number;
  scoreRows: number;
  metrics: { ensemble: Record<string, number>; members: Record<string, Record<string, number>> };
  confusion?: { ensemble: number[][]; members: Record<string, number[][]> };
  ensembleCurves?: {
    roc: Curve[];
    calibration: { classIndex: number; probTrue: number[]; probPred: number[] }[];
  };
  diversity: { names: string[]; correlation: number[][]; disagreement: number[][] | null };
  greedy: {
    size: number;
    metric: string;
    weights: Record<string, number>;
    counts: Record<string, number>;
    trajectory: { round: number; member: string; loss: number }[];
  };
  stacking: {
    coef: number[][] | number[];
    intercept: number[] | number;
    prediction: (string | number)[];
    proba?: Record<string, number[]>;
  };
}

const load = (name: string): Expected =>
  JSON.parse(readFileSync(join(CORPUS, name, 'expected.json'), 'utf8')) as Expected;

/** |a − e| / |e| (absolute where e is 0). */
function relative(a: number, e: number): number {
  if (a === e) return 0;
  return e === 0 ? Math.abs(a) : Math.abs(a - e) / Math.abs(e);
}

/** Worst relative difference over two equally shaped (nested) arrays of numbers. */
function worstOf(actual: unknown, expected: unknown, what: string): number {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), what).toBe(true);
    expect((actual as unknown[]).length, `${what}: length`).toBe(expected.length);
    return expected.reduce<number>(
      (w, e, i) => Math.max(w, worstOf((actual as unknown[])[i], e, `${what}[${i}]`)),
      0,
    );
  }
  expect(typeof actual, what).toBe('number');
  return relative(actual as number, expected as number);
}

/** The largest differences seen, printed at the end for the record. */
const measured: Record<string, number> = {};
const note = (key: string, value: number) => (measured[key] = Math.max(measured[key] ?? 0, value));

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => {
  console.log('measured max differences:\n' + JSON.stringify(measured, null, 2));
  await t.close();
});

describe('evaluate equals scikit-learn on the same predictions', () => {
  for (const name of CASES) {
    it(name, async () => {
      const e = load(name);
      const dir = join(CORPUS, name);
      const finished = await runJob(t.engine, 'jobs.evaluate', {
        ensemble: { specPath: join(dir, e.spec) },
        input: join(dir, e.holdout),
        label: e.label,
        threads: THREADS,
      });
      expect(finished.error).toBeUndefined();
      expect(finished.status).toBe('succeeded');
      const result = (finished.result as { evaluation: EvaluationResult }).evaluation;
      // Plain JSON, as the UI and `--json` get it.
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      expect(result.task).toBe(e.task);
      expect(result.classes).toEqual(e.classes);
      expect(result.rows).toBe(e.holdoutRows);
      expect(result.unknownLabels).toBe(0);

      const scopes: [string, Record<string, number>, Record<string, number | null> | undefined][] = [
        ['ensemble', e.metrics.ensemble, result.metrics.ensemble],
        ...Object.entries(e.metrics.members).map(
          ([member, m]) =>
            [member, m, result.metrics.members[member]] as [
              string,
              Record<string, number>,
              Record<string, number | null> | undefined,
            ],
        ),
      ];
      expect(Object.keys(result.metrics.members)).toEqual(Object.keys(e.metrics.members));
      let worst = 0;
      for (const [scope, want, got] of scopes) {
        expect(got, scope).toBeDefined();
        // Every metric the app defines for this task is one scikit-learn computed, and vice versa.
        const defined = Object.entries(got!)
          .filter(([, v]) => v !== null)
          .map(([k]) => k)
          .sort();
        expect(defined, `${scope}: metrics`).toEqual(Object.keys(want).sort());
        for (const [metric, value] of Object.entries(want)) {
          const diff = relative(got![metric] as number, value);
          expect(diff, `${scope} ${metric}: ${got![metric]} vs sklearn ${value}`).toBeLessThanOrEqual(
            METRIC_TOLERANCE,
          );
          worst = Math.max(worst, diff);
        }
      }
      note(`metrics (${name}), relative`, worst);

      // Diversity: np.corrcoef and the disagreement rate.
      expect(result.plots.correlation.names).toEqual(e.diversity.names);
      const corr = worstOf(result.plots.correlation.matrix, e.diversity.correlation, 'correlation');
      expect(corr).toBeLessThanOrEqual(METRIC_TOLERANCE);
      note(`correlation (${name}), relative`, corr);

      if (e.task === 'classification') {
        expect(result.plots.disagreement!.names).toEqual(e.diversity.names);
        expect(worstOf(result.plots.disagreement!.matrix, e.diversity.disagreement, 'disagreement')).toBe(0);
        expect(result.plots.confusion!.ensemble).toEqual(e.confusion!.ensemble);
        expect(result.plots.confusion!.members).toEqual(e.confusion!.members);
        expect(result.classCounts!.reduce((a, b) => a + b, 0)).toBe(e.holdoutRows);

        // ROC and calibration curves: for the ensemble against roc_curve / calibration_curve,
        // and present (one per positive class) for every member.
        const positives = e.classes!.length === 2 ? 1 : e.classes!.length;
        for (const roc of [result.plots.roc!.ensemble, ...Object.values(result.plots.roc!.members)])
          expect(roc).toHaveLength(positives);
        for (const cal of [
          result.plots.calibration!.ensemble,
          ...Object.values(result.plots.calibration!.members),
        ])
          expect(cal).toHaveLength(positives);
        let curveWorst = 0;
        e.ensembleCurves!.roc.forEach((want, i) => {
          const got = result.plots.roc!.ensemble[i]!;
          expect(got.className).toBe(e.classes![want.classIndex]);
          expect(got.thinned).toBe(false);
          curveWorst = Math.max(
            curveWorst,
            worstOf(got.fpr, want.fpr, 'fpr'),
            worstOf(got.tpr, want.tpr, 'tpr'),
            worstOf(got.thresholds, want.thresholds, 'thresholds'),
          );
        });
        e.ensembleCurves!.calibration.forEach((want, i) => {
          const got = result.plots.calibration!.ensemble[i]!;
          expect(got.className).toBe(e.classes![want.classIndex]);
          curveWorst = Math.max(
            curveWorst,
            worstOf(got.probTrue, want.probTrue, 'probTrue'),
            worstOf(got.probPred, want.probPred, 'probPred'),
          );
        });
        expect(curveWorst).toBeLessThanOrEqual(METRIC_TOLERANCE);
        note(`roc/calibration curves (${name}), relative`, curveWorst);
      } else {
        expect(result.plots.roc).toBeNull();
        expect(result.plots.confusion).toBeNull();
      }
    });
  }
});

describe('optimize --method greedy gives the reference weights exactly', () => {
  for (const name of CASES) {
    it(name, async () => {
      const e = load(name);
      const dir = join(CORPUS, name);
      const output = join(t.dir, `${name}.greedy.json`);
      const finished = await runJob(t.engine, 'jobs.optimize', {
        ensemble: { specPath: join(dir, e.spec) },
        input: join(dir, e.holdout),
        label: e.label,
        method: 'greedy',
        output,
        threads: THREADS,
      });
      expect(finished.error).toBeUndefined();
      expect(finished.status).toBe('succeeded');
      // The corpus is built so that the answer mixes members.
      expect(Object.values(e.greedy.weights).filter((w) => w > 0).length).toBeGreaterThan(1);

      const spec = JSON.parse(readFileSync(output, 'utf8')) as EnsembleSpec;
      const weights = Object.fromEntries(spec.members.map((m) => [m.name, m.weight]));
      for (const [member, w] of Object.entries(e.greedy.weights)) {
        expect(weights[member] === w, `${member}: ${weights[member]} !== ${w}`).toBe(true);
      }
      expect(spec.combiner.method).toBe(e.task === 'classification' ? 'soft_vote' : 'mean');
      // Model paths were rewritten to resolve from the new spec's folder.
      for (const m of spec.members) expect(existsSync(resolve(dirname(output), m.model)), m.model).toBe(true);

      const result = finished.result as {
        trajectory: { round: number; member: string; loss: number }[];
        weights: Record<string, number>;
        after: EvaluationResult;
      };
      expect(result.weights).toEqual(e.greedy.weights);
      expect(result.trajectory).toHaveLength(e.greedy.size);
      expect(result.trajectory.map((s) => s.member)).toEqual(e.greedy.trajectory.map((s) => s.member));
      const lossWorst = worstOf(
        result.trajectory.map((s) => s.loss),
        e.greedy.trajectory.map((s) => s.loss),
        'trajectory loss',
      );
      expect(lossWorst).toBeLessThanOrEqual(METRIC_TOLERANCE);
      note(`greedy trajectory loss (${name}), relative`, lossWorst);
      expect(result.after.plots.trajectory?.steps).toHaveLength(e.greedy.size);
      expect(result.after.plots.trajectory?.metric).toBe(e.greedy.metric);
    });
  }
});

describe('optimize --method stacking, then score, gives scikit-learn stacking', () => {
  for (const name of CASES) {
    it(name, async () => {
      const e = load(name);
      const dir = join(CORPUS, name);
      const specPath = join(t.dir, `${name}.stacking.json`);
      const optimized = await runJob(t.engine, 'jobs.optimize', {
        ensemble: { specPath: join(dir, e.spec) },
        input: join(dir, e.holdout),
        label: e.label,
        method: 'stacking',
        output: specPath,
      });
      expect(optimized.error).toBeUndefined();
      expect(optimized.status).toBe('succeeded');
      const spec = JSON.parse(readFileSync(specPath, 'utf8')) as EnsembleSpec;
      expect(spec.combiner.method).toBe('stacking');

      const output = join(t.dir, `${name}.stacked.csv`);
      const scored = await runJob(t.engine, 'jobs.score', {
        ensemble: { specPath },
        input: join(dir, e.score),
        output,
      });
      expect(scored.error).toBeUndefined();
      expect(scored.status).toBe('succeeded');
      const got = await readOutputColumns(output);
      const prediction = got.get('prediction')!;
      expect(prediction).toHaveLength(e.scoreRows);
      if (e.task === 'classification') {
        expect(prediction).toEqual(e.stacking.prediction.map(String));
        let worst = 0;
        for (const [column, want] of Object.entries(e.stacking.proba!)) {
          const values = got.get(column)!;
          expect(values, column).toHaveLength(e.scoreRows);
          want.forEach((w, i) => (worst = Math.max(worst, Math.abs(Number(values[i]) - w))));
        }
        expect(worst).toBeLessThanOrEqual(STACKING_TOLERANCE);
        note(`stacking probabilities (${name}), absolute`, worst);
      } else {
        let worst = 0;
        e.stacking.prediction.forEach(
          (w, i) => (worst = Math.max(worst, relative(Number(prediction[i]), w as number))),
        );
        expect(worst).toBeLessThanOrEqual(STACKING_TOLERANCE);
        note(`stacking predictions (${name}), relative`, worst);
      }
      // For the record: how close the fitted meta-model is to scikit-learn's (lbfgs) one.
      const meta = (spec.combiner as { meta: { coef: number[][] | number[]; intercept: number[] | number } })
        .meta;
      note(
        `stacking coefficients (${name}), absolute`,
        Math.max(
          ...[meta.coef, meta.intercept]
            .flat(2)
            .map((v, i) =>
              Math.abs((v as number) - ([e.stacking.coef, e.stacking.intercept].flat(2)[i] as number)),
            ),
        ),
      );
    });
  }
});

/** holdout.csv of a case as lines, and the label column's position. */
function holdoutLines(name: string): { header: string; rows: string[]; labelAt: number } {
  const e = load(name);
  const [header, ...rows] = readFileSync(join(CORPUS, name, e.holdout), 'utf8')
    .trimEnd()
    .split('\n');
  return { header: header!, rows, labelAt: header!.split(',').indexOf(e.label) };
}

function writeCsv(file: string, header: string, rows: string[]): string {
  const path = join(t.dir, file);
  writeFileSync(path, [header, ...rows].join('\n') + '\n');
  return path;
}

describe('hold-out files the optimisers refuse', () => {
  const optimize = (input: string, method: 'greedy' | 'stacking') =>
    runJob(t.engine, 'jobs.optimize', {
      ensemble: { specPath: join(CORPUS, 'binary', 'ensemble.json') },
      input,
      label: 'diagnosis',
      method,
      output: join(t.dir, `refused-${method}.json`),
    });

  it('a single class', async () => {
    const { header, rows, labelAt } = holdoutLines('binary');
    const ones = rows.filter((r) => r.split(',')[labelAt] === '1');
    expect(ones.length).toBeGreaterThan(20);
    const input = writeCsv('single-class.csv', header, ones);
    for (const method of ['greedy', 'stacking'] as const) {
      const finished = await optimize(input, method);
      expect(finished.status).toBe('failed');
      expect(finished.error?.code).toBe('bad_input');
      expect(finished.error?.message).toMatch(/single class \("1"\).*at least two classes/);
      expect(existsSync(join(t.dir, `refused-${method}.json`))).toBe(false);
    }
  });

  it('too few rows', async () => {
    const { header, rows } = holdoutLines('binary');
    const input = writeCsv('too-small.csv', header, rows.slice(0, 12));
    for (const method of ['greedy', 'stacking'] as const) {
      const finished = await optimize(input, method);
      expect(finished.status).toBe('failed');
      expect(finished.error?.code).toBe('bad_input');
      expect(finished.error?.message).toMatch(/12 labelled rows.*needs at least 20/);
    }
  });
});

describe('labels the ensemble does not know', () => {
  const rowIndex = 6; // data row 6 is on line 8 (the header is line 1)
  let input: string;
  beforeAll(() => {
    const { header, rows, labelAt } = holdoutLines('multiclass-strings');
    const cells = rows[rowIndex]!.split(',');
    cells[labelAt] = 'merlot';
    rows[rowIndex] = cells.join(',');
    input = writeCsv('unknown-label.csv', header, rows);
  });
  const evaluate = (ignoreUnknownLabels: boolean) =>
    runJob(t.engine, 'jobs.evaluate', {
      ensemble: { specPath: join(CORPUS, 'multiclass-strings', 'ensemble.json') },
      input,
      label: 'cultivar',
      ignoreUnknownLabels,
    });

  it('are an error naming the value and the line', async () => {
    const finished = await evaluate(false);
    expect(finished.status).toBe('failed');
    expect(finished.error?.message).toContain('"merlot"');
    expect(finished.error?.message).toContain(`line ${rowIndex + 2}`);
    expect(finished.error?.location?.line).toBe(rowIndex + 2);
  });

  it('with ignoreUnknownLabels are dropped and counted', async () => {
    const e = load('multiclass-strings');
    const finished = await evaluate(true);
    expect(finished.error).toBeUndefined();
    const result = (finished.result as { evaluation: EvaluationResult }).evaluation;
    expect(result.unknownLabels).toBe(1);
    expect(result.rows).toBe(e.holdoutRows - 1);
    expect(result.classCounts!.reduce((a, b) => a + b, 0)).toBe(e.holdoutRows - 1);
  });
});
