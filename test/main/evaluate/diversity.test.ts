import { describe, expect, it } from 'vitest';
import { argmaxRows } from '../../../main/evaluate/numeric';
import { correlationMatrix, disagreementMatrix, diversityScores } from '../../../main/evaluate/diversity';
import { expectAllClose, loadFixture, type ClassificationFixture, type RegressionFixture } from './fixtures';

describe('diversity equals NumPy corrcoef and disagreement rates', () => {
  for (const file of ['binary.json', 'multiclass.json']) {
    it(file, () => {
      const fx = loadFixture<ClassificationFixture>(file);
      const k = fx.classes.length;
      const probs = fx.memberNames.map((m) => Float64Array.from(fx.probabilities[m]!));
      const corr = correlationMatrix(
        fx.memberNames,
        probs.map((p) => diversityScores(p, k)),
      );
      corr.matrix.forEach((row, i) =>
        expectAllClose(row as number[], fx.diversity.correlation[i]!, 1e-9, `corr ${i}`),
      );
      const dis = disagreementMatrix(
        fx.memberNames,
        probs.map((p) => argmaxRows(p, k)),
      );
      expect(dis.matrix).toEqual(fx.diversity.disagreement);
    });
  }

  it('regression.json', () => {
    const fx = loadFixture<RegressionFixture>('regression.json');
    const corr = correlationMatrix(
      fx.memberNames,
      fx.memberNames.map((m) => Float64Array.from(fx.predictions[m]!)),
    );
    corr.matrix.forEach((row, i) =>
      expectAllClose(row as number[], fx.diversity.correlation[i]!, 1e-9, `corr ${i}`),
    );
  });

  it('a constant member has no correlation (null)', () => {
    const corr = correlationMatrix(['a', 'b'], [Float64Array.from([1, 2, 3]), Float64Array.from([5, 5, 5])]);
    expect(corr.matrix[0]![1]).toBeNull();
    expect(corr.matrix[0]![0]).toBeCloseTo(1, 15);
  });
});
