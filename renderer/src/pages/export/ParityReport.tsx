/** The fused model checked against this app on the same file: pass or fail, and why. */
import { fmtBytes, fmtDuration, fmtInt, fmtNum, fmtPct, shortHash } from '../../format';
import { PARITY_TOLERANCE, parityPasses, type JobResult } from '../../results';
import { Warnings } from './shared';

export function ParityReport({ r }: { r: JobResult<'export'> }) {
  const p = r.parity;
  const pass = p ? parityPasses(p) : null;
  return (
    <div className="result-summary report" data-testid="export-result">
      {p ? (
        <div
          className={`verdict ${pass ? 'verdict-pass' : 'verdict-fail'}`}
          data-testid="parity-badge"
          role="status"
        >
          <span className={`badge ${pass ? 'badge-succeeded' : 'badge-failed'}`}>
            {pass ? 'Parity: pass' : 'Parity: fail'}
          </span>
          <span>
            {pass
              ? `The fused model gives this app’s results on all ${fmtInt(p.rows)} rows.`
              : `The fused model differs from this app (pass needs 100 % agreement and a difference below ${fmtNum(PARITY_TOLERANCE)}).`}
          </span>
        </div>
      ) : (
        <div className="verdict" data-testid="parity-badge">
          <span className="badge">Not checked</span>
          <span>Give a check file to compare the fused model with this app.</span>
        </div>
      )}
      {p ? (
        <div className="stat-row">
          <div className="stat">
            <span className="stat-label">Rows checked</span>
            <span className="stat-value">{fmtInt(p.rows)}</span>
          </div>
          <div className="stat">
            <span className="stat-label">Largest difference</span>
            <span className="stat-value" data-testid="parity-diff">
              {fmtNum(p.maxAbsDiff)}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">Label agreement</span>
            <span className="stat-value" data-testid="parity-agreement">
              {fmtPct(p.agreement, p.agreement === 1 ? 0 : 2)}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">Size</span>
            <span className="stat-value">{fmtBytes(r.sizeBytes)}</span>
          </div>
        </div>
      ) : null}
      {p && p.disagreements.length ? (
        <p className="warning-text">
          Labels differ on data row{p.disagreements.length === 1 ? '' : 's'}{' '}
          {p.disagreements.map((i) => fmtInt(i + 1)).join(', ')}
          {p.agreement < 1 && p.rows - Math.round(p.agreement * p.rows) > p.disagreements.length
            ? ', …'
            : ''}{' '}
          (counted from 1).
        </p>
      ) : null}
      <dl className="kv">
        <dt>File</dt>
        <dd className="mono break">{r.output ?? '—'}</dd>
        <dt>SHA-256</dt>
        <dd className="mono" title={r.outputSha256 ?? undefined}>
          {shortHash(r.outputSha256, 16)}
        </dd>
        {!p ? (
          <>
            <dt>Size</dt>
            <dd>{fmtBytes(r.sizeBytes)}</dd>
          </>
        ) : null}
        <dt>Inputs</dt>
        <dd>
          {r.inputs.length === 1 && r.inputs[0] && r.inputs[0].columns.length > 1 ? (
            <>
              <code>{r.inputs[0].name}</code> <span className="muted">{r.inputs[0].type}</span> ·{' '}
              {r.inputs[0].columns.length} columns
            </>
          ) : (
            <>
              {r.inputs.length} ({r.layout === 'matrix' ? 'one matrix' : 'one per column'}):{' '}
              <span className="mono small">
                {r.inputs
                  .slice(0, 8)
                  .map((i) => i.name)
                  .join(', ')}
                {r.inputs.length > 8 ? `, … ${r.inputs.length - 8} more` : ''}
              </span>
            </>
          )}
        </dd>
        <dt>Outputs</dt>
        <dd className="mono">{r.outputs.join(', ')}</dd>
        <dt>Opsets</dt>
        <dd className="mono">{r.opsets.map((o) => `${o.domain} ${o.version}`).join(' · ')}</dd>
        {r.classes ? (
          <>
            <dt>Classes</dt>
            <dd>{r.classes.join(', ')}</dd>
          </>
        ) : null}
        <dt>Time</dt>
        <dd>{fmtDuration(r.seconds)}</dd>
      </dl>
      <Warnings list={r.warnings} />
    </div>
  );
}
