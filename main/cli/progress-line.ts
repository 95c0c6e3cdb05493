/**
 * Job progress on stderr: one rewritten line on a terminal, a line every few seconds otherwise
 * (so logs stay readable), nothing with --json unless stderr is a terminal.
 */
import type { JobProgress } from '../../preload/contract';

export class ProgressLine {
  private lastPlainAt = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(progress: JobProgress): void {
    const text = describe(progress);
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${text}`);
      this.drawn = true;
    } else if (Date.now() - this.lastPlainAt > 2000) {
      this.lastPlainAt = Date.now();
      this.stream.write(`${text}\n`);
    }
  }

  clear(): void {
    if (this.drawn && this.stream.isTTY) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}

function describe(p: JobProgress): string {
  const done = p.rowsDone.toLocaleString('en-US');
  const total = p.rowsTotal === null ? '' : ` / ${p.rowsTotal.toLocaleString('en-US')}`;
  const pct = p.rowsTotal ? ` ${((100 * p.rowsDone) / Math.max(1, p.rowsTotal)).toFixed(1)}%` : '';
  const rate = `${Math.round(p.rowsPerSec).toLocaleString('en-US')} rows/s`;
  const eta = p.etaSeconds === null ? '' : `, ETA ${formatSeconds(p.etaSeconds)}`;
  return `${p.phase} ${done}${total} rows${pct} (${rate}${eta})`;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}
