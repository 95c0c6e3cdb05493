/** Combiner behaviour the scikit-learn fixtures cannot show: missing rows, zero weights, rank ties. */
import { describe, expect, it } from 'vitest';
import {
  averageRanks,
  combineClassification,
  combineRegression,
  RankMeanCollector,
} from '../../../main/ensemble/combine';

describe('missing scores', () => {
  const good = Float64Array.of(0.2, 0.8, 0.6, 0.4);
  const bad = Float64Array.of(NaN, NaN, 0.1, 0.9);

  it.each(['soft_vote', 'hard_vote', 'geometric_mean', 'median'] as const)(
    '%s gives prediction -1 on a NaN row',
    (method) => {
      const result = combineClassification({ method }, [good, bad, good], [1, 1, 1], 2, 2);
      expect(result.prediction[0]).toBe(-1);
      expect(Number.isNaN(result.proba[0])).toBe(true);
      expect(result.prediction[1]).toBeGreaterThanOrEqual(0);
    },
  );

  it('a zero-weight member with NaN does not spoil the row', () => {
    const result = combineClassification({ method: 'soft_vote' }, [good, bad], [1, 0], 2, 2);
    expect(Array.from(result.prediction)).toEqual([1, 0]);
    expect(
      Array.from(
        combineRegression({ method: 'median' }, [Float64Array.of(1), Float64Array.of(NaN)], [1, 0], 1),
      ),
    ).toEqual([1]);
  });
});

describe('rank_mean', () => {
  it('averages tied ranks like scipy.stats.rankdata and leaves NaN out', () => {
    const { ranks, count } = averageRanks(Float64Array.of(0.5, 0.1, 0.5, NaN, 0.9));
    expect(count).toBe(4);
    expect(Array.from(ranks)).toEqual([2.5, 1, 2.5, NaN, 4]);
  });

  it('grows its buffer across many chunks', () => {
    const collector = new RankMeanCollector([1]);
    for (let chunk = 0; chunk < 5; chunk++) {
      const p = new Float64Array(1000 * 2);
      for (let r = 0; r < 1000; r++) p[r * 2 + 1] = chunk * 1000 + r;
      collector.add([p], 1000);
    }
    const scores = collector.finish();
    expect(scores.length).toBe(5000);
    expect(scores[0]).toBe(1 / 5000);
    expect(scores[4999]).toBe(1);
  });

  it('is refused by the chunk-wise entry point', () => {
    expect(() => combineClassification({ method: 'rank_mean' }, [], [], 0, 2)).toThrow(/RankMeanCollector/);
  });
});
