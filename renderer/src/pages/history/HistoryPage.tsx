/**
 * Every run, newest first. Kind and status are asked of the engine; the text filters match
 * substrings, case-insensitively, on what the table shows (runText.ts), so "V2" finds "bc blend v2".
 */
import { useEffect, useState } from 'react';
import { JOB_KINDS, RUN_STATUSES } from '../../../../contract/contract';
import { ErrorBox } from '../../components/ErrorBox';
import { fmtDate, fmtDateLong, fmtInt } from '../../format';
import { useStore } from '../../store';
import { getStudio } from '../../studio';
import { errorPayload, type ErrorPayload, type RunComparison, type RunSummary } from '../../types';
import { CompareView } from './CompareView';
import { RunDetailView } from './RunDetailView';
import { datasetText, ensembleText, matches, statusText } from './runText';

interface Filters {
  kind: string;
  status: string;
  ensemble: string;
  dataset: string;
  text: string;
}

export function HistoryPage() {
  const { state } = useStore();
  const [filters, setFilters] = useState<Filters>({
    kind: '',
    status: '',
    ensemble: '',
    dataset: '',
    text: '',
  });
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [comparison, setComparison] = useState<RunComparison | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    const { kind, status } = filters;
    getStudio()
      ['history.list']({ ...(kind ? { kind } : {}), ...(status ? { status } : {}), limit: 500 })
      .then((list) => {
        if (!live) return;
        setRuns(list);
        setError(null);
      })
      .catch((e) => live && setError(errorPayload(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [filters.kind, filters.status, state.historyVersion, reload]);

  const shown = runs.filter((r) => matches(r, filters));

  const toggle = (id: number) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s.slice(-1), id]));

  async function compare() {
    const [a, b] = selected;
    if (a === undefined || b === undefined) return;
    try {
      const [lo, hi] = a < b ? [a, b] : [b, a];
      const result = await getStudio()['history.compare']({ a: lo, b: hi });
      setComparison(result);
      setDetailId(null);
    } catch (e) {
      setError(errorPayload(e));
    }
  }

  const setFilter = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <section aria-labelledby="history-title" className="page">
      <header className="page-head">
        <h1 id="history-title">History</h1>
        <p className="lede">
          Every run, with what it ran on and what it found. Select two runs to compare them.
        </p>
      </header>
      <div className="card">
        <div className="form-grid filters">
          <label>
            Kind
            <select
              value={filters.kind}
              onChange={(e) => setFilter({ kind: e.target.value })}
              name="filter-kind"
            >
              <option value="">all</option>
              {JOB_KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          <label>
            Status
            <select
              value={filters.status}
              onChange={(e) => setFilter({ status: e.target.value })}
              name="filter-status"
            >
              <option value="">all</option>
              {RUN_STATUSES.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          <label>
            Ensemble
            <input
              type="search"
              value={filters.ensemble}
              placeholder="part of the name, e.g. blend v2"
              onChange={(e) => setFilter({ ensemble: e.target.value })}
            />
          </label>
          <label>
            Dataset
            <input
              type="search"
              value={filters.dataset}
              placeholder="part of the file name"
              onChange={(e) => setFilter({ dataset: e.target.value })}
            />
          </label>
          <label>
            Any column
            <input
              type="search"
              value={filters.text}
              placeholder="e.g. cancelled, 2026-12-02, cpu"
              onChange={(e) => setFilter({ text: e.target.value })}
            />
          </label>
        </div>
        <div className="button-row">
          <button type="button" onClick={() => void compare()} disabled={selected.length !== 2}>
            Compare {selected.length === 2 ? `#${selected[0]} and #${selected[1]}` : 'two runs'}
          </button>
          <button type="button" className="secondary" onClick={() => setReload((n) => n + 1)}>
            Refresh
          </button>
          {loading ? (
            <span className="muted">Loading…</span>
          ) : (
            <span className="muted" data-testid="run-count">
              {shown.length === runs.length
                ? `${runs.length} runs`
                : `${shown.length} of ${runs.length} runs`}
            </span>
          )}
        </div>
        {error ? <ErrorBox error={error} title="History" /> : null}
      </div>

      <div className="card table-card">
        {shown.length === 0 && !loading ? (
          <p className="empty">No runs match.</p>
        ) : (
          <div className="scroll-x">
            <table className="data-table runs-table">
              <caption className="sr-only">Runs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="sr-only">Select</span>
                  </th>
                  <th scope="col">Run</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col">Started</th>
                  <th scope="col">Ensemble</th>
                  <th scope="col">Dataset</th>
                  <th scope="col" className="num">
                    Rows
                  </th>
                  <th scope="col" className="num">
                    Rows/s
                  </th>
                  <th scope="col">Provider</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.id} className={detailId === r.id ? 'selected' : ''}>
                    <td>
                      <input
                        type="checkbox"
                        checked={selected.includes(r.id)}
                        onChange={() => toggle(r.id)}
                        aria-label={`Select run ${r.id} for comparison`}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        onClick={() => {
                          setDetailId(r.id);
                          setComparison(null);
                        }}
                      >
                        #{r.id}
                      </button>
                    </td>
                    <td>{r.kind}</td>
                    <td>
                      <span className={`badge badge-${r.status}`}>{statusText(r)}</span>
                    </td>
                    <td className="small nowrap" title={fmtDateLong(r.startedAt)}>
                      {fmtDate(r.startedAt)}
                    </td>
                    <td>{ensembleText(r)}</td>
                    <td className="mono small" title={r.datasetPath ?? ''}>
                      {datasetText(r)}
                    </td>
                    <td className="num">{fmtInt(r.rows)}</td>
                    <td className="num">{fmtInt(r.rowsPerSec)}</td>
                    <td>{r.providerUsed ?? r.providerRequested ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      {comparison ? <CompareView c={comparison} onClose={() => setComparison(null)} /> : null}
      {detailId !== null ? <RunDetailView id={detailId} onClose={() => setDetailId(null)} /> : null}
    </section>
  );
}
