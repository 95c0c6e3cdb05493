/**
 * What a calibration did on the hold-out file: the ensemble's reliability curve before and after
 * (one chart per calibrated class: binary, the second class), and the change in log loss and Brier
 * score. Both are measured on the file the map was fitted on, which the panel says.
 */
import { calibrationPoints } from '../../../../charts/series';
import type { CalibrationPlot, EvaluationResult } from '../../../../contract/evaluation-types';
import { LineChart } from '../../components/charts';
import { fmtNum } from '../../format';
import type { OptimizeResult } from '../../results';

/** A curve's points as the line chart takes them. */
function points(curve: CalibrationPlot): [number, number][] {
  return calibrationPoints(curve).map(([x, y]) => [x, y]);
}

function ensembleCurves(ev: EvaluationResult | undefined): CalibrationPlot[] {
  return ev?.plots.calibration?.ensemble ?? [];
}

function change(name: string, label: string, opt: OptimizeResult) {
  const before = opt.before?.metrics.ensemble[name];
  const after = opt.after?.metrics.ensemble[name];
  if (typeof before !== 'number' || typeof after !== 'number') return null;
  const d = after - before;
  return (
    <li key={name} data-testid={`calibration-${name}`}>
      {label}: {fmtNum(before)} → {fmtNum(after)}{' '}
      <span className={d < 0 ? 'ok-text' : d > 0 ? 'error-text' : ''}>
        ({d > 0 ? '+' : ''}
        {fmtNum(d)})
      </span>
    </li>
  );
}

export function CalibrationResult({ opt }: { opt: OptimizeResult }) {
  const calibration = opt.spec.calibration;
  const before = ensembleCurves(opt.before);
  const after = ensembleCurves(opt.after);
  const changes = [change('log_loss', 'Log loss', opt), change('brier', 'Brier score', opt)].filter(Boolean);
  return (
    <div data-testid="calibration-result">
      <p>
        {calibration?.method === 'isotonic' ? 'Isotonic' : 'Sigmoid (Platt)'} calibration fitted on{' '}
        {opt.after?.rows ?? opt.rows} hold-out rows; the members and the combiner are unchanged.
      </p>
      {changes.length ? <ul className="calibration-changes">{changes}</ul> : null}
      <p className="muted small">
        Measured on the file the map was fitted on, so the “after” numbers are in-sample: evaluate the
        calibrated spec on a file it has not seen.
      </p>
      <div className="chart-grid" data-testid="calibration-curves">
        {after.map((curve) => {
          const old = before.find((c) => c.className === curve.className);
          return (
            <LineChart
              key={curve.className}
              title={`Reliability, class ${curve.className}: before and after`}
              series={[
                ...(old ? [{ name: 'before', points: points(old) }] : []),
                { name: 'after', points: points(curve), emphasis: true },
              ]}
              xLabel="Mean predicted probability"
              yLabel="Fraction of positives"
              xDomain={[0, 1]}
              yDomain={[0, 1]}
              diagonal
              markers
            />
          );
        })}
      </div>
    </div>
  );
}
