/** Evaluation results built from the sklearn fixtures, shared by the evaluate and report tests. */
import { evaluateEnsemble } from '../../../main/evaluate/evaluate-result';
import { mapLabels } from '../../../main/evaluate/labels';
import { loadFixture, type ClassificationFixture, type RegressionFixture } from './fixtures';

export function classificationResult(file: string) {
  const fx = loadFixture<ClassificationFixture>(file);
  const labels = mapLabels(fx.labels.map(String), fx.classes, { file, column: 'y' }).indices;
  return {
    fx,
    result: evaluateEnsemble({
      task: 'classification',
      classes: fx.classes,
      labels,
      members: fx.memberNames.map((name) => ({ name, scores: Float64Array.from(fx.probabilities[name]!) })),
      ensemble: Float64Array.from(fx.probabilities['ensemble']!),
    }),
  };
}

export function regressionResult() {
  const fx = loadFixture<RegressionFixture>('regression.json');
  return {
    fx,
    result: evaluateEnsemble({
      task: 'regression',
      labels: Float64Array.from(fx.labels),
      members: fx.memberNames.map((name) => ({ name, scores: Float64Array.from(fx.predictions[name]!) })),
      ensemble: Float64Array.from(fx.predictions['ensemble']!),
    }),
  };
}
