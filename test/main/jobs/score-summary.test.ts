/**
 * The score summary's agreement and mean scores, against a plain recomputation: the two-class
 * pass and the general one must count and add exactly as argmaxRow and row-order sums do.
 */
import { describe, expect, it } from 'vitest';
import { ScoreSummary } from '../../../main/jobs/score-summary';
import { argmaxRow } from '../../../main/ensemble/row-math';
import type { ResolvedEnsemble } from '../../../main/ensemble/plan';

function summaryFor(classes: string[], members: number): ScoreSummary {
  const resolved = {
    task: 'classification',
    classes,
    members: Array.from({ length: members }, (_, i) => ({ name: `m${i}` })),
  } as unknown as ResolvedEnsemble;
  return new ScoreSummary(resolved);
}

describe('ScoreSummary', () => {
  for (const k of [2, 3]) {
    it(`${k} classes: agreement with the ensemble and sums per class, NaN rows agreeing with none`, () => {
      let state = 7 + k;
      const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
      const summary = summaryFor(
        Array.from({ length: k }, (_, c) => String(c)),
        2,
      );
      const expectedAgree = [0, 0];
      const expectedSums = [new Array<number>(k).fill(0), new Array<number>(k).fill(0)];
      for (const n of [5, 300, 1]) {
        // Member 1 has NaN rows; every 13th row is a tie (the first maximum wins).
        const scores = [0, 1].map((m) =>
          Float64Array.from({ length: n * k }, (_, i) =>
            m === 1 && i % 97 === 3 ? NaN : Math.floor(i / k) % 13 === 0 ? 0.5 : next(),
          ),
        );
        const prediction = Int32Array.from({ length: n }, () => Math.floor(next() * (k + 1)) - 1);
        summary.add({ prediction, proba: new Float64Array(n * k) }, scores, n);
        scores.forEach((s, m) => {
          for (let r = 0; r < n; r++) {
            if (argmaxRow(s, r * k, k) === prediction[r]) expectedAgree[m]!++;
            for (let c = 0; c < k; c++) expectedSums[m]![c]! += s[r * k + c]!;
          }
        });
      }
      expect(summary.state().agree).toEqual(expectedAgree);
      expect(summary.state().sums).toEqual(expectedSums);
      expect(Number.isFinite(expectedSums[0]![0])).toBe(true);
      expect(summary.state().rows).toBe(306);
    });
  }
});
