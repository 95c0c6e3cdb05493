import { describe, expect, it } from 'vitest';
import {
  accuracy,
  argmaxRows,
  balancedAccuracy,
  brierScore,
  calibrationCurves,
  confusionMatrix,
  f1Macro,
  logLoss,
  rocAuc,
  rocCurves,
} from '../../../main/evaluate/classification-metrics';
import { mapLabels } from '../../../main/evaluate/labels';
import { expectAllClose, expectClose, loadFixture, type ClassificationFixture } from './fixtures';

for (const file of ['binary.json', 'multiclass.json']) {
  const fx = loadFixture<ClassificationFixture>(file);
  const k = fx.classes.length;
  // Binary labels are ints in the fixture, multiclass labels strings: both go through mapLabels.
  const labels = mapLabels(fx.labels.map(String), fx.classes, { file, column: 'y' }).indices;

  describe(`classification metrics equal scikit-learn 1.2.1 (${fx.name})`, () => {
    for (const [model, expected] of Object.entries(fx.expected)) {
      const p = Float64Array.from(fx.probabilities[model]!);
      const pred = argmaxRows(p, k);

      it(`${model}: scalar metrics`, () => {
        expectClose(accuracy(labels, pred), expected.accuracy, 1e-9, 'accuracy');
        expectClose(balancedAccuracy(labels, pred, k), expected.balanced_accuracy, 1e-9, 'balanced');
        expectClose(logLoss(labels, p, k), expected.log_loss, 1e-9, 'log loss');
        expectClose(logLoss(labels, p, k, 2 ** -52), expected.log_loss_auto_eps, 1e-9, 'log loss eps=auto');
        expectClose(f1Macro(labels, pred, k), expected.f1_macro, 1e-9, 'f1');
        expectClose(rocAuc(labels, p, k), expected.roc_auc, 1e-9, 'auc');
        if (k === 2) expectClose(brierScore(labels, p), expected.brier!, 1e-9, 'brier');
        expect(confusionMatrix(labels, pred, k)).toEqual(expected.confusion);
      });

      it(`${model}: ROC and calibration curves`, () => {
        const roc = rocCurves(labels, p, k);
        expect(roc).toHaveLength(expected.roc.length);
        roc.forEach((curve, i) => {
          expectAllClose(curve.fpr, expected.roc[i]!.fpr, 1e-12, 'fpr');
          expectAllClose(curve.tpr, expected.roc[i]!.tpr, 1e-12, 'tpr');
          expectAllClose(curve.thresholds, expected.roc[i]!.thresholds, 1e-12, 'thresholds');
        });
        const cal = calibrationCurves(labels, p, k);
        cal.forEach((curve, i) => {
          const e = expected.calibration[i]!;
          expectAllClose(curve.probTrue, e.prob_true, 1e-9, 'prob_true');
          expectAllClose(curve.probPred, e.prob_pred, 1e-9, 'prob_pred');
          expect(curve.counts).toEqual(e.counts);
          expect(curve.bins).toEqual(e.bins);
        });
      });
    }
  });
}

describe('classification edge cases', () => {
  it('ROC AUC is NaN (sklearn raises) when the labels hold one class', () => {
    const labels = Int32Array.from([1, 1, 1]);
    expect(rocAuc(labels, Float64Array.from([0.2, 0.8, 0.4, 0.6, 0.1, 0.9]), 2)).toBeNaN();
  });

  it('log loss clips 0 and 1 at 1e-15 and renormalises the row', () => {
    const labels = Int32Array.from([0]);
    // clipped row [1e-15, 1 - 1e-15] sums to 1; loss = -log(1e-15 / sum)
    expectClose(logLoss(labels, Float64Array.from([0, 1]), 2), -Math.log(1e-15 / (1e-15 + (1 - 1e-15))));
  });
});
