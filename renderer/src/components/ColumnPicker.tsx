/**
 * The columns one model input takes, in the order they reach the model (they are concatenated
 * along its last axis, so order matters): the chosen ones as a list that can be reordered, then
 * the rest to add. The label column is not offered: a model must not be fed the answer.
 */
interface ColumnPickerProps {
  /** "float_input of forest": names the controls for assistive technology and tests. */
  subject: string;
  chosen: readonly string[];
  columns: readonly string[];
  labelColumn: string;
  onChange: (chosen: string[]) => void;
}

function moved(list: readonly string[], from: number, to: number): string[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

export function ColumnPicker({ subject, chosen, columns, labelColumn, onChange }: ColumnPickerProps) {
  const available = columns.filter((c) => c !== labelColumn && !chosen.includes(c));
  return (
    <div className="column-picker-body">
      <p className="small muted">
        In the order they reach the model{labelColumn ? `; the label column ${labelColumn} is left out` : ''}.
      </p>
      <ol className="column-order" aria-label={`Column order for ${subject}`}>
        {chosen.map((c, i) => (
          <li key={c}>
            <span className="column-pos">{i + 1}</span>
            <span className="column-name">{c}</span>
            <button
              type="button"
              className="icon-button"
              disabled={i === 0}
              aria-label={`Move ${c} up`}
              onClick={() => onChange(moved(chosen, i, i - 1))}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              disabled={i === chosen.length - 1}
              aria-label={`Move ${c} down`}
              onClick={() => onChange(moved(chosen, i, i + 1))}
            >
              ↓
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove ${c}`}
              onClick={() => onChange(chosen.filter((x) => x !== c))}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      {available.length ? (
        <div className="picker-grid" role="group" aria-label={`Columns to add to ${subject}`}>
          {available.map((c) => (
            <label key={c} className="check small">
              <input type="checkbox" checked={false} onChange={() => onChange([...chosen, c])} />
              {c}
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
}
