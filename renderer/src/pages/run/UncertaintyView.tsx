/**
 * After a run with uncertainty columns: the distribution of the ensemble's entropy and the rows
 * it is least sure of (smallest margin between its top two probabilities), read back from the
 * first rows of the written output, as the view says.
 */
import { useEffect, useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { DriftHistogram } from '../monitor/DriftHistogram';
import { edgeLabels } from '../monitor/severity';
import { fmtInt, fmtValue } from '../../format';
import { getStudio } from '../../studio';
import { errorPayload, type DataPreview, type ErrorPayload } from '../../types';
import { ENTROPY, MARGIN, columnValues, histogram, leastCertain } from './uncertainty';

/** Rows read back; the view names the count so it is not taken for the whole file. */
const PREVIEW_ROWS = 5000;

export function UncertaintyView({ output }: { output: string }) {
  const [preview, setPreview] = useState<DataPreview | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  useEffect(() => {
    let live = true;
    getStudio()
      ['data.preview']({ path: output, rows: PREVIEW_ROWS })
      .then((p) => live && setPreview(p))
      .catch((e: unknown) => live && setError(errorPayload(e)));
    return () => {
      live = false;
    };
  }, [output]);

  if (error) return <ErrorBox error={error} title="Could not read the uncertainty columns back" />;
  if (!preview) return <p className="muted">Reading the uncertainty columns…</p>;
  const columns = preview.info.columns.map((c) => c.name);
  const entropy = columnValues(columns, preview.rows, ENTROPY);
  if (!entropy.length) return <p className="muted">The output has no {ENTROPY} column to show.</p>;
  const hist = histogram(entropy);
  const shown = columns
    .map((name, at) => ({ name, at }))
    .filter(
      (c) => c.name.startsWith('uncertainty.') || c.name === 'prediction' || c.name.startsWith('proba_'),
    );
  const rows = leastCertain(columns, preview.rows);
  return (
    <div className="uncertainty" data-testid="uncertainty-view">
      <h3>Uncertainty</h3>
      <p className="small muted">From the first {fmtInt(preview.rows.length)} rows of the output.</p>
      <figure className="chart">
        <figcaption>Entropy of the ensemble’s probabilities</figcaption>
        <DriftHistogram
          name="Entropy"
          current={hist.counts}
          bins={edgeLabels(hist.edges)}
          width={360}
          height={90}
        />
        <span className="small muted">
          0 (sure) to {hist.edges[hist.edges.length - 1]?.toPrecision(3)} (least sure)
        </span>
      </figure>
      <h4>Most uncertain rows (smallest {MARGIN.replace('uncertainty.', '')})</h4>
      <table className="data-table compact" data-testid="uncertain-rows">
        <thead>
          <tr>
            <th scope="col" className="num">
              Row
            </th>
            {shown.map((c) => (
              <th key={c.name} scope="col">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i}>
              <th scope="row" className="num">
                {fmtInt(i + 1)}
              </th>
              {shown.map((c) => (
                <td key={c.name} className="mono small">
                  {fmtValue(preview.rows[i]?.[c.at])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
