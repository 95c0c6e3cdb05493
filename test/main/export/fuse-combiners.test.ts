/**
 * Combiners and member outputs the scoring corpus has no scikit-learn reference for
 * (geometric_mean, median, regression median and ridge stacking, label-output members, weight 0):
 * the fused model must agree with the app's own combiners (main/ensemble) on real models and data.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CombinerSpec, EnsembleSpec } from '../../../contract/ensemble-spec';
import { compareOutputs } from '../../../main/export/check-fused';
import { SCORING, fuseCase, loadCase, scoreWithApp, scoreWithFused } from './corpus-case';

const withCombiner =
  (combiner: CombinerSpec) =>
  (spec: EnsembleSpec): EnsembleSpec => ({ ...spec, combiner });

/** The named members vote with their predicted label instead of their probabilities. */
const labelsFrom =
  (names: string[], combiner: CombinerSpec) =>
  (spec: EnsembleSpec): EnsembleSpec => ({
    ...spec,
    combiner,
    members: spec.members.map((m) =>
      names.includes(m.name) ? { ...m, output: 'output_label', outputKind: 'label' as const } : m,
    ),
  });

async function parity(dir: string, edit: (spec: EnsembleSpec) => EnsembleSpec, expectedFile?: string) {
  const loaded = await loadCase(join(SCORING, dir), expectedFile, edit);
  const fused = fuseCase(loaded);
  const got = await scoreWithFused(fused, loaded.dataPath);
  const app = await scoreWithApp(loaded);
  return { result: compareOutputs(app.values, got.values, app.labels, got.labels), app, got };
}

describe('fused combiners agree with the app', () => {
  it('geometric_mean over members that give exact zeros (forest)', async () => {
    const { result } = await parity('multiclass-string-labels', withCombiner({ method: 'geometric_mean' }));
    expect(result.maxAbsDiff).toBeLessThan(1e-6);
    expect(result.agreement).toBe(1);
  });

  it('geometric_mean falls back to the soft vote where the members share no class (label votes)', async () => {
    const { result, app } = await parity(
      'multiclass-string-labels',
      labelsFrom(['logreg', 'forest'], { method: 'geometric_mean' }),
    );
    expect(result.maxAbsDiff).toBeLessThan(1e-6);
    expect(result.agreement).toBe(1);
    // Where the two label votes agree the geometric mean is one-hot; a row strictly between 0 and 1
    // is one where they disagree, i.e. a soft-vote fallback row, so the fallback was exercised.
    expect(app.values.some((v) => v > 0 && v < 1)).toBe(true);
  });

  it('median over three members (classification)', async () => {
    const { result } = await parity('binary-soft-int', withCombiner({ method: 'median' }));
    expect(result.maxAbsDiff).toBeLessThan(1e-6);
    expect(result.agreement).toBe(1);
  });

  it('median over two members (mean of the middle two)', async () => {
    const { result } = await parity('double-per-column', withCombiner({ method: 'median' }));
    expect(result.maxAbsDiff).toBeLessThan(1e-6);
    expect(result.agreement).toBe(1);
  });

  it('hard_vote with members whose outputs are string labels and int64 labels', async () => {
    const strings = await parity(
      'multiclass-string-labels',
      labelsFrom(['logreg', 'forest'], { method: 'hard_vote' }),
    );
    expect(strings.result.maxAbsDiff).toBe(0);
    expect(strings.result.agreement).toBe(1);
    const ints = await parity('binary-soft-int', labelsFrom(['forest'], { method: 'soft_vote' }));
    expect(ints.result.maxAbsDiff).toBeLessThan(1e-6);
    expect(ints.result.agreement).toBe(1);
  });

  it('a member with weight 0 takes no part', async () => {
    const { result } = await parity('binary-soft-int', (spec) => ({
      ...spec,
      members: spec.members.map((m) => (m.name === 'forest' ? { ...m, weight: 0 } : m)),
    }));
    expect(result.maxAbsDiff).toBeLessThan(1e-6);
    expect(result.agreement).toBe(1);
  });

  it('regression median and ridge stacking', async () => {
    const median = await parity('regression-mean', withCombiner({ method: 'median' }));
    const ridge = await parity(
      'regression-mean',
      withCombiner({
        method: 'stacking',
        meta: { kind: 'ridge', features: [], coef: [0.3, 0.5, 0.25], intercept: -4.5 },
      }),
    );
    for (const { app, got } of [median, ridge]) {
      app.values.forEach((v, i) =>
        expect(Math.abs((got.values[i] as number) - v) / Math.abs(v)).toBeLessThan(1e-6),
      );
    }
  });
});
