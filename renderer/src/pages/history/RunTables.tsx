/** A recorded run's members (with the model files' hashes) and its metrics by scope. */
import { metricLabel } from '../../evaluation';
import { fmtNum, fmtValue, shortHash } from '../../format';
import { basename } from '../../paths';
import { str, type RunDetail } from '../../types';
import { scopeName } from './CompareView';

export function RunMembers({ members }: { members: RunDetail['members'] }) {
  if (!members.length) return null;
  return (
    <>
      <h3>Members</h3>
      <table className="data-table compact">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col" className="num">
              Weight
            </th>
            <th scope="col">Model</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m, i) => (
            <tr key={i}>
              <td>{fmtValue(m.name)}</td>
              <td className="num">{fmtValue(m.weight)}</td>
              <td className="mono small">{str(m.modelPath) ? basename(str(m.modelPath) ?? '') : '—'}</td>
              <td className="mono small">{shortHash(str(m.modelSha256))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function RunMetrics({ metrics }: { metrics: RunDetail['metrics'] }) {
  if (!metrics.length) return null;
  const scopes = [...new Set(metrics.map((m) => m.scope))];
  const metricNames = [...new Set(metrics.map((m) => m.name))];
  return (
    <>
      <h3>Metrics</h3>
      <div className="scroll-x">
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">Model</th>
              {metricNames.map((n) => (
                <th key={n} scope="col" className="num">
                  {metricLabel(n)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {scopes.map((s) => (
              <tr key={s}>
                <th scope="row">{scopeName(s)}</th>
                {metricNames.map((n) => (
                  <td key={n} className="num">
                    {fmtNum(metrics.find((m) => m.scope === s && m.name === n)?.value ?? null)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
