/**
 * Combiners against scikit-learn itself (fixtures from test/corpus/ensemble/generate.py):
 * member outputs of every kind are normalised, aligned to the ensemble's classes and combined;
 * probabilities must agree to 1e-12 and predictions exactly.
 */
import { describe, expect, it } from 'vitest';
import { sortedClassUnion } from '../../../main/ensemble/classes';
import {
  combineClassification,
  combineRegression,
  RankMeanCollector,
  rankMeanChunk,
} from '../../../main/ensemble/combine';
import { normaliseClassification, normaliseRegression } from '../../../main/ensemble/normalise';
import type { CombinerSpec } from '../../../contract/ensemble-spec';
import { expectClose, loadFixture, memberPlan, rawOutput } from './fixtures';

const fixture = loadFixture();
const TOLERANCE = 1e-12;

describe.each(fixture.classification)('classification case $name', (c) => {
  const K = c.classes.length;
  const N = c.rows;
  const classes = c.explicitClasses ?? sortedClassUnion(c.members.map((m) => m.classes));
  const plans = c.members.map((m, i) => memberPlan(m, i, classes));
  const weights = c.members.map((m) => m.weight);
  const probas = c.members.map((m, i) => normaliseClassification(plans[i]!, rawOutput(m), N, K));

  it('orders the ensemble classes as scikit-learn does', () => {
    expect(classes).toEqual(c.classes);
  });

  it.each(c.members.map((m, i) => [m.name, m.outputKind, i] as const))(
    'aligns member %s (%s) to the ensemble classes',
    (_name, _kind, i) => {
      expectClose(probas[i]!, c.members[i]!.aligned, TOLERANCE);
    },
  );

  it.each(['soft_vote', 'hard_vote', 'geometric_mean', 'median'] as const)(
    '%s equals the reference',
    (method) => {
      const result = combineClassification({ method }, probas, weights, N, K);
      expectClose(result.proba, c.expected[method].proba, TOLERANCE);
      expect(Array.from(result.prediction)).toEqual(c.expected[method].prediction);
    },
  );

  it('stacking applies the fitted LogisticRegression like predict_proba / predict', () => {
    const combiner: CombinerSpec = { method: 'stacking', meta: c.expected.stacking.meta };
    const result = combineClassification(combiner, probas, weights, N, K);
    expectClose(result.proba, c.expected.stacking.proba, TOLERANCE);
    expect(Array.from(result.prediction)).toEqual(c.expected.stacking.prediction);
  });

  // rank_mean is defined for binary ensembles only: the fixture has it for the binary cases.
  if (c.expected.rank_mean !== undefined) {
    it('rank_mean over the file equals scipy rankdata', () => {
      const expected = c.expected.rank_mean!;
      const collector = new RankMeanCollector(weights);
      // Fed in uneven chunks, as a scoring job would; only P(positive) is kept per member.
      const cut = 17;
      collector.add(
        probas.map((p) => p.subarray(0, cut * 2)),
        cut,
      );
      collector.add(
        probas.map((p) => p.subarray(cut * 2)),
        N - cut,
      );
      const scores = collector.finish();
      expectClose(scores, expected.score, TOLERANCE);
      const first = rankMeanChunk(scores, 0, cut);
      const rest = rankMeanChunk(scores, cut, N - cut);
      expect([...first.prediction, ...rest.prediction]).toEqual(expected.prediction);
      expectClose(first.proba.subarray(0, 2), [1 - expected.score[0]!, expected.score[0]!], TOLERANCE);
    });
  }
});

describe.each(fixture.regression)('regression case $name', (c) => {
  const N = c.rows;
  const plans = c.members.map((m, i) => memberPlan(m, i, null));
  const values = c.members.map((m, i) =>
    normaliseRegression(plans[i]!, { data: Float64Array.from(m.data), dims: m.dims }, N),
  );
  const weights = c.members.map((m) => m.weight);

  it('mean equals VotingRegressor', () => {
    expectClose(combineRegression({ method: 'mean' }, values, weights, N), c.expected.mean, TOLERANCE);
  });

  it('median equals np.median', () => {
    expectClose(combineRegression({ method: 'median' }, values, weights, N), c.expected.median, TOLERANCE);
  });

  it('stacking applies the fitted Ridge', () => {
    const combiner: CombinerSpec = { method: 'stacking', meta: c.expected.stacking.meta };
    expectClose(combineRegression(combiner, values, weights, N), c.expected.stacking.values, 1e-10);
  });
});

describe('fixture coverage', () => {
  it('exercises the zero-safe fallbacks of geometric_mean and median', () => {
    const rows = fixture.classification.map((c) => c.expected);
    expect(rows.some((e) => e.geometric_mean_fallback_rows > 0)).toBe(true);
    expect(rows.some((e) => e.median_fallback_rows > 0)).toBe(true);
  });
});
