/**
 * What an optimisation found (weights, a stacking meta-model or a calibration map), before and after,
 * and applying it.
 */
import { useState } from 'react';
import { LineChart } from '../../components/charts';
import { specToDraft } from '../../draft';
import { higherIsBetter, metricLabel } from '../../evaluation';
import { fmtNum } from '../../format';
import type { OptimizeResult } from '../../results';
import { useStore } from '../../store';
import { isObject } from '../../types';
import { CalibrationResult } from './CalibrationResult';

export function OptimizePanel({ opt }: { opt: OptimizeResult }) {
  const { state, dispatch } = useStore();
  const [applied, setApplied] = useState(false);
  const draft = state.draft;
  const combiner = opt.spec.combiner;
  const weights = opt.weights ?? {};
  const trajectory = opt.trajectory ?? [];

  function apply() {
    if (opt.method === 'calibrate') {
      // The builder opens the saved spec file, calibration map included (an edit that changes the
      // scores leaves the map out again: store-reducer.ts).
      if (opt.output) dispatch({ type: 'draft', draft: specToDraft(opt.spec, opt.output), keepClean: true });
    } else if (opt.method === 'greedy') {
      const members = draft.members.map((m) => ({ ...m, weight: String(weights[m.name] ?? 0) }));
      dispatch({
        type: 'draft',
        draft: { ...draft, members, combiner: draft.combiner === 'stacking' ? 'soft_vote' : draft.combiner },
      });
    } else if (combiner.method === 'stacking') {
      dispatch({ type: 'draft', draft: { ...draft, combiner: 'stacking', stackingMeta: combiner.meta } });
    }
    setApplied(true);
  }

  const totalWeight = Object.values(weights).reduce((a, b) => a + b, 0) || 1;
  const beforeLoss = opt.before?.metrics.ensemble;
  const afterLoss = opt.after?.metrics.ensemble;
  const compared = beforeLoss && afterLoss ? Object.keys(afterLoss).filter((k) => k in beforeLoss) : [];
  return (
    <div className="optimize-result" data-testid="optimize-result">
      {opt.method === 'calibrate' ? <CalibrationResult opt={opt} /> : null}
      <div className="chart-grid">
        {trajectory.length ? (
          <LineChart
            title="Greedy search: hold-out loss per round"
            series={[{ name: 'loss', points: trajectory.map((s) => [s.round, s.loss]), emphasis: true }]}
            xLabel="Round"
            yLabel="Loss"
            markers
          />
        ) : null}
        {Object.keys(weights).length ? (
          <div>
            <h3>Found weights</h3>
            <ul className="bars">
              {Object.entries(weights).map(([name, w]) => (
                <li key={name}>
                  <span className="bar-label">{name}</span>
                  <span className="bar">
                    <span style={{ width: `${(w / totalWeight) * 100}%` }} />
                  </span>
                  <span className="bar-value">{fmtNum(w, 3)}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {combiner.method === 'stacking' ? <MetaModel meta={combiner.meta} /> : null}
      </div>
      {compared.length && beforeLoss && afterLoss ? (
        <table className="data-table compact">
          <caption>Ensemble before and after, on the same hold-out file</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                Before
              </th>
              <th scope="col" className="num">
                After
              </th>
              <th scope="col" className="num">
                Δ
              </th>
            </tr>
          </thead>
          <tbody>
            {compared.map((k) => {
              const a = beforeLoss[k];
              const b = afterLoss[k];
              const d = typeof a === 'number' && typeof b === 'number' ? b - a : null;
              const better = d !== null && d !== 0 && d > 0 === higherIsBetter(k);
              return (
                <tr key={k}>
                  <td>{metricLabel(k)}</td>
                  <td className="num">{fmtNum(a ?? null)}</td>
                  <td className="num">{fmtNum(b ?? null)}</td>
                  <td className={`num ${d === null || d === 0 ? '' : better ? 'ok-text' : 'error-text'}`}>
                    {d === null ? '—' : `${d > 0 ? '+' : ''}${fmtNum(d)}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          onClick={apply}
          disabled={applied || (opt.method === 'calibrate' && !opt.output)}
        >
          {opt.method === 'greedy'
            ? 'Apply weights'
            : opt.method === 'calibrate'
              ? 'Use the calibrated spec'
              : 'Apply stacking model'}
        </button>
        {applied ? (
          <span className="ok-text" role="status">
            {opt.method === 'calibrate'
              ? 'The calibrated spec is now the open ensemble.'
              : 'Applied to the ensemble builder.'}
          </span>
        ) : null}
        {opt.output ? <span className="muted small">Saved as {opt.output}</span> : null}
      </div>
    </div>
  );
}

/** The fitted stacking meta-model: one coefficient per member score (per class when multinomial). */
function MetaModel({ meta }: { meta: unknown }) {
  if (!isObject(meta)) return null;
  const features = Array.isArray(meta.features) ? meta.features.map(String) : [];
  const coef: number[][] = Array.isArray(meta.coef)
    ? meta.coef.every(Array.isArray)
      ? (meta.coef as unknown[][]).map((r) => r.map(Number))
      : [meta.coef.map(Number)]
    : [];
  const intercept: number[] = Array.isArray(meta.intercept)
    ? meta.intercept.map(Number)
    : [Number(meta.intercept)];
  return (
    <div>
      <h3>Meta-model ({String(meta.kind ?? '?')})</h3>
      <table className="data-table compact">
        <thead>
          <tr>
            <th scope="col">Feature</th>
            {coef.map((_, i) => (
              <th key={i} scope="col" className="num">
                {coef.length > 1 ? `Coef. ${i + 1}` : 'Coefficient'}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {features.map((f, j) => (
            <tr key={f}>
              <td className="mono small">{f}</td>
              {coef.map((row, i) => (
                <td key={i} className="num">
                  {fmtNum(row[j] ?? null)}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <td>
              <em>intercept</em>
            </td>
            {coef.map((_, i) => (
              <td key={i} className="num">
                {fmtNum(intercept[i] ?? intercept[0] ?? null)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
