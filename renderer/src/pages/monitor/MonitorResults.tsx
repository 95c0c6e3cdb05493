/**
 * A finished monitoring run: the severity counts, the estimated-versus-measured performance, the
 * drift tables and the HTML report control (given by the page, which runs the export).
 */
import type { ReactNode } from 'react';
import type { FinishedJobResult } from '../../../../contract/contract';
import { Stat, StatRow } from '../../components/Stat';
import { Warnings } from '../../components/Warnings';
import { fmtInt } from '../../format';
import { basename } from '../../paths';
import { DriftTable } from './DriftTable';
import { Performance, PredictionDrift } from './PredictionDrift';

export function MonitorResults({
  result,
  exportReport,
}: {
  result: FinishedJobResult<'monitor'>;
  exportReport: ReactNode;
}) {
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
        {exportReport}
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
