/** A scoring service's requests, rows and latency, in one line. */
import type { ServiceStats } from '../../../../contract/service-types';

export function ServiceStatsLine({ stats }: { stats: ServiceStats | null }) {
  if (!stats || stats.requests === 0) return <p className="hint">No scoring requests yet.</p>;
  const ms = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)} ms`);
  return (
    <p data-testid="service-stats">
      {stats.requests} requests ({stats.errors} refused or failed), {stats.rows} rows in {stats.batches}{' '}
      batches · {stats.requestsPerSec.toFixed(1)} requests/s · latency p50 {ms(stats.p50Ms)}, p99{' '}
      {ms(stats.p99Ms)}
    </p>
  );
}
