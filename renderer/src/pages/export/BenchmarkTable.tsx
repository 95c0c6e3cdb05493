/** Rows per second per provider and thread count on the sample the benchmark actually used. */
import { useState } from 'react';
import { fmtDuration, fmtInt } from '../../format';
import type { JobResult } from '../../results';
import { useStore } from '../../store';
import type { Provider } from '../../types';

type Entry = JobResult<'benchmark'>['entries'][number];

/**
 * A provider that could not start ran on the CPU: its rate is the CPU's, not its own, so none is
 * shown for it.
 */
export function fellBack(e: Entry): boolean {
  if (!e.ok) return false;
  return e.rowsPerSec === null || (Boolean(e.providerUsed) && e.providerUsed !== e.provider);
}

export function BenchmarkTable({ r, asked }: { r: JobResult<'benchmark'>; asked: number | null }) {
  const { dispatch } = useStore();
  const [applied, setApplied] = useState<string | null>(null);
  const fastest = r.best ?? null;
  const isBest = (e: JobResult<'benchmark'>['entries'][number]) =>
    fastest !== null && e.provider === fastest.provider && e.threads === fastest.threads;
  function use(provider: Provider, threads: number) {
    dispatch({ type: 'runForm', patch: { provider, threads: String(threads) } });
    setApplied(`The Run page now scores with ${provider}, ${threads} thread${threads === 1 ? '' : 's'}.`);
  }
  return (
    <div className="result-summary report" data-testid="benchmark-result">
      <h3>Results</h3>
      <p className="hint" data-testid="benchmark-sample">
        Timed on the first {fmtInt(r.rows)} row{r.rows === 1 ? '' : 's'} of the file
        {asked !== null && asked > r.rows ? ` (${fmtInt(asked)} asked for: the file has no more)` : ''}.
      </p>
      <div className="scroll-x">
        <table className="data-table compact bench-table">
          <caption className="sr-only">
            Rows per second per provider and thread count; the fastest is marked
          </caption>
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col" className="num">
                Threads
              </th>
              <th scope="col" className="num">
                Rows/s
              </th>
              <th scope="col" className="num">
                Load
              </th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {r.entries.map((e) => (
              <tr key={`${e.provider}-${e.threads}`} className={isBest(e) ? 'fastest' : ''}>
                <th scope="row">
                  {e.provider}
                  {e.providerUsed && e.providerUsed !== e.provider ? (
                    <span className="muted small"> → {e.providerUsed}</span>
                  ) : null}
                </th>
                <td className="num">{e.threads}</td>
                <td className="num">
                  {fellBack(e) ? (
                    <span className="muted small" data-testid="fell-back">
                      fell back to CPU — no rate of its own
                    </span>
                  ) : (
                    fmtInt(e.rowsPerSec)
                  )}
                  {isBest(e) ? <span className="badge badge-succeeded fastest-badge">fastest</span> : null}
                </td>
                <td className="num">{fmtDuration(e.loadSeconds)}</td>
                <td>
                  {e.ok ? <span className="ok-text">ok</span> : <span className="error-text">failed</span>}
                  {e.warning ? <span className="warning-text small"> · {e.warning}</span> : null}
                </td>
                <td className="actions">
                  {e.ok && e.providerUsed === e.provider ? (
                    <button
                      type="button"
                      className={isBest(e) ? '' : 'secondary'}
                      onClick={() => use(e.provider, e.threads)}
                      aria-label={`Use ${e.provider} with ${e.threads} thread${e.threads === 1 ? '' : 's'}`}
                    >
                      Use this provider
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {applied ? (
        <p className="ok-text" role="status">
          {applied}
        </p>
      ) : null}
      {r.optimizedModels.length ? (
        <>
          <h3>Optimised graphs</h3>
          <p className="hint">Specific to this machine and provider: do not ship them elsewhere.</p>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Provider</th>
                <th scope="col">File</th>
              </tr>
            </thead>
            <tbody>
              {r.optimizedModels.map((m) => (
                <tr key={`${m.member}-${m.provider}`}>
                  <td>{m.member}</td>
                  <td>{m.provider}</td>
                  <td className="mono small break">{m.path}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
