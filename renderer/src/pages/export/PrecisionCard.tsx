/** A precision variant measured against the original: size, speed, difference, agreement. */
import { fmtBytes, fmtInt, fmtNum, fmtPct } from '../../format';
import type { JobResult } from '../../results';
import { Warnings } from './shared';

function change(before: number, after: number): string {
  if (!before) return '';
  const ratio = after / before;
  return `×${ratio.toFixed(2)}`;
}

export function PrecisionCard({ r }: { r: JobResult<'precision'> }) {
  const p = r.precision;
  const acc = p.accuracy;
  return (
    <div className="result-summary report" data-testid="precision-result">
      <h3>
        {r.variant} variant of {r.subject || 'the fused ensemble'}{' '}
        <span className="muted small">· {fmtInt(p.rows)} rows</span>
      </h3>
      <div className="stat-row">
        <div className="stat">
          <span className="stat-label">Size</span>
          <span className="stat-value pair" data-testid="precision-size">
            {fmtBytes(p.original.sizeBytes)} → {fmtBytes(p.variant.sizeBytes)}
          </span>
          <span className="small muted">{fmtPct(p.sizeRatio, 0)} of the original</span>
        </div>
        <div className="stat">
          <span className="stat-label">Rows/s</span>
          <span className="stat-value pair">
            {fmtInt(p.original.rowsPerSec)} → {fmtInt(p.variant.rowsPerSec)}
          </span>
          <span className="small muted">{change(p.original.rowsPerSec, p.variant.rowsPerSec)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">Largest difference</span>
          <span className="stat-value">{fmtNum(p.maxAbsDiff)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">Agreement</span>
          <span className="stat-value" data-testid="precision-agreement">
            {p.agreement === null ? '—' : fmtPct(p.agreement, p.agreement === 1 ? 0 : 2)}
          </span>
          {p.agreement === null ? (
            <span className="small muted">regression: no labels to agree on</span>
          ) : null}
        </div>
        {acc ? (
          <div className="stat">
            <span className="stat-label">Accuracy</span>
            <span className="stat-value pair">
              {fmtPct(acc.original, 2)} → {fmtPct(acc.variant, 2)}
            </span>
            <span className={`small ${acc.change < 0 ? 'warning-text' : 'muted'}`}>
              {acc.change === 0
                ? 'no change'
                : `${acc.change > 0 ? '+' : '−'}${fmtPct(Math.abs(acc.change), 2)}`}
            </span>
          </div>
        ) : null}
      </div>
      <dl className="kv">
        <dt>File</dt>
        <dd className="mono break">{r.output ?? p.output}</dd>
      </dl>
      {r.changed.length ? (
        <>
          <h3>What changed</h3>
          <ul className="changed-list">
            {r.changed.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      ) : null}
      <Warnings list={r.warnings} />
    </div>
  );
}
