/** The run's ensemble metrics beside the changed ensemble's, with the change coloured better or worse. */
import type { WhatIfResult } from '../../../../contract/contract';
import { metricLabel } from '../../evaluation';
import { fmtNum } from '../../format';
import { metricDelta } from './whatIfDelta';

const VERDICT_TEXT = { better: 'better', worse: 'worse', same: 'unchanged' } as const;

export function WhatIfMetrics({ result }: { result: WhatIfResult }) {
  const before = result.before.metrics.ensemble;
  const after = result.after.metrics.ensemble;
  const names = Object.keys(before).filter((k) => before[k] !== null || after[k] !== null);
  return (
    <table className="data-table compact" data-testid="whatif-metrics">
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" className="num">
            Run
          </th>
          <th scope="col" className="num">
            What-if
          </th>
          <th scope="col" className="num">
            Change
          </th>
        </tr>
      </thead>
      <tbody>
        {names.map((name) => {
          const { delta, verdict } = metricDelta(name, before[name], after[name]);
          return (
            <tr key={name} data-metric={name} data-verdict={verdict}>
              <th scope="row">{metricLabel(name)}</th>
              <td className="num">{fmtNum(before[name], 4)}</td>
              <td className="num" data-testid={`whatif-after-${name}`}>
                {fmtNum(after[name], 4)}
              </td>
              <td className={`num delta-${verdict}`}>
                {delta === null
                  ? '—'
                  : `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${fmtNum(Math.abs(delta), 4)}`}
                <span className="sr-only"> ({VERDICT_TEXT[verdict]})</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
