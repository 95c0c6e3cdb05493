import { describe, expect, it } from 'vitest';
import {
  mae,
  r2,
  regressionMetrics,
  residualQuantiles,
  rmse,
} from '../../../main/evaluate/regression-metrics';
import { expectAllClose, expectClose, loadFixture, type RegressionFixture } from './fixtures';

const fx = loadFixture<RegressionFixture>('regression.json');
const truth = Float64Array.from(fx.labels);

describe('regression metrics equal scikit-learn 1.2.1 / NumPy', () => {
  for (const [model, expected] of Object.entries(fx.expected)) {
    it(model, () => {
      const p = Float64Array.from(fx.predictions[model]!);
      expectClose(rmse(truth, p), expected.rmse, 1e-9, 'rmse');
      expectClose(mae(truth, p), expected.mae, 1e-9, 'mae');
      expectClose(r2(truth, p), expected.r2, 1e-9, 'r2');
      expectAllClose(residualQuantiles(truth, p), expected.residual_quantiles, 1e-9, 'quantiles');
      const all = regressionMetrics(truth, p);
      expect(all.residual_q50).toBe(residualQuantiles(truth, p)[2]);
    });
  }

  it('R² of a constant truth follows force_finite: 1 if exact, else 0', () => {
    const y = Float64Array.from([2, 2, 2]);
    expect(r2(y, Float64Array.from([2, 2, 2]))).toBe(1);
    expect(r2(y, Float64Array.from([2, 2, 3]))).toBe(0);
  });
});
