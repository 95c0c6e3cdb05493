import { openData } from '../actions';
import { ErrorBox } from '../components/ErrorBox';
import { PathField } from '../components/PathField';
import { VirtualTable } from '../components/VirtualTable';
import { fmtBytes, fmtInt, fmtValue } from '../format';
import { useStore } from '../store';
import { isObject, type Json } from '../types';

/** The per-column summary is engine-defined (`unknown[]`): show whatever scalar fields it has. */
function summaryTable(summary: unknown[]): { keys: string[]; rows: Json[] } {
  const rows = summary.filter(isObject);
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  const first = ['name', 'column'].filter((k) => keys.includes(k));
  return { keys: [...first, ...keys.filter((k) => !first.includes(k))], rows };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(8)));
  return String(v);
}

export function DataPage() {
  const { state, dispatch } = useStore();
  const { data } = state;
  const preview = data.preview;
  const columns = preview?.info.columns ?? [];
  const summary = preview ? summaryTable(preview.summary) : null;
  return (
    <section aria-labelledby="data-title" className="page">
      <header className="page-head">
        <h1 id="data-title">Data</h1>
        <p className="lede">
          Open a CSV, TSV, Parquet or JSON Lines file to see its schema, a summary and the first rows.
        </p>
      </header>
      <div className="card">
        <PathField
          label="Data file"
          value={data.path}
          onChange={(path) => dispatch({ type: 'dataPath', path })}
          action="Open"
          onAction={(p) => void openData(dispatch, p)}
          busy={data.loading}
          mode="open"
          kind="data"
          placeholder="/path/to/data.csv"
          name="data-path"
        />
      </div>
      {data.error ? <ErrorBox error={data.error} title="The file could not be opened" /> : null}
      {preview ? (
        <>
          <div className="stat-row" aria-label="Dataset facts">
            <div className="stat">
              <span className="stat-label">Rows</span>
              <span className="stat-value" data-testid="row-count">
                {preview.info.rowCount === undefined
                  ? `≥ ${fmtInt(preview.rows.length)}`
                  : fmtInt(preview.info.rowCount)}
              </span>
            </div>
            <div className="stat">
              <span className="stat-label">Columns</span>
              <span className="stat-value">{fmtInt(columns.length)}</span>
            </div>
            <div className="stat">
              <span className="stat-label">Format</span>
              <span className="stat-value">{preview.info.format.toUpperCase()}</span>
            </div>
            <div className="stat">
              <span className="stat-label">Size</span>
              <span className="stat-value">{fmtBytes(preview.info.sizeBytes)}</span>
            </div>
          </div>

          <div className="card">
            <h2>First {fmtInt(preview.rows.length)} rows</h2>
            <VirtualTable
              label="Data preview"
              columns={columns.map((c) => c.name)}
              rowCount={preview.rows.length}
              cell={(r, c) => cellText(preview.rows[r]?.[c])}
            />
          </div>

          <div className="two-col">
            <div className="card table-card">
              <h2>Schema</h2>
              <div className="scroll-y">
                <table className="data-table compact">
                  <thead>
                    <tr>
                      <th scope="col">Column</th>
                      <th scope="col">Type</th>
                      <th scope="col">Source type</th>
                    </tr>
                  </thead>
                  <tbody>
                    {columns.map((c) => (
                      <tr key={c.name}>
                        <td>{c.name}</td>
                        <td>
                          <span className={`type-tag type-${c.type}`}>{c.type}</span>
                        </td>
                        <td className="mono small">{c.sourceType}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
            <div className="card table-card">
              <h2>Column summary</h2>
              {summary && summary.rows.length ? (
                <div className="scroll-y scroll-x">
                  <table className="data-table compact">
                    <thead>
                      <tr>
                        {summary.keys.map((k) => (
                          <th key={k} scope="col">
                            {k}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {summary.rows.map((r, i) => (
                        <tr key={i}>
                          {summary.keys.map((k) => (
                            <td key={k} className={typeof r[k] === 'number' ? 'num' : ''}>
                              {fmtValue(r[k])}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p className="muted">No summary for this file.</p>
              )}
            </div>
          </div>
        </>
      ) : !data.error ? (
        <p className="empty">No data file open.</p>
      ) : null}
    </section>
  );
}
