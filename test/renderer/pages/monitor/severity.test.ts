import { describe, expect, it } from 'vitest';
import { bySeverity, edgeLabels, shares } from '../../../../renderer/src/pages/monitor/severity';

describe('drift rows for the Monitor page', () => {
  it('orders major, moderate, unknown, stable; the larger PSI first within one', () => {
    const rows = [
      { name: 'a', severity: 'stable' as const, psi: 0.01 },
      { name: 'b', severity: 'major' as const, psi: 0.3 },
      { name: 'c', severity: 'moderate' as const, psi: 0.2 },
      { name: 'd', severity: 'major' as const, psi: 2 },
      { name: 'e', severity: 'unknown' as const, psi: 0 },
    ];
    expect(bySeverity(rows).map((r) => r.name)).toEqual(['d', 'b', 'c', 'e', 'a']);
    // The input is left as it was.
    expect(rows[0]?.name).toBe('a');
  });

  it('draws each side as shares of its own rows; an empty side is all zeros', () => {
    expect(shares([1, 3])).toEqual([0.25, 0.75]);
    expect(shares([0, 0])).toEqual([0, 0]);
  });

  it('labels bins by their edges', () => {
    expect(edgeLabels([0, 0.5, 1])).toEqual(['0 – 0.500', '0.500 – 1']);
  });
});
