/** What a finished scoring job did: rows, speed, output and its hash, predictions and members. */
import { succeededResult } from '../../results';
import { ErrorBox } from '../../components/ErrorBox';
import { KeyValue } from '../../components/KeyValue';
import { Stat, StatRow } from '../../components/Stat';
import { Warnings } from '../../components/Warnings';
import { fmtDuration, fmtInt, fmtNum, fmtPct, shortHash } from '../../format';
import type { JobState } from '../../store';
import { UncertaintyView } from './UncertaintyView';

/** Whether the job was asked for uncertainty columns (the request is kept as it was sent). */
function askedForUncertainty(request: unknown): boolean {
  return (
    typeof request === 'object' &&
    request !== null &&
    'uncertainty' in request &&
    request.uncertainty === true
  );
}

export function JobOutcome({ job }: { job: JobState }) {
  const f = job.finished;
  if (!f) return null;
  if (f.status === 'cancelled') return <p className="muted">Cancelled. No output file was written.</p>;
  if (f.status === 'failed')
    return f.error ? (
      <ErrorBox error={f.error} title="The job failed" />
    ) : (
      <p className="error-text">The job failed.</p>
    );
  const r = succeededResult(f, 'score');
  if (!r) return <p className="ok-text">Finished.</p>;
  const counts = r.predictionCounts ? Object.entries(r.predictionCounts) : [];
  const total = counts.reduce((a, [, n]) => a + n, 0) || 1;
  return (
    <div className="result-summary" data-testid="score-result">
      <StatRow>
        <Stat label="Rows">{fmtInt(r.rows)}</Stat>
        <Stat label="Rows/s">{fmtInt(r.rowsPerSec)}</Stat>
        <Stat label="Time">{fmtDuration(r.seconds)}</Stat>
        <Stat label="Provider">{r.providerUsed || r.providerRequested}</Stat>
      </StatRow>
      <KeyValue
        rows={[
          { term: 'Output', value: r.output ?? '—', className: 'mono break' },
          {
            term: 'SHA-256',
            value: shortHash(r.outputSha256, 16),
            className: 'mono',
            title: r.outputSha256 ?? undefined,
          },
        ]}
      />
      {counts.length ? (
        <>
          <h3>Predictions</h3>
          <ul className="bars">
            {counts.map(([cls, n]) => (
              <li key={cls}>
                <span className="bar-label">{cls}</span>
                <span className="bar">
                  <span style={{ width: `${(n / total) * 100}%` }} />
                </span>
                <span className="bar-value">
                  {fmtInt(n)} · {fmtPct(n / total)}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.members.length ? (
        <>
          <h3>Members</h3>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col" className="num">
                  Weight
                </th>
                <th scope="col">Provider</th>
                <th scope="col" className="num">
                  Agreement with ensemble
                </th>
                <th scope="col">{r.classes ? `Mean P(${r.classes.join(', ')})` : 'Mean prediction'}</th>
              </tr>
            </thead>
            <tbody>
              {r.members.map((m) => (
                <tr key={m.name}>
                  <td>{m.name}</td>
                  <td className="num">{fmtNum(m.weight, 3)}</td>
                  <td>{m.provider}</td>
                  <td className="num">{fmtPct(m.agreement)}</td>
                  <td className="mono small">{m.means.map((v) => fmtNum(v, 3)).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {r.output && askedForUncertainty(job.request) ? <UncertaintyView output={r.output} /> : null}
      <Warnings list={r.warnings} />
    </div>
  );
}
