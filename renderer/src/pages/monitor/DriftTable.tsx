/**
 * The features' drift, worst first: severity, PSI, the other statistic of its type (KS and
 * Wasserstein for numbers, Jensen–Shannon for text), missing shares and a small histogram.
 */
import type { HostMonitorResult } from '../../../../contract/contract';
import { fmtNum, fmtPct } from '../../format';
import { DriftHistogram } from './DriftHistogram';
import { SEVERITY_TEXT, bySeverity, edgeLabels } from './severity';

type Feature = HostMonitorResult['features'][number];

function Statistics({ f }: { f: Feature }) {
  if (f.type === 'numeric')
    return (
      <span className="mono small">
        KS {fmtNum(f.ks, 3)} · W {fmtNum(f.wasserstein, 3)}
      </span>
    );
  return (
    <span className="mono small">
      JS {fmtNum(f.jensenShannon, 3)}
      {f.unseenShare > 0 ? ` · unseen ${fmtPct(f.unseenShare)}` : ''}
    </span>
  );
}

function Histogram({ f }: { f: Feature }) {
  if (f.type === 'numeric')
    return (
      <DriftHistogram
        name={f.name}
        reference={f.histogram.reference}
        current={f.histogram.current}
        bins={edgeLabels(f.histogram.edges)}
      />
    );
  return (
    <DriftHistogram
      name={f.name}
      reference={f.referenceCounts}
      current={f.currentCounts}
      bins={f.categories}
    />
  );
}

export function DriftTable({ features }: { features: HostMonitorResult['features'] }) {
  const rows = bySeverity(features);
  return (
    <table className="data-table compact drift-table" data-testid="drift-table">
      <thead>
        <tr>
          <th scope="col">Feature</th>
          <th scope="col">Severity</th>
          <th scope="col" className="num">
            PSI
          </th>
          <th scope="col">Other statistics</th>
          <th scope="col" className="num">
            Missing (ref → cur)
          </th>
          <th scope="col">
            <span className="legend-swatch hist-ref" aria-hidden="true" /> reference{' '}
            <span className="legend-swatch hist-cur" aria-hidden="true" /> current
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((f) => (
          <tr key={f.name} data-severity={f.severity}>
            <th scope="row">{f.name}</th>
            <td>
              <span className={`severity severity-${f.severity}`}>{SEVERITY_TEXT[f.severity]}</span>
            </td>
            <td className="num">{fmtNum(f.psi, 3)}</td>
            <td>
              <Statistics f={f} />
            </td>
            <td className="num small">
              {fmtPct(f.reference.missingShare)} → {fmtPct(f.current.missingShare)}
            </td>
            <td>
              <Histogram f={f} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
