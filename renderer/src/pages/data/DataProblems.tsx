/**
 * What is wrong with a data file, found at preview: an empty or header-only file said plainly, and
 * each ragged row, unterminated quote or text in a numeric column with its line, so the analyst
 * fixes the file before a run stops on it.
 */
import { fmtInt } from '../../format';
import type { DataPreview } from '../../types';

const SHOWN = 50;

export function Emptiness({ preview }: { preview: DataPreview }) {
  if (preview.emptiness === 'empty') {
    return (
      <p className="notice warning-notice" role="status" data-testid="data-emptiness">
        This file is empty: it has no header and no rows. Scoring it would write nothing.
      </p>
    );
  }
  if (preview.emptiness === 'header-only') {
    const n = preview.info.columns.length;
    return (
      <p className="notice warning-notice" role="status" data-testid="data-emptiness">
        This file has a header ({fmtInt(n)} column{n === 1 ? '' : 's'}) and no data rows. Scoring it writes a
        header-only file.
      </p>
    );
  }
  return null;
}

export function DataProblems({ problems }: { problems: DataPreview['problems'] }) {
  if (!problems.length) return null;
  return (
    <div className="card data-problems" role="alert" data-testid="data-problems">
      <h2>
        {fmtInt(problems.length)} problem{problems.length === 1 ? '' : 's'} in this file
      </h2>
      <p className="hint">
        A run on this file stops at the first of these. Fix them in the file, then open it again.
      </p>
      <ul className="problem-list">
        {problems.slice(0, SHOWN).map((p, i) => (
          <li key={i}>
            <span className="problem-where">
              {p.line !== null ? `Line ${fmtInt(p.line)}` : 'File'}
              {p.column ? `, column “${p.column}”` : ''}
            </span>
            : {p.message}
          </li>
        ))}
      </ul>
      {problems.length > SHOWN ? (
        <p className="muted small">and {fmtInt(problems.length - SHOWN)} more.</p>
      ) : null}
    </div>
  );
}
