/** Prediction drift inputs as the monitor collects them: compared columns, class shares and member disagreement. */
import { describe, expect, it } from 'vitest';
import type { ResolvedEnsemble } from '../../../main/ensemble/plan';
import { PredictionCollector } from '../../../main/monitor/prediction-collector';

const binary = {
  task: 'classification',
  classes: ['no', 'yes'],
  members: [{ name: 'a' }, { name: 'b' }],
} as unknown as ResolvedEnsemble;

describe('PredictionCollector', () => {
  it('keeps the positive class of the ensemble and each member, the class shares and the disagreement', () => {
    const collector = new PredictionCollector(binary);
    // Rows: both members agree with the ensemble; b dissents; a tie (argmax → first class) dissents;
    // the ensemble has no prediction (left out of shares and disagreement).
    const a = Float64Array.of(0.2, 0.8, 0.3, 0.7, 0.5, 0.5, 0.4, 0.6);
    const b = Float64Array.of(0.1, 0.9, 0.6, 0.4, 0.2, 0.8, 0.4, 0.6);
    const proba = Float64Array.of(0.15, 0.85, 0.45, 0.55, 0.35, 0.65, NaN, NaN);
    collector.add({ prediction: Int32Array.of(1, 1, 1, -1), proba }, [a, b], 4);
    const out = collector.finish();
    expect(out.samples.map((s) => [s.source, s.class])).toEqual([
      ['ensemble', 'yes'],
      ['a', 'yes'],
      ['b', 'yes'],
    ]);
    expect(Array.from(out.samples[1]!.values)).toEqual([0.8, 0.7, 0.5, 0.6]);
    expect(out.classShares).toEqual({ no: 0, yes: 1 });
    expect(out.disagreement).toBe(2 / 3);
    expect(out.proba).toEqual(proba);
  });

  it('compares the predictions of a regression, with no shares or disagreement', () => {
    const regression = {
      task: 'regression',
      classes: [],
      members: [{ name: 'a' }],
    } as unknown as ResolvedEnsemble;
    const collector = new PredictionCollector(regression);
    collector.add({ values: Float64Array.of(1, 2) }, [Float64Array.of(3, 4)], 2);
    const out = collector.finish();
    expect(out.samples.map((s) => [s.source, s.class, Array.from(s.values)])).toEqual([
      ['ensemble', null, [1, 2]],
      ['a', null, [3, 4]],
    ]);
    expect(out.classShares).toBeNull();
    expect(out.disagreement).toBeNull();
  });
});
