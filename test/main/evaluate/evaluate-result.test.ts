import { describe, expect, it } from 'vitest';
import { toHistoryRecord } from '../../../main/evaluate/evaluate-result';
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

  it('flattens metrics for the history', () => {
    const { result } = classificationResult('binary.json');
    const record = toHistoryRecord(result);
    expect(record.metrics['ensemble.log_loss']).toBe(result.metrics.ensemble['log_loss']);
    expect(record.metrics['member.forest.roc_auc']).toBe(result.metrics.members['forest']!['roc_auc']);
    expect(Object.values(record.metrics).every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(
      true,
    );
    expect(record.artifacts.evaluation.plots.roc).toBe(result.plots.roc);
  });
});
