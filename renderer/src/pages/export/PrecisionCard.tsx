/** A precision variant measured against the original: size, speed, difference, agreement. */
import { fmtBytes, fmtInt, fmtNum, fmtPct } from '../../format';
import type { JobResult } from '../../results';
import { KeyValue } from '../../components/KeyValue';
import { Stat, StatRow } from '../../components/Stat';
import { Warnings } from '../../components/Warnings';

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
      <StatRow>
        <Stat label="Size" pair testId="precision-size" note={`${fmtPct(p.sizeRatio, 0)} of the original`}>
          {fmtBytes(p.original.sizeBytes)} → {fmtBytes(p.variant.sizeBytes)}
        </Stat>
        <Stat label="Rows/s" pair note={change(p.original.rowsPerSec, p.variant.rowsPerSec)}>
          {fmtInt(p.original.rowsPerSec)} → {fmtInt(p.variant.rowsPerSec)}
        </Stat>
        <Stat label="Largest difference">{fmtNum(p.maxAbsDiff)}</Stat>
        <Stat
          label="Agreement"
          testId="precision-agreement"
          note={p.agreement === null ? 'regression: no labels to agree on' : null}
        >
          {p.agreement === null ? '—' : fmtPct(p.agreement, p.agreement === 1 ? 0 : 2)}
        </Stat>
        {acc ? (
          <Stat
            label="Accuracy"
            pair
            noteClass={acc.change < 0 ? 'warning-text' : 'muted'}
            note={
              acc.change === 0
                ? 'no change'
                : `${acc.change > 0 ? '+' : '−'}${fmtPct(Math.abs(acc.change), 2)}`
            }
          >
            {fmtPct(acc.original, 2)} → {fmtPct(acc.variant, 2)}
          </Stat>
        ) : null}
      </StatRow>
      <KeyValue rows={[{ term: 'File', value: r.output ?? p.output, className: 'mono break' }]} />
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
