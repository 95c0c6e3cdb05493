/** The fused model checked against this app on the same file: pass or fail, and why. */
import { fmtBytes, fmtDuration, fmtInt, fmtNum, fmtPct, shortHash } from '../../format';
import { PARITY_TOLERANCE, parityPasses, type JobResult } from '../../results';
import { KeyValue } from '../../components/KeyValue';
import { Stat, StatRow } from '../../components/Stat';
import { Warnings } from '../../components/Warnings';

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
        <StatRow>
          <Stat label="Rows checked">{fmtInt(p.rows)}</Stat>
          <Stat label="Largest difference" testId="parity-diff">
            {fmtNum(p.maxAbsDiff)}
          </Stat>
          <Stat label="Label agreement" testId="parity-agreement">
            {fmtPct(p.agreement, p.agreement === 1 ? 0 : 2)}
          </Stat>
          <Stat label="Size">{fmtBytes(r.sizeBytes)}</Stat>
        </StatRow>
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
      <KeyValue
        rows={[
          { term: 'File', value: r.output ?? '—', className: 'mono break' },
          {
            term: 'SHA-256',
            value: shortHash(r.outputSha256, 16),
            className: 'mono',
            title: r.outputSha256 ?? undefined,
          },
          !p && { term: 'Size', value: fmtBytes(r.sizeBytes) },
          { term: 'Inputs', value: <InputsText r={r} /> },
          { term: 'Outputs', value: r.outputs.join(', '), className: 'mono' },
          {
            term: 'Opsets',
            value: r.opsets.map((o) => `${o.domain} ${o.version}`).join(' · '),
            className: 'mono',
          },
          r.classes && { term: 'Classes', value: r.classes.join(', ') },
          { term: 'Time', value: fmtDuration(r.seconds) },
        ]}
      />
      <Warnings list={r.warnings} />
    </div>
  );
}

/** The fused model's inputs: one matrix with its column count, or the first few input names. */
function InputsText({ r }: { r: JobResult<'export'> }) {
  const only = r.inputs.length === 1 ? r.inputs[0] : undefined;
  if (only && only.columns.length > 1)
    return (
      <>
        <code>{only.name}</code> <span className="muted">{only.type}</span> · {only.columns.length} columns
      </>
    );
  return (
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
  );
}
