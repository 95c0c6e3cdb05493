/**
 * A finished monitoring run: the severity counts, the estimated-versus-measured performance, the
 * drift tables and the HTML report control (shown disabled with its reason while the engine
 * offers no report for monitoring).
 */
import type { HostMonitorResult } from '../../../../contract/contract';
import { Stat, StatRow } from '../../components/Stat';
import { Warnings } from '../../components/Warnings';
import { fmtInt } from '../../format';
import { basename } from '../../paths';
import { DriftTable } from './DriftTable';
import { Performance, PredictionDrift } from './PredictionDrift';

const NO_REPORT = 'The HTML report for monitoring is not in this build yet.';

export function MonitorResults({ result }: { result: HostMonitorResult }) {
  const counts = result.severityCounts;
  return (
    <>
      <div className="card" data-testid="monitor-result">
        <h2>Summary</h2>
        <p className="small muted">Features and predictions by severity:</p>
        <StatRow label="Drift by severity">
          <Stat label="Major" testId="count-major">
            {fmtInt(counts.major)}
          </Stat>
          <Stat label="Moderate">{fmtInt(counts.moderate)}</Stat>
          <Stat label="Stable">{fmtInt(counts.stable)}</Stat>
          {counts.unknown ? <Stat label="Unknown">{fmtInt(counts.unknown)}</Stat> : null}
          <Stat label="Rows (reference → current)" pair>
            {fmtInt(result.reference.rows)} → {fmtInt(result.current.rows)}
          </Stat>
        </StatRow>
        <p className="small muted">
          {basename(result.reference.path)} against {basename(result.current.path)}. PSI below{' '}
          {result.thresholds.moderate} is stable, above {result.thresholds.major} major.
        </p>
        <Performance result={result} />
        <div className="button-row">
          <button type="button" className="secondary" disabled aria-describedby="monitor-report-why">
            Export HTML report…
          </button>
          <span className="hint" id="monitor-report-why">
            {NO_REPORT}
          </span>
        </div>
        <Warnings list={result.warnings} />
      </div>
      <div className="card">
        <h2>Feature drift</h2>
        <DriftTable features={result.features} />
      </div>
      <div className="card">
        <h2>Prediction drift</h2>
        <PredictionDrift predictions={result.predictions} />
      </div>
    </>
  );
}
