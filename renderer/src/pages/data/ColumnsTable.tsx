/**
 * One table for the schema and the summary, row by column: the type is the schema's, so the two
 * can never disagree, and missing values (empty, NA, n/a, null, NaN) are counted as missing.
 */
import { fmtInt, fmtValue } from '../../format';
import type { DataPreview } from '../../types';

export function ColumnsTable({ preview }: { preview: DataPreview }) {
  const summaries = new Map(preview.summary.map((s) => [s.name, s]));
  const hasSummary = preview.summary.length > 0;
  return (
    <div className="scroll-y scroll-x">
      <table className="data-table compact" data-testid="columns-table">
        <caption className="sr-only">Columns: type and summary</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col">Source type</th>
            {hasSummary ? (
              <>
                <th scope="col" className="num">
                  Missing
                </th>
                <th scope="col" className="num">
                  Min
                </th>
                <th scope="col" className="num">
                  Max
                </th>
                <th scope="col" className="num">
                  Mean
                </th>
                <th scope="col" className="num">
                  Distinct
                </th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {preview.info.columns.map((c) => {
            const s = summaries.get(c.name);
            return (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td>
                  <span className={`type-tag type-${c.type}`}>{c.type}</span>
                </td>
                <td className="mono small">{c.sourceType}</td>
                {hasSummary ? (
                  <>
                    <td className="num">{s ? fmtInt(s.nulls) : '—'}</td>
                    <td className="num">{fmtValue(s?.min)}</td>
                    <td className="num">{fmtValue(s?.max)}</td>
                    <td className="num">{fmtValue(s?.mean)}</td>
                    <td className="num">{fmtInt(s?.distinct)}</td>
                  </>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
