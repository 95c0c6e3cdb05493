/**
 * Drift results as the monitor job reports them: typed arrays as plain arrays (they cross a process
 * boundary and are printed as JSON) and a severity beside each PSI.
 */
import type { MonitorCategoricalDrift, MonitorNumericDrift } from '../../contract/contract';
import type { CategoricalDrift } from './drift-categorical';
import type { NumericDrift } from './drift-numeric';
import { psiSeverity, type PsiThresholds } from './severity';

export function numericDriftJson(drift: NumericDrift, thresholds: PsiThresholds): MonitorNumericDrift {
  return {
    type: 'numeric',
    ks: drift.ks,
    wasserstein: drift.wasserstein,
    psi: drift.psi,
    severity: psiSeverity(drift.psi, thresholds),
    reference: drift.reference,
    current: drift.current,
    psiBins: {
      edges: Array.from(drift.psiBins.edges),
      reference: Array.from(drift.psiBins.reference),
      current: Array.from(drift.psiBins.current),
    },
    histogram: {
      edges: Array.from(drift.histogram.edges),
      reference: Array.from(drift.histogram.reference),
      current: Array.from(drift.histogram.current),
    },
  };
}

export function categoricalDriftJson(
  drift: CategoricalDrift,
  thresholds: PsiThresholds,
): MonitorCategoricalDrift {
  return {
    type: 'text',
    psi: drift.psi,
    jensenShannon: drift.jensenShannon,
    unseenShare: drift.unseenShare,
    severity: psiSeverity(drift.psi, thresholds),
    reference: drift.reference,
    current: drift.current,
    categories: drift.categories,
    referenceCounts: Array.from(drift.referenceCounts),
    currentCounts: Array.from(drift.currentCounts),
  };
}
