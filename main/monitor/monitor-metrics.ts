/**
 * A monitor result as flat history metrics, so `history show` lists and `history compare` diffs
 * two monitor runs: scope `feature:<name>` or `prediction:<name>` with psi, ks, wasserstein, js;
 * scope `reference`/`current` with the estimates, shares and measured metrics of that side.
 */
import type { HostMonitorResult, MonitorSide } from '../../contract/contract';
import type { MetricRow } from '../../contract/job-results';

type Drifts = Pick<HostMonitorResult, 'features' | 'predictions' | 'reference' | 'current'>;

export function monitorMetrics(result: Drifts): MetricRow[] {
  const rows: MetricRow[] = [];
  const add = (scope: string, name: string, value: number | null | undefined) =>
    rows.push({
      scope,
      name,
      value: value === undefined || value === null || Number.isNaN(value) ? null : value,
    });
  for (const f of result.features) {
    const scope = `feature:${f.name}`;
    add(scope, 'psi', f.psi);
    if (f.type === 'numeric') {
      add(scope, 'ks', f.ks);
      add(scope, 'wasserstein', f.wasserstein);
    } else {
      add(scope, 'js', f.jensenShannon);
    }
  }
  for (const p of result.predictions) {
    const scope = `prediction:${p.name}`;
    add(scope, 'psi', p.psi);
    add(scope, 'ks', p.ks);
    add(scope, 'wasserstein', p.wasserstein);
  }
  for (const [scope, side] of [
    ['reference', result.reference],
    ['current', result.current],
  ] as [string, MonitorSide][]) {
    add(scope, 'estimatedAccuracy', side.estimatedAccuracy);
    add(scope, 'disagreement', side.disagreement);
    for (const [name, share] of Object.entries(side.classShares ?? {})) add(scope, `share:${name}`, share);
    for (const [name, value] of Object.entries(side.measured ?? {})) add(scope, name, value);
  }
  return rows;
}
