import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../../main/evaluate/classification-metrics';
import { evaluateEnsemble } from '../../../main/evaluate/evaluate-result';
import { expectClose } from './fixtures';
import { classificationResult, regressionResult } from './sample-results';

describe('evaluateEnsemble', () => {
  for (const file of ['binary.json', 'multiclass.json']) {
    it(`${file}: metrics per model equal sklearn, plots present, JSON round-trips`, () => {
      const { fx, result } = classificationResult(file);
      expect(result.rows).toBe(fx.labels.length);
      expect(result.classes).toEqual(fx.classes);
      for (const [model, expected] of Object.entries(fx.expected)) {
        const set = model === 'ensemble' ? result.metrics.ensemble : result.metrics.members[model]!;
        for (const name of ['accuracy', 'balanced_accuracy', 'log_loss', 'roc_auc', 'f1_macro'] as const) {
          expectClose(set[name], expected[name], 1e-9, `${model}.${name}`);
        }
        if (fx.classes.length === 2) expectClose(set['brier'], expected.brier!, 1e-9, `${model}.brier`);
        else expect(set).not.toHaveProperty('brier');
      }
      const k = fx.classes.length;
      expect(result.plots.roc!.ensemble).toHaveLength(k === 2 ? 1 : k);
      expect(result.plots.confusion!.ensemble).toEqual(fx.expected['ensemble']!.confusion);
      // Small files keep every ROC point: the plot data is sklearn's roc_curve itself.
      result.plots.roc!.ensemble.forEach((curve, i) => {
        expect(curve.thinned).toBe(false);
        expect(curve.fpr).toEqual(fx.expected['ensemble']!.roc[i]!.fpr);
        expect(curve.thresholds).toEqual(fx.expected['ensemble']!.roc[i]!.thresholds);
      });
      expect(result.plots.correlation.names).toEqual(fx.memberNames);
      expect(result.plots.disagreement!.matrix).toEqual(fx.diversity.disagreement);
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    });
  }

  it('regression: metrics and no classification plots', () => {
    const { fx, result } = regressionResult();
    expectClose(result.metrics.ensemble['rmse'], fx.expected['ensemble']!.rmse);
    expectClose(result.metrics.members['tree']!['r2'], fx.expected['tree']!.r2);
    expect(result.plots.roc).toBeNull();
    expect(result.plots.disagreement).toBeNull();
    expect(result.classes).toBeNull();
  });

  it('thins ROC plot points on large files but keeps the exact AUC', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const n = 20_000;
    const labels = Int32Array.from({ length: n }, () => (random() < 0.4 ? 1 : 0));
    const scores = new Float64Array(n * 2);
    for (let r = 0; r < n; r++) {
      const p = Math.min(1, random() * 0.8 + labels[r]! * 0.2);
      scores[r * 2] = 1 - p;
      scores[r * 2 + 1] = p;
    }
    const result = evaluateEnsemble({
      task: 'classification',
      classes: ['0', '1'],
      labels,
      members: [],
      ensemble: scores,
    });
    const curve = result.plots.roc!.ensemble[0]!;
    expect(curve.thinned).toBe(true);
    expect(curve.fpr.length).toBeLessThanOrEqual(1002);
    expect(curve.auc).toBe(rocAuc(labels, scores, 2));
    expect(curve.fpr[0]).toBe(0);
    expect(curve.tpr[curve.tpr.length - 1]).toBe(1);
  });
});
