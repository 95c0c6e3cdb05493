/**
 * Every combination a migration measured, sortable by any column (click a header; again to
 * reverse), with the recommended one highlighted, the providers that could not run and why, and
 * where migration.json was written.
 */
import { useState } from 'react';
import type { MigrationCandidate } from '../../../../contract/migration-types';
import { fmtBytes, fmtDuration, fmtInt, fmtPct } from '../../format';
import type { JobResult } from '../../results';

type Key =
  | 'representation'
  | 'provider'
  | 'threads'
  | 'sizeBytes'
  | 'loadSeconds'
  | 'rowsPerSec'
  | 'maxDiff'
  | 'agreement'
  | 'metricChange';

const COLUMNS: { key: Key; label: string; numeric: boolean }[] = [
  { key: 'representation', label: 'Representation', numeric: false },
  { key: 'provider', label: 'Provider', numeric: false },
  { key: 'threads', label: 'Threads', numeric: true },
  { key: 'sizeBytes', label: 'Size', numeric: true },
  { key: 'loadSeconds', label: 'Load', numeric: true },
  { key: 'rowsPerSec', label: 'Rows/s', numeric: true },
  { key: 'maxDiff', label: 'Max diff', numeric: true },
  { key: 'agreement', label: 'Agreement', numeric: true },
  { key: 'metricChange', label: 'Metric change', numeric: true },
];

export function isRecommended(r: JobResult<'migrate'>, c: MigrationCandidate): boolean {
  const rec = r.recommendation;
  return (
    rec !== null &&
    rec.representation === c.representation &&
    rec.provider === c.provider &&
    rec.threads === c.threads
  );
}

/** Missing figures (a combination that did not run) sort last either way. */
export function sortCandidates(
  candidates: readonly MigrationCandidate[],
  key: Key,
  direction: 'ascending' | 'descending',
): MigrationCandidate[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...candidates].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * String(x).localeCompare(String(y));
  });
}

export function MigrationTable({ r }: { r: JobResult<'migrate'> }) {
  const [sort, setSort] = useState<{ key: Key; direction: 'ascending' | 'descending' }>({
    key: 'rowsPerSec',
    direction: 'descending',
  });
  const rows = sortCandidates(r.candidates, sort.key, sort.direction);
  const metric = r.candidates.find((c) => c.metric)?.metric ?? null;
  function sortBy(key: Key, numeric: boolean) {
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : {
            key,
            direction: numeric && key !== 'maxDiff' && key !== 'sizeBytes' ? 'descending' : 'ascending',
          },
    );
  }
  return (
    <div className="result-summary report" data-testid="migration-result">
      <h3>Migration report</h3>
      <p data-testid="migration-recommendation" className={r.recommendation ? 'ok-text' : 'warning-text'}>
        {r.recommendation
          ? `Recommended: ${r.recommendation.reason}.`
          : (r.warnings[0] ?? 'No combination meets the budgets.')}
      </p>
      <p className="hint">
        Measured on the first {fmtInt(r.rows)} row{r.rows === 1 ? '' : 's'} against the app’s own float32
        scoring; budgets: agreement ≥ {fmtPct(r.budgets.agreement, 2)}
        {metric ? `, ${metric} worsening ≤ ${r.budgets.metric}` : ''}.
      </p>
      <div className="scroll-x">
        <table className="data-table compact bench-table" data-testid="migration-table">
          <caption className="sr-only">
            Every representation, provider and thread count measured; the recommended one is marked. Click a
            column header to sort.
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={sort.key === c.key ? sort.direction : 'none'}
                >
                  <button type="button" className="link" onClick={() => sortBy(c.key, c.numeric)}>
                    {c.key === 'metricChange' && metric ? `${metric} change` : c.label}
                    {sort.key === c.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              ))}
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const chosen = isRecommended(r, c);
              return (
                <tr
                  key={`${c.representation}-${c.provider}-${c.threads}`}
                  className={chosen ? 'fastest' : ''}
                  data-testid="migration-row"
                  data-recommended={chosen ? 'true' : undefined}
                >
                  <th scope="row">{c.representation}</th>
                  <td>{c.provider}</td>
                  <td className="num">{c.threads}</td>
                  <td className="num">{fmtBytes(c.sizeBytes)}</td>
                  <td className="num">{fmtDuration(c.loadSeconds)}</td>
                  <td className="num" data-testid="migration-rate">
                    {fmtInt(c.rowsPerSec)}
                    {chosen ? <span className="badge badge-succeeded fastest-badge">recommended</span> : null}
                  </td>
                  <td className="num">{c.maxDiff === null ? '–' : c.maxDiff.toExponential(2)}</td>
                  <td className="num">{fmtPct(c.agreement, 2)}</td>
                  <td className="num">
                    {c.metricChange === null
                      ? '–'
                      : `${c.metricChange >= 0 ? '+' : ''}${c.metricChange.toExponential(2)}`}
                  </td>
                  <td className={c.ok ? 'muted small' : 'error-text small'}>{c.warning ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {r.absentProviders.length ? (
        <>
          <h3>Providers not measured</h3>
          <ul data-testid="migration-absent">
            {r.absentProviders.map((a) => (
              <li key={a.provider}>
                <strong>{a.provider}</strong>: <span className="muted">{a.reason}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="hint">
        Written to <span className="mono break">{r.outputDir}</span>:{' '}
        {r.written.map((w) => w.slice(r.outputDir.length + 1)).join(', ')}. The proof:{' '}
        <span className="mono break" data-testid="migration-manifest">
          {r.manifestPath}
        </span>
      </p>
    </div>
  );
}
