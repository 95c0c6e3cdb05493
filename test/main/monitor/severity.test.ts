/** PSI severity bands and their configurable thresholds. */
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../contract/errors';
import { psiSeverity } from '../../../main/monitor/severity';

describe('psiSeverity', () => {
  it.each([
    [0, 'stable'],
    [0.0999, 'stable'],
    [0.1, 'moderate'],
    [0.25, 'moderate'],
    [0.2500001, 'major'],
    [7, 'major'],
    [NaN, 'unknown'],
  ])('%d is %s', (psi, severity) => {
    expect(psiSeverity(psi)).toBe(severity);
  });

  it('uses the thresholds it is given', () => {
    expect(psiSeverity(0.15, { moderate: 0.2, major: 0.5 })).toBe('stable');
    expect(psiSeverity(0.3, { moderate: 0.2, major: 0.5 })).toBe('moderate');
    expect(psiSeverity(0.2, { moderate: 0.2, major: 0.2 })).toBe('moderate');
  });

  it('refuses thresholds out of order, negative or not finite', () => {
    for (const t of [
      { moderate: 0.3, major: 0.2 },
      { moderate: -1, major: 0.2 },
      { moderate: 0.1, major: NaN },
    ]) {
      expect(() => psiSeverity(0.1, t)).toThrow(StudioError);
    }
  });
});
