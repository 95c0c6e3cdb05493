/** Categorical drift against SciPy's jensenshannon and a NumPy PSI with an "other" bucket. */
import { describe, expect, it } from 'vitest';
import { categoricalDrift, jensenShannonDistance } from '../../../main/monitor/drift-categorical';
import { psiSeverity } from '../../../main/monitor/severity';
import { categoricalCases } from './fixtures';

const cases = categoricalCases();

describe('categoricalDrift matches SciPy/NumPy', () => {
  it.each(cases)('$name', ({ reference, current, expected }) => {
    const drift = categoricalDrift(reference, current);
    expect(Math.abs(drift.psi - expected.psi)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(drift.jensenShannon - expected.jensenShannon)).toBeLessThanOrEqual(1e-9);
    expect(drift.reference.missingShare).toBe(expected.referenceMissingShare);
    expect(drift.current.missingShare).toBe(expected.currentMissingShare);
    expect(drift.unseenShare).toBe(expected.unseenShare);
  });

  it('calls the stable column stable and the shifted one major', () => {
    const [stable, shifted] = [cases[0]!, cases[1]!];
    expect(psiSeverity(categoricalDrift(stable.reference, stable.current).psi)).toBe('stable');
    expect(psiSeverity(categoricalDrift(shifted.reference, shifted.current).psi)).toBe('major');
  });

  it('lists unseen categories after the reference ones, with their counts', () => {
    const drift = categoricalDrift(['b', 'a', 'b', null], ['z', 'a', 'y', 'z', undefined]);
    expect(drift.categories).toEqual(['a', 'b', 'y', 'z']);
    expect(Array.from(drift.referenceCounts)).toEqual([1, 2, 0, 0]);
    expect(Array.from(drift.currentCounts)).toEqual([1, 0, 1, 2]);
    expect(drift.unseenShare).toBe(0.75);
    expect(drift.current).toEqual({ rows: 5, present: 4, missingShare: 0.2 });
  });

  it('gives the same Jensen-Shannon whether unseen categories are apart or lumped', () => {
    // Where the reference has no mass a category adds q·ln2/2, linear in q: the split cannot matter.
    const apart = categoricalDrift(['x', 'x', 'y'], ['x', 'n1', 'n2', 'n3', 'n3']);
    const lumped = categoricalDrift(['x', 'x', 'y'], ['x', 'other', 'other', 'other', 'other']);
    expect(apart.psi).toBe(lumped.psi);
    expect(apart.jensenShannon).toBeCloseTo(lumped.jensenShannon, 14);
    expect(apart.jensenShannon).toBeCloseTo(jensenShannonDistance([2, 1, 0], [1, 0, 4]), 14);
  });

  it('gives NaN for a side with no present values', () => {
    const drift = categoricalDrift([null, null], ['a']);
    expect(drift.psi).toBeNaN();
    expect(drift.jensenShannon).toBeNaN();
    expect(categoricalDrift([], []).reference.missingShare).toBeNaN();
  });

  it('is never NaN for nearly equal distributions', () => {
    expect(jensenShannonDistance([1e9, 1], [1e9, 1])).toBe(0);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 15);
  });
});
