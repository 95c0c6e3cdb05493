/**
 * What the ensemble does on each side: the estimate of accuracy without labels beside the
 * reference's measured accuracy (and the current's, when it has labels), class shares, member
 * disagreement, and the drift of the ensemble's and each member's predictions.
 */
import type { HostMonitorResult, MonitorSide } from '../../../../contract/contract';
import { Stat, StatRow } from '../../components/Stat';
import { metricLabel } from '../../evaluation';
import { fmtNum, fmtPct } from '../../format';
import { SEVERITY_TEXT, bySeverity } from './severity';

function measuredAccuracy(side: MonitorSide): number | null {
  return side.measured?.accuracy ?? null;
}

export function Performance({ result }: { result: HostMonitorResult }) {
  const { reference: ref, current: cur } = result;
  const refMeasured = measuredAccuracy(ref);
  const curMeasured = measuredAccuracy(cur);
  const classes = [
    ...new Set([...Object.keys(ref.classShares ?? {}), ...Object.keys(cur.classShares ?? {})]),
  ];
  return (
    <>
      <StatRow label="Accuracy: estimated and measured">
        <Stat
          label="Estimated accuracy (current)"
          testId="estimated-accuracy"
          note="Mean probability of the predicted class; needs no labels."
        >
          {fmtPct(cur.estimatedAccuracy)}
        </Stat>
        <Stat label="Estimated accuracy (reference)">{fmtPct(ref.estimatedAccuracy)}</Stat>
        <Stat
          label="Measured accuracy (reference)"
          testId="reference-accuracy"
          note={refMeasured === null ? 'Give a label column the reference has.' : undefined}
        >
          {fmtPct(refMeasured)}
        </Stat>
        {curMeasured !== null ? <Stat label="Measured accuracy (current)">{fmtPct(curMeasured)}</Stat> : null}
        <Stat label="Member disagreement" pair>
          {fmtPct(ref.disagreement)} → {fmtPct(cur.disagreement)}
        </Stat>
      </StatRow>
      {classes.length ? (
        <p className="small">
          Predicted class shares, reference → current:{' '}
          {classes.map((c, i) => (
            <span key={c} className="mono">
              {i ? ' · ' : ''}
              {c}: {fmtPct(ref.classShares?.[c])} → {fmtPct(cur.classShares?.[c])}
            </span>
          ))}
        </p>
      ) : null}
      {cur.measured ? (
        <p className="small muted">
          Measured on the current labels:{' '}
          {Object.entries(cur.measured)
            .map(([k, v]) => `${metricLabel(k)} ${fmtNum(v, 4)}`)
            .join(' · ')}
        </p>
      ) : null}
    </>
  );
}

export function PredictionDrift({ predictions }: { predictions: HostMonitorResult['predictions'] }) {
  return (
    <table className="data-table compact" data-testid="prediction-drift">
      <thead>
        <tr>
          <th scope="col">Prediction</th>
          <th scope="col">Severity</th>
          <th scope="col" className="num">
            PSI
          </th>
          <th scope="col" className="num">
            KS
          </th>
          <th scope="col" className="num">
            Wasserstein
          </th>
        </tr>
      </thead>
      <tbody>
        {bySeverity(predictions).map((p) => (
          <tr key={`${p.source}:${p.name}`}>
            <th scope="row">{p.name}</th>
            <td>
              <span className={`severity severity-${p.severity}`}>{SEVERITY_TEXT[p.severity]}</span>
            </td>
            <td className="num">{fmtNum(p.psi, 3)}</td>
            <td className="num">{fmtNum(p.ks, 3)}</td>
            <td className="num">{fmtNum(p.wasserstein, 3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
