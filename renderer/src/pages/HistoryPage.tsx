import { useEffect, useState } from 'react';
import { ErrorBox } from '../components/ErrorBox';
import { specToDraft } from '../draft';
import { higherIsBetter, metricLabel } from '../evaluation';
import { fmtDate, fmtInt, fmtNum, fmtValue, shortHash } from '../format';
import { basename, isAbsolute, join } from '../paths';
import { useStore } from '../store';
import { getStudio } from '../studio';
import {
  PROVIDERS,
  errorPayload,
  isObject,
  num,
  str,
  type RunComparison,
  type RunDetail,
  type EnsembleSpec,
  type ErrorPayload,
  type Provider,
  type RunSummary,
} from '../types';

const KINDS = ['score', 'evaluate', 'optimize', 'export', 'precision', 'benchmark'];
const STATUSES = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'];

interface Filters {
  kind: string;
  status: string;
  ensemble: string;
  dataset: string;
}

function scopeName(scope: string): string {
  return scope === 'ensemble' ? 'Ensemble' : scope;
}

export function HistoryPage() {
  const { state } = useStore();
  const [filters, setFilters] = useState<Filters>({ kind: '', status: '', ensemble: '', dataset: '' });
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
    const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v.trim() !== ''));
    getStudio()
      ['history.list']({ ...query, limit: 500 })
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
  }, [filters, state.historyVersion, reload]);

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
              {KINDS.map((k) => (
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
              {STATUSES.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          <label>
            Ensemble
            <input
              type="search"
              value={filters.ensemble}
              placeholder="name or id"
              onChange={(e) => setFilter({ ensemble: e.target.value })}
            />
          </label>
          <label>
            Dataset
            <input
              type="search"
              value={filters.dataset}
              placeholder="path or id"
              onChange={(e) => setFilter({ dataset: e.target.value })}
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
            <span className="muted">{runs.length} runs</span>
          )}
        </div>
        {error ? <ErrorBox error={error} title="History" /> : null}
      </div>

      <div className="card table-card">
        {runs.length === 0 && !loading ? (
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
                {runs.map((r) => (
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
                      <span className={`badge badge-${r.status}`}>{r.status}</span>
                    </td>
                    <td className="small">{fmtDate(r.startedAt)}</td>
                    <td>
                      {r.ensembleName ?? '—'}
                      {r.ensembleVersionNumber ? (
                        <span className="muted"> v{r.ensembleVersionNumber}</span>
                      ) : null}
                    </td>
                    <td className="mono small" title={r.datasetPath ?? ''}>
                      {r.datasetPath ? basename(r.datasetPath) : '—'}
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

function RunDetailView({ id, onClose }: { id: number; onClose: () => void }) {
  const { state, dispatch } = useStore();
  const [run, setRun] = useState<RunDetail | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);

  useEffect(() => {
    let live = true;
    getStudio()
      ['history.show']({ id })
      .then((r) => live && setRun(r))
      .catch((e) => live && setError(errorPayload(e)));
    return () => {
      live = false;
    };
  }, [id, state.historyVersion]);

  if (error) return <ErrorBox error={error} title={`Run #${id}`} />;
  if (!run) return <p className="muted">Loading run #{id}…</p>;
  const summary = run;
  const params = run.params;
  const metrics = run.metrics;
  const members = run.members;
  const runError = run.error;
  const ensemble = run.ensemble;
  const warnings = run.warnings;
  const scopes = [...new Set(metrics.map((m) => m.scope))];
  const metricNames = [...new Set(metrics.map((m) => m.name))];

  const produced = run.producedVersion;
  function openProduced() {
    if (!produced) return;
    dispatch({ type: 'draft', draft: specToDraft(produced.spec, produced.specPath ?? ''), keepClean: true });
    dispatch({ type: 'navigate', page: 'ensemble' });
  }

  async function rerun() {
    // The ensemble: as the run was given it (a spec file or an inline spec), else the recorded version.
    const source = isObject(params.ensemble) ? params.ensemble : null;
    const specPath = str(source?.specPath) ?? null;
    try {
      if (specPath) {
        const loaded = await getStudio()['ensembles.load']({ path: specPath });
        dispatch({ type: 'draft', draft: specToDraft(loaded.spec, loaded.path), keepClean: true });
      } else {
        const spec = (isObject(source?.spec) ? source.spec : ensemble?.spec) as EnsembleSpec | undefined;
        const baseDir = str(source?.baseDir) ?? '';
        if (spec && isObject(spec) && Array.isArray(spec.members)) {
          const abs = {
            ...spec,
            members: spec.members.map((m) =>
              isAbsolute(m.model) || !baseDir ? m : { ...m, model: join(baseDir, m.model) },
            ),
          };
          dispatch({ type: 'draft', draft: specToDraft(abs, '') });
        }
      }
    } catch (e) {
      setError(errorPayload(e));
      return;
    }
    const provider = (PROVIDERS as string[]).includes(String(params.provider))
      ? (params.provider as Provider)
      : 'cpu';
    const threads = num(params.threads);
    if (summary?.kind === 'score' || !summary) {
      dispatch({
        type: 'runForm',
        patch: {
          input: str(params.input) ?? '',
          output: str(params.output) ?? '',
          provider,
          threads: threads ? String(threads) : '',
          keep: Array.isArray(params.keep) ? params.keep.filter((k) => typeof k === 'string').join(', ') : '',
          keepAll: params.keepAll === true,
          members: params.members === true,
        },
      });
      dispatch({ type: 'navigate', page: 'run' });
    } else {
      dispatch({
        type: 'evaluateForm',
        patch: {
          input: str(params.input) ?? '',
          label: str(params.label) ?? '',
          ...(params.method === 'stacking' || params.method === 'greedy' ? { method: params.method } : {}),
          ...(num(params.size) ? { size: String(params.size) } : {}),
          ...(str(params.output) ? { output: str(params.output) ?? '' } : {}),
        },
      });
      dispatch({ type: 'navigate', page: 'evaluate' });
    }
  }

  return (
    <div className="card detail" aria-labelledby="run-detail-title" data-testid="run-detail">
      <div className="card-head">
        <h2 id="run-detail-title">
          Run #{id} · {summary?.kind}{' '}
          <span className={`badge badge-${summary?.status}`}>{summary?.status}</span>
        </h2>
        <div className="button-row">
          <button type="button" onClick={() => void rerun()}>
            Re-run
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      <div className="detail-grid">
        <dl className="kv">
          <dt>Started</dt>
          <dd>{fmtDate(summary?.startedAt)}</dd>
          <dt>Finished</dt>
          <dd>{fmtDate(summary?.finishedAt)}</dd>
          <dt>Ensemble</dt>
          <dd>
            {summary?.ensembleName ?? '—'}
            {summary?.ensembleVersionNumber ? ` v${summary.ensembleVersionNumber}` : ''}
            {str(ensemble?.specPath) ? (
              <span className="mono small muted"> · {str(ensemble?.specPath)}</span>
            ) : null}
          </dd>
          <dt>Dataset</dt>
          <dd className="mono small break">{summary?.datasetPath ?? '—'}</dd>
          <dt>Rows</dt>
          <dd>
            {fmtInt(summary?.rows)} at {fmtInt(summary?.rowsPerSec)} rows/s
          </dd>
        </dl>
        <dl className="kv">
          <dt>Provider</dt>
          <dd>
            {summary?.providerUsed ?? '—'} (asked {summary?.providerRequested ?? '—'}), threads{' '}
            {fmtValue(run.threads)}
          </dd>
          <dt>Versions</dt>
          <dd>
            app {fmtValue(run.appVersion)} · ONNX Runtime {fmtValue(run.onnxruntimeVersion)}
          </dd>
          <dt>Output</dt>
          <dd className="mono small break">{str(run.outputPath) ?? '—'}</dd>
          <dt>Output SHA-256</dt>
          <dd className="mono small">{shortHash(str(run.outputSha256), 16)}</dd>
          {produced ? (
            <>
              <dt>Produced</dt>
              <dd>
                {str(produced.name) ?? 'ensemble'} v{fmtValue(produced.versionNumber)}{' '}
                <button type="button" className="link small" onClick={openProduced}>
                  Open in builder
                </button>
              </dd>
            </>
          ) : null}
          {num(run.parentRunId) ? (
            <>
              <dt>Derived from</dt>
              <dd>run #{num(run.parentRunId)}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {runError ? <ErrorBox error={runError} title="The run failed" /> : null}
      {warnings.length ? (
        <ul className="warnings">
          {warnings.map((w, i) => (
            <li key={i} className="warning-text">
              {w}
            </li>
          ))}
        </ul>
      ) : null}
      {members.length ? (
        <>
          <h3>Members</h3>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col" className="num">
                  Weight
                </th>
                <th scope="col">Model</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m, i) => (
                <tr key={i}>
                  <td>{fmtValue(m.name)}</td>
                  <td className="num">{fmtValue(m.weight)}</td>
                  <td className="mono small">{str(m.modelPath) ? basename(str(m.modelPath) ?? '') : '—'}</td>
                  <td className="mono small">{shortHash(str(m.modelSha256))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {metrics.length ? (
        <>
          <h3>Metrics</h3>
          <div className="scroll-x">
            <table className="data-table compact">
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  {metricNames.map((n) => (
                    <th key={n} scope="col" className="num">
                      {metricLabel(n)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {scopes.map((s) => (
                  <tr key={s}>
                    <th scope="row">{scopeName(s)}</th>
                    {metricNames.map((n) => (
                      <td key={n} className="num">
                        {fmtNum(metrics.find((m) => m.scope === s && m.name === n)?.value ?? null)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <details>
        <summary>Parameters</summary>
        <pre className="json small">{JSON.stringify(params, null, 2)}</pre>
      </details>
    </div>
  );
}

function CompareView({ c, onClose }: { c: RunComparison; onClose: () => void }) {
  const rows: [string, unknown, unknown][] = [
    ['Kind', c.a.kind, c.b.kind],
    ['Status', c.a.status, c.b.status],
    ['Started', fmtDate(c.a.startedAt), fmtDate(c.b.startedAt)],
    [
      'Ensemble',
      `${c.a.ensembleName ?? '—'} v${c.a.ensembleVersionNumber ?? '?'}`,
      `${c.b.ensembleName ?? '—'} v${c.b.ensembleVersionNumber ?? '?'}`,
    ],
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

function signed(v: number, digits = 4): string {
  return `${v > 0 ? '+' : ''}${digits === 0 ? fmtInt(v) : fmtNum(v, digits)}`;
}
