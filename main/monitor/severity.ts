/** Turning a PSI value into a verdict a person can act on. */
import { StudioError } from '../../contract/errors';

export type DriftSeverity = 'stable' | 'moderate' | 'major' | 'unknown';

/** PSI cut-offs: below `moderate` is stable, above `major` is major, in between (inclusive) moderate. */
export interface PsiThresholds {
  moderate: number;
  major: number;
}

/** The customary credit-scoring cut-offs (0.1 and 0.25); configurable because they are a convention, not a law. */
export const DEFAULT_PSI_THRESHOLDS: Readonly<PsiThresholds> = Object.freeze({ moderate: 0.1, major: 0.25 });

/**
 * PSI < moderate → stable; moderate ≤ PSI ≤ major → moderate; PSI > major → major. A NaN PSI (a side
 * with no values) is 'unknown', never 'stable': no evidence is not evidence of stability.
 * Throws a bad_input StudioError for thresholds that are negative, not finite, or out of order.
 */
export function psiSeverity(psi: number, thresholds: PsiThresholds = DEFAULT_PSI_THRESHOLDS): DriftSeverity {
  const { moderate, major } = thresholds;
  if (!Number.isFinite(moderate) || !Number.isFinite(major) || moderate < 0 || major < moderate) {
    throw new StudioError(
      'bad_input',
      `PSI thresholds must satisfy 0 ≤ moderate ≤ major, got ${moderate} and ${major}`,
    );
  }
  if (Number.isNaN(psi)) return 'unknown';
  if (psi < moderate) return 'stable';
  return psi > major ? 'major' : 'moderate';
}
