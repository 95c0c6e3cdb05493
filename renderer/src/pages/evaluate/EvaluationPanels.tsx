/** An evaluation drawn: metrics per model (best marked), ROC, calibration, confusion, correlation. */
import { useState } from 'react';
import { CalibrationChart, ConfusionChart, Heatmap, RocChart } from '../../components/charts';
import { chosenClass, curveClasses } from '../../../../charts/series';
import { higherIsBetter, metricLabel, type EvaluationResult } from '../../evaluation';
import { fmtInt, fmtNum, fmtPct } from '../../format';

function MetricsTable({ ev }: { ev: EvaluationResult }) {
  const scopes: [string, Record<string, number | null>][] = [
    ['ensemble', ev.metrics.ensemble],
    ...Object.entries(ev.metrics.members),
  ];
  const names: string[] = [];
  for (const [, set] of scopes) for (const k of Object.keys(set)) if (!names.includes(k)) names.push(k);
  const best: Record<string, number> = {};
  for (const n of names) {
    const values = scopes.map(([, s]) => s[n]).filter((v): v is number => typeof v === 'number');
    if (values.length) best[n] = higherIsBetter(n) ? Math.max(...values) : Math.min(...values);
  }
  return (
    <div className="scroll-x">
      <table className="data-table metrics-table" data-testid="metrics-table">
        <caption className="sr-only">Metrics per model; the best value of each metric is marked</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            {names.map((n) => (
              <th
                key={n}
                scope="col"
                className="num"
                title={higherIsBetter(n) ? 'higher is better' : 'lower is better'}
              >
                {metricLabel(n)} <span aria-hidden="true">{higherIsBetter(n) ? '↑' : '↓'}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {scopes.map(([scope, set]) => (
            <tr key={scope} className={scope === 'ensemble' ? 'ensemble-row' : ''}>
              <th scope="row">{scope === 'ensemble' ? 'Ensemble' : scope}</th>
              {names.map((n) => {
                const v = set[n];
                const isBest = typeof v === 'number' && v === best[n];
                return (
                  <td key={n} className={`num${isBest ? ' best' : ''}`}>
                    {fmtNum(v ?? null, 4)}
                    {isBest ? <span className="sr-only"> (best)</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EvaluationPanels({ ev, inSample }: { ev: EvaluationResult; inSample: boolean }) {
  const classOptions = curveClasses(ev.plots);
  const [cls, setCls] = useState(classOptions[0] ?? '');
  const [confusionOf, setConfusionOf] = useState('ensemble');
  const memberNames = Object.keys(ev.metrics.members);
  const curveClass = chosenClass(ev.plots, cls);

  return (
    <>
      <div className="card">
        <h2>
          Metrics
          {inSample ? (
            <span className="badge badge-cancelled in-sample-badge" data-testid="in-sample-label">
              in-sample
            </span>
          ) : null}
        </h2>
        <p className="hint">
          {fmtInt(ev.rows)} labelled rows
          {ev.classes && ev.classCounts
            ? ` · ${ev.classes.map((c, i) => `${c}: ${fmtInt(ev.classCounts?.[i])}`).join(', ')}`
            : ''}
          {ev.unknownLabels ? ` · ${fmtInt(ev.unknownLabels)} rows with unknown labels left out` : ''}. Best
          value per metric highlighted.
        </p>
        <MetricsTable ev={ev} />
      </div>
      <div className="card">
        <div className="card-head">
          <h2>Plots</h2>
          {classOptions.length > 1 ? (
            <label className="inline">
              Positive class
              <select value={curveClass} onChange={(e) => setCls(e.target.value)}>
                {classOptions.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        <div className="chart-grid">
          <RocChart plots={ev.plots} positiveClass={curveClass} />
          <CalibrationChart plots={ev.plots} positiveClass={curveClass} />
          {ev.plots.confusion && ev.classes ? (
            <div>
              <ConfusionChart plots={ev.plots} classes={ev.classes} model={confusionOf} />
              <label className="inline">
                Model
                <select value={confusionOf} onChange={(e) => setConfusionOf(e.target.value)}>
                  <option value="ensemble">Ensemble</option>
                  {memberNames.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          ) : null}
          {ev.plots.correlation && ev.plots.correlation.names.length > 1 ? (
            <Heatmap
              title="Member correlation"
              matrix={ev.plots.correlation.matrix.map((r) => r.map((v) => (v === null ? NaN : v)))}
              rowLabels={ev.plots.correlation.names}
              colLabels={ev.plots.correlation.names}
              scale="diverging"
            />
          ) : null}
          {ev.plots.disagreement && ev.plots.disagreement.names.length > 1 ? (
            <Heatmap
              title="Member disagreement (share of rows)"
              matrix={ev.plots.disagreement.matrix.map((r) => r.map((v) => (v === null ? NaN : v)))}
              rowLabels={ev.plots.disagreement.names}
              colLabels={ev.plots.disagreement.names}
              format={(v) => fmtPct(v, 0)}
            />
          ) : null}
        </div>
      </div>
    </>
  );
}
