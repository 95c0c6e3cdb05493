/**
 * What the service reports about its scoring requests (POST /invocations): how many, how many
 * refused or failed, rows scored, and latency from the request's arrival to its answer.
 * Requests per second are over the busy span, from the first request's arrival to the last answer,
 * so an idle service does not look slow. Percentiles are over the latest LATENCY_WINDOW requests.
 */
import type { ServiceStats } from '../../contract/service-types';

const LATENCY_WINDOW = 100_000;

export class ServiceStatsRecorder {
  private readonly latencies = new Float64Array(LATENCY_WINDOW);
  private requests = 0;
  private errors = 0;
  private rows = 0;
  private firstStart: number | null = null;
  private lastEnd: number | null = null;

  /** @param startedAt performance.now() when the request arrived. */
  record(startedAt: number, rows: number, ok: boolean): void {
    const now = performance.now();
    this.latencies[this.requests % LATENCY_WINDOW] = now - startedAt;
    this.requests++;
    if (ok) this.rows += rows;
    else this.errors++;
    this.firstStart = Math.min(this.firstStart ?? startedAt, startedAt);
    this.lastEnd = now;
  }

  snapshot(batches: number): ServiceStats {
    const kept = this.latencies.slice(0, Math.min(this.requests, LATENCY_WINDOW)).sort();
    const span =
      this.firstStart !== null && this.lastEnd !== null ? (this.lastEnd - this.firstStart) / 1000 : 0;
    return {
      requests: this.requests,
      errors: this.errors,
      rows: this.rows,
      batches,
      requestsPerSec: span > 0 ? this.requests / span : 0,
      p50Ms: percentile(kept, 0.5),
      p99Ms: percentile(kept, 0.99),
    };
  }
}

/** Nearest-rank percentile of sorted values; null when there are none. */
function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}
