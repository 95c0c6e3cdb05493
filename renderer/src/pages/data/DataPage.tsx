import { openData } from '../../actions';
import { ErrorBox } from '../../components/ErrorBox';
import { Stat, StatRow } from '../../components/Stat';
import { PathField } from '../../components/PathField';
import { VirtualTable } from '../../components/VirtualTable';
import { fmtBytes, fmtInt } from '../../format';
import { useStore } from '../../store';
import type { ColumnSchema } from '../../types';
import { ColumnsTable } from './ColumnsTable';
import { DataProblems, Emptiness } from './DataProblems';

/** The spellings the docs treat as a missing value in a numeric column. */
const MISSING_TEXT = /^(na|n\/a|null|nan)$/i;

function isMissing(v: unknown, column: ColumnSchema | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'number') return Number.isNaN(v);
  const numeric = column?.type === 'number' || column?.type === 'integer';
  return typeof v === 'string' && (v.trim() === '' ? numeric : numeric && MISSING_TEXT.test(v.trim()));
}

function cellText(v: unknown, column: ColumnSchema | undefined) {
  if (isMissing(v, column)) {
    return (
      <span className="missing" title="missing value">
        missing
      </span>
    );
  }
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(8)));
  return String(v);
}

export function DataPage() {
  const { state, dispatch } = useStore();
  const { data } = state;
  const preview = data.preview;
  const columns = preview?.info.columns ?? [];
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
          <Emptiness preview={preview} />
          <DataProblems problems={preview.problems} />
          <StatRow label="Dataset facts">
            <Stat label="Rows" testId="row-count">
              {preview.info.rowCount === undefined
                ? `≥ ${fmtInt(preview.rows.length)}`
                : fmtInt(preview.info.rowCount)}
            </Stat>
            <Stat label="Columns">{fmtInt(columns.length)}</Stat>
            <Stat label="Format">{preview.info.format.toUpperCase()}</Stat>
            <Stat label="Size">{fmtBytes(preview.info.sizeBytes)}</Stat>
          </StatRow>

          <div className="card">
            <h2>{preview.rows.length ? `First ${fmtInt(preview.rows.length)} rows` : 'No data rows'}</h2>
            <VirtualTable
              label="Data preview"
              columns={columns.map((c) => c.name)}
              rowCount={preview.rows.length}
              cell={(r, c) => cellText(preview.rows[r]?.[c], columns[c])}
            />
          </div>

          <div className="card table-card">
            <h2>Columns</h2>
            <ColumnsTable preview={preview} />
          </div>
        </>
      ) : !data.error ? (
        <p className="empty">No data file open.</p>
      ) : null}
    </section>
  );
}
