/**
 * The fused model of each corpus ensemble, run by plain onnxruntime-node,
 * gives scikit-learn's VotingClassifier / VotingRegressor / StackingClassifier output (probabilities
 * to 1e-5, the same labels; regression to 1e-4 relative), and the app's own scoring of the file.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareOutputs } from '../../../main/export/check-fused';
import type { InputLayout } from '../../../main/export/fuse';
import {
  EXPORT_CORPUS,
  SCORING,
  expectedScores,
  fuseCase,
  loadCase,
  scoreWithApp,
  scoreWithFused,
  type Scores,
} from './corpus-case';

interface Case {
  dir: string;
  expected?: string;
  layout?: InputLayout;
  what: string;
}

const CASES: Case[] = [
  {
    dir: join(SCORING, 'binary-soft-int'),
    what: 'soft_vote: converter-shaped logreg (opset 15) + forest (13) + PyTorch MLP (14)',
  },
  { dir: join(SCORING, 'binary-soft-int'), layout: 'matrix', what: 'the same through one features matrix' },
  { dir: join(SCORING, 'multiclass-string-labels'), what: 'soft_vote, string labels, a logits member' },
  {
    dir: join(SCORING, 'multiclass-string-labels'),
    expected: 'hard.expected.json',
    what: 'hard_vote with 0.5 : 0.5 ties',
  },
  { dir: join(SCORING, 'regression-mean'), what: 'regression mean (VotingRegressor)' },
  { dir: join(SCORING, 'double-per-column'), what: 'per-column double inputs + a float matrix member' },
  { dir: join(SCORING, 'double-per-column'), layout: 'matrix', what: 'the same through a float64 matrix' },
  { dir: join(SCORING, 'binary-n1'), what: 'an [N,1] sigmoid member' },
  { dir: join(EXPORT_CORPUS, 'stacking-binary'), what: 'logistic stacking, binary (StackingClassifier)' },
  {
    dir: join(EXPORT_CORPUS, 'stacking-multiclass'),
    what: 'logistic stacking, multiclass (StackingClassifier)',
  },
];

/** Largest difference: absolute for probabilities, relative for regression values. */
function worst(reference: Scores, got: Scores, relative: boolean): number {
  let max = 0;
  reference.values.forEach((e, i) => {
    const d = Math.abs((got.values[i] as number) - e);
    max = Math.max(max, relative ? d / Math.max(1e-12, Math.abs(e)) : d);
  });
  return max;
}

describe('fused export on the scoring corpus', () => {
  for (const c of CASES) {
    const name = `${c.dir.split('/').slice(-1)[0]}/${c.expected ?? 'expected.json'} (${c.layout ?? 'per-column'})`;
    it(`${name}: ${c.what}`, async () => {
      const loaded = await loadCase(c.dir, c.expected);
      const fused = fuseCase(loaded, c.layout);
      const got = await scoreWithFused(fused, loaded.dataPath);
      const reference = expectedScores(loaded);
      const regression = loaded.resolved.task === 'regression';
      expect(got.values).toHaveLength(reference.values.length);
      expect(worst(reference, got, regression)).toBeLessThanOrEqual(regression ? 1e-4 : 1e-5);
      expect(got.labels).toEqual(reference.labels);

      // The app's own pipeline on the same file: the fused model differs only by float32 rounding.
      const app = await scoreWithApp(loaded);
      const parity = compareOutputs(app.values, got.values, app.labels, got.labels);
      expect(parity.agreement).toBe(1);
      expect(regression ? worst(app, got, true) : parity.maxAbsDiff).toBeLessThanOrEqual(
        regression ? 1e-6 : 1e-7,
      );
    });
  }
});
