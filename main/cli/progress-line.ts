/**
 * Job progress on stderr, as one rewritten line, only when stderr is a terminal: in scripts and
 * logs stderr carries nothing but warnings and the one-line error.
 */
import type { JobProgress } from '../../contract/contract';
import { formatSeconds } from '../jobs/kinds/run-text';
import { formatCount } from '../text/format-count';

export class ProgressLine {
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(progress: JobProgress): void {
    if (!this.stream.isTTY) return;
    this.stream.write(`\r\x1b[2K${describe(progress)}`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn && this.stream.isTTY) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}

function describe(p: JobProgress): string {
  const done = formatCount(p.rowsDone);
  const about = p.rowsTotalIsEstimate ? '~' : '';
  const total = p.rowsTotal === null ? '' : ` / ${about}${formatCount(p.rowsTotal)}`;
  const pct = p.rowsTotal ? ` ${((100 * p.rowsDone) / Math.max(1, p.rowsTotal)).toFixed(1)}%` : '';
  const rate = `${formatCount(Math.round(p.rowsPerSec))} rows/s`;
  const eta = p.etaSeconds === null ? '' : `, ETA ${formatSeconds(p.etaSeconds)}`;
  return `${p.phase} ${done}${total} rows${pct} (${rate}${eta})`;
}
