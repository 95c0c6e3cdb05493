/** Numeric drift against SciPy's ks_2samp / wasserstein_distance and a NumPy PSI. */
import { describe, expect, it } from 'vitest';
import { numericDrift } from '../../../main/monitor/drift-numeric';
import { psiSeverity } from '../../../main/monitor/severity';
import { quantileSorted } from '../../../main/monitor/quantile';
import { column, expectClose, numericCases } from './fixtures';

const cases = numericCases();
const byName = (name: string) => cases.find((c) => c.name === name)!;

describe('numericDrift matches SciPy/NumPy', () => {
  it.each(cases)('$name', ({ reference, current, expected }) => {
    const drift = numericDrift(column(reference), column(current));
    expect(Math.abs(drift.ks - expected.ks)).toBeLessThanOrEqual(1e-12);
    // Wasserstein is in the column's units: compare relative to its size.
    expect(Math.abs(drift.wasserstein - expected.wasserstein)).toBeLessThanOrEqual(
      1e-9 * Math.max(1, expected.wasserstein),
    );
    expect(Math.abs(drift.psi - expected.psi)).toBeLessThanOrEqual(1e-9);
    // Edges are numpy's quantiles to the bit, so bin membership (strict <) agrees exactly.
    expect(Array.from(drift.psiBins.edges)).toEqual(expected.psiEdges);
    expect(Array.from(drift.psiBins.reference)).toEqual(expected.psiReferenceCounts);
    expect(Array.from(drift.psiBins.current)).toEqual(expected.psiCurrentCounts);
    expect(drift.reference.missingShare).toBe(expected.referenceMissingShare);
    expect(drift.current.missingShare).toBe(expected.currentMissingShare);
    expect(Array.from(drift.histogram.edges)).toEqual(expected.histogramEdges);
    expect(Array.from(drift.histogram.reference)).toEqual(expected.histogramReference);
    expect(Array.from(drift.histogram.current)).toEqual(expected.histogramCurrent);
  });

  it('calls the stable feature stable and the shifted one major', () => {
    const stable = byName('stable');
    const shifted = byName('shifted');
    expect(psiSeverity(numericDrift(column(stable.reference), column(stable.current)).psi)).toBe('stable');
    expect(psiSeverity(numericDrift(column(shifted.reference), column(shifted.current)).psi)).toBe('major');
  });

  it('reports missing rows apart and leaves them out of the statistics', () => {
    const drift = numericDrift(Float64Array.of(NaN, 1, 2, NaN), Float64Array.of(1, 2));
    expect(drift.reference).toEqual({ rows: 4, present: 2, missingShare: 0.5 });
    expect(drift.ks).toBe(0);
    expect(drift.wasserstein).toBe(0);
    expect(drift.psi).toBe(0);
  });

  it('gives NaN, not 0, when a side has nothing to compare', () => {
    const drift = numericDrift(Float64Array.of(NaN, NaN), Float64Array.of(1, 2));
    expect(drift.ks).toBeNaN();
    expect(drift.wasserstein).toBeNaN();
    expect(drift.psi).toBeNaN();
    expect(drift.reference.missingShare).toBe(1);
    expect(psiSeverity(drift.psi)).toBe('unknown');
    const empty = numericDrift(new Float64Array(0), new Float64Array(0));
    expect(empty.reference.missingShare).toBeNaN();
    expect(empty.histogram.edges.length).toBe(0);
  });

  it('leaves infinities out of the histogram but keeps them in KS', () => {
    const drift = numericDrift(Float64Array.of(0, 1, Infinity), Float64Array.of(0, 1, 2));
    expect(drift.ks).toBeCloseTo(1 / 3, 15);
    expect(drift.histogram.reference.reduce((a, b) => a + b, 0)).toBe(2);
  });
});

describe('quantileSorted', () => {
  it('interpolates from the nearer end, as numpy._lerp', () => {
    const x = Float64Array.of(0, 1);
    expect(quantileSorted(x, 0.3)).toBe(0.3);
    expect(quantileSorted(x, 0.7)).toBe(1 - 1 * (1 - 0.7));
    expect(quantileSorted(Float64Array.of(4), 0.9)).toBe(4);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });
});

describe('column helper', () => {
  it('keeps expectClose honest', () => {
    expect(() => expectClose([1], [1 + 1e-6], 1e-9)).toThrow(/\[0\]/);
  });
});
