/** Two runs side by side: what differs in their settings, and each metric's change. */
import { higherIsBetter, metricLabel } from '../../evaluation';
import { fmtDate, fmtInt, fmtNum, fmtValue } from '../../format';
import type { RunComparison } from '../../types';
import { ensembleText, statusText } from './runText';

export function scopeName(scope: string): string {
  return scope === 'ensemble' ? 'Ensemble' : scope;
}

export function signed(v: number, digits = 4): string {
  return `${v > 0 ? '+' : ''}${digits === 0 ? fmtInt(v) : fmtNum(v, digits)}`;
}

export function CompareView({ c, onClose }: { c: RunComparison; onClose: () => void }) {
  const rows: [string, unknown, unknown][] = [
    ['Kind', c.a.kind, c.b.kind],
    ['Status', statusText(c.a), statusText(c.b)],
    ['Started', fmtDate(c.a.startedAt), fmtDate(c.b.startedAt)],
    ['Ensemble', ensembleText(c.a), ensembleText(c.b)],
    ['Dataset', c.a.datasetPath, c.b.datasetPath],
    ['Provider', c.a.providerUsed, c.b.providerUsed],
  ];
  const numeric: [string, number | null, number | null][] = [
    ['Rows', c.a.rows, c.b.rows],
    ['Rows/s', c.a.rowsPerSec, c.b.rowsPerSec],
  ];
  return (
    <div className="card detail" aria-labelledby="compare-title" data-testid="compare-view">
      <div className="card-head">
        <h2 id="compare-title">
          Run #{c.a.id} vs run #{c.b.id}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <table className="data-table compare-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">#{c.a.id}</th>
            <th scope="col">#{c.b.id}</th>
            <th scope="col" className="num">
              Δ (B − A)
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([k, a, b]) => (
            <tr key={k} className={fmtValue(a) !== fmtValue(b) ? 'differs' : ''}>
              <th scope="row">{k}</th>
              <td className="break">{fmtValue(a)}</td>
              <td className="break">{fmtValue(b)}</td>
              <td />
            </tr>
          ))}
          {numeric.map(([k, a, b]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className="num">{fmtInt(a)}</td>
              <td className="num">{fmtInt(b)}</td>
              <td className="num">{a !== null && b !== null ? signed(b - a, 0) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.metrics.length ? (
        <>
          <h3>Metrics</h3>
          <table className="data-table compact compare-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Metric</th>
                <th scope="col" className="num">
                  #{c.a.id}
                </th>
                <th scope="col" className="num">
                  #{c.b.id}
                </th>
                <th scope="col" className="num">
                  Δ
                </th>
              </tr>
            </thead>
            <tbody>
              {c.metrics.map((m) => {
                const better = m.delta !== null && m.delta !== 0 && m.delta > 0 === higherIsBetter(m.name);
                return (
                  <tr key={`${m.scope}.${m.name}`}>
                    <td>{scopeName(m.scope)}</td>
                    <td>{metricLabel(m.name)}</td>
                    <td className="num">{fmtNum(m.valueA)}</td>
                    <td className="num">{fmtNum(m.valueB)}</td>
                    <td
                      className={`num ${m.delta === null || m.delta === 0 ? '' : better ? 'ok-text' : 'error-text'}`}
                    >
                      {m.delta === null ? '—' : signed(m.delta)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : (
        <p className="muted">No metrics recorded for these runs.</p>
      )}
      {c.differences.length ? (
        <>
          <h3>Settings that differ</h3>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">#{c.a.id}</th>
                <th scope="col">#{c.b.id}</th>
              </tr>
            </thead>
            <tbody>
              {c.differences.map((d) => (
                <tr key={d.field}>
                  <td className="mono small">{d.field}</td>
                  <td className="mono small break">{fmtValue(d.a)}</td>
                  <td className="mono small break">{fmtValue(d.b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
