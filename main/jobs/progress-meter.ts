/**
 * Rows done → rows/s and ETA, throttled so subscribers get an update at most every `intervalMs`
 * (and always the first and the last one).
 */
import type { JobProgress } from '../../contract/contract';

export class ProgressMeter {
  private readonly startedAt = performance.now();
  private lastEmitAt = -Infinity;
  private rowsDone = 0;
  /** Rows done before this attempt (a resumed run): they count as done, not towards the rate. */
  private rowsBefore = 0;

  /**
   * @param rowsTotalIsEstimate the total was estimated from the file's size: a run that goes past
   * it raises it to the rows done, and messages say no exact total.
   */
  constructor(
    private readonly jobId: string,
    private rowsTotal: number | null,
    private readonly emit: (progress: JobProgress) => void,
    private readonly intervalMs = 200,
    private readonly rowsTotalIsEstimate = false,
  ) {}

  /** A resumed run: `rows` were done by an earlier attempt. */
  startFrom(rows: number): void {
    this.rowsBefore = rows;
    this.rowsDone = rows;
  }

  /** Record progress; emits when the interval has passed or `force` is set. */
  update(rowsDone: number, phase: JobProgress['phase'] = 'scoring', force = false): void {
    this.rowsDone = rowsDone;
    if (this.rowsTotalIsEstimate && this.rowsTotal !== null && rowsDone > this.rowsTotal)
      this.rowsTotal = rowsDone;
    const now = performance.now();
    if (!force && now - this.lastEmitAt < this.intervalMs) return;
    this.lastEmitAt = now;
    this.emit(this.snapshot(phase, now));
  }

  snapshot(phase: JobProgress['phase'], now = performance.now()): JobProgress {
    const elapsedSeconds = (now - this.startedAt) / 1000;
    const rowsPerSec = elapsedSeconds > 0 ? (this.rowsDone - this.rowsBefore) / elapsedSeconds : 0;
    const remaining = this.rowsTotal === null ? null : Math.max(0, this.rowsTotal - this.rowsDone);
    const etaSeconds = remaining === null || rowsPerSec <= 0 ? null : remaining / rowsPerSec;
    return {
      jobId: this.jobId,
      phase,
      rowsDone: this.rowsDone,
      rowsTotal: this.rowsTotal,
      ...(this.rowsTotalIsEstimate && this.rowsTotal !== null ? { rowsTotalIsEstimate: true } : {}),
      rowsPerSec,
      etaSeconds,
      elapsedSeconds,
    };
  }
}
