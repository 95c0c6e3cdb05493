import { describe, expect, it } from 'vitest';
import { LogisticMetaSchema, RidgeMetaSchema } from '../../../contract/ensemble-spec';
import { mapLabels } from '../../../main/evaluate/labels';
import {
  applyLogisticMeta,
  applyRidgeMeta,
  fitLogisticStacking,
  fitRidgeStacking,
  regressionStackingFeatures,
  stackingFeatures,
} from '../../../main/optimize/stacking';
import { loadFixture } from '../evaluate/fixtures';

interface StackingCase {
  name: string;
  classes: string[];
  labels: string[];
  members: Record<string, number[]>;
  coef: number[][];
  intercept: number[];
  proba_tight: number[];
  proba_default: number[];
  proba_exact: number[];
  coef_exact: number[][];
  intercept_exact: number[];
}
interface RidgeCase {
  labels: number[];
  members: Record<string, number[]>;
  coef: number[];
  intercept: number;
  predictions: number[];
}

const fx = loadFixture<{ cases: StackingCase[]; ridge: RidgeCase }>('stacking.json');

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('logistic stacking equals sklearn StackingClassifier(LogisticRegression(), cv="prefit")', () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      const members = Object.entries(c.members).map(([name, p]) => ({ name, scores: Float64Array.from(p) }));
      const labels = mapLabels(c.labels, c.classes, { file: 'holdout', column: 'y' }).indices;
      const meta = fitLogisticStacking({ classes: c.classes, labels, members });
      expect(LogisticMetaSchema.parse(meta)).toEqual(meta);
      const k = c.classes.length;
      expect(meta.coef).toHaveLength(k === 2 ? 1 : k);
      expect(meta.features[0]).toBe(k === 2 ? `m0.proba_${c.classes[1]}` : `m0.proba_${c.classes[0]}`);
      const proba = applyLogisticMeta(meta, stackingFeatures(members, c.classes).matrix);
      expect(maxAbsDiff(proba, c.proba_exact)).toBeLessThan(1e-6);
      // sklearn's lbfgs stops early (ftol), tight tol or not: agreement to 1e-4 is what it can give.
      expect(maxAbsDiff(proba, c.proba_default)).toBeLessThan(1e-4);
      expect(maxAbsDiff(proba, c.proba_tight)).toBeLessThan(1e-4);
      expect(maxAbsDiff(meta.coef.flat(), c.coef_exact.flat())).toBeLessThan(1e-5);
      expect(maxAbsDiff(meta.intercept, c.intercept_exact)).toBeLessThan(1e-5);
    });
  }

  it('refuses a hold-out set that is too small, single-class, or lacks a class', () => {
    const c = fx.cases[1]!;
    const members = Object.entries(c.members).map(([name, p]) => ({ name, scores: Float64Array.from(p) }));
    const few = members.map((m) => ({ name: m.name, scores: m.scores.slice(0, 15 * 3) }));
    expect(() =>
      fitLogisticStacking({ classes: c.classes, labels: new Int32Array(15), members: few }),
    ).toThrow(/has 15 labelled rows; stacking needs at least 20/);
    expect(() => fitLogisticStacking({ classes: c.classes, labels: new Int32Array(300), members })).toThrow(
      /single class \("a"\)/,
    );
    const labels = new Int32Array(300).map((_, i) => i % 2);
    labels[7] = 2;
    expect(() => fitLogisticStacking({ classes: c.classes, labels, members })).toThrow(/"c" \(1\)/);
  });
});

describe('ridge stacking equals sklearn Ridge(alpha=1.0)', () => {
  it('coefficients, intercept and predictions', () => {
    const r = fx.ridge;
    const members = Object.entries(r.members).map(([name, p]) => ({ name, scores: Float64Array.from(p) }));
    const meta = fitRidgeStacking({ targets: Float64Array.from(r.labels), members });
    expect(RidgeMetaSchema.parse(meta)).toEqual(meta);
    expect(meta.features).toEqual(['m0.prediction', 'm1.prediction', 'm2.prediction']);
    expect(maxAbsDiff(meta.coef, r.coef)).toBeLessThan(1e-9);
    expect(Math.abs(meta.intercept - r.intercept)).toBeLessThan(1e-9);
    const pred = applyRidgeMeta(meta, regressionStackingFeatures(members).matrix);
    expect(maxAbsDiff(pred, r.predictions)).toBeLessThan(1e-9);
  });
});
