/**
 * A data column chosen by name: a list of the open data file's columns when the field is about
 * that file, a text box when it is about another one (whose columns the page has not read).
 */
import type { ReactNode } from 'react';

interface ColumnFieldProps {
  label: string;
  name: string;
  value: string;
  /** The columns of the file the field is about, when the page knows them. */
  columns: readonly { name: string }[];
  onChange: (value: string) => void;
  /** Offer "none" (an empty value) first. */
  optional?: boolean;
  placeholder?: string;
  hint?: ReactNode;
}

export function ColumnField(props: ColumnFieldProps) {
  const { columns, optional } = props;
  return (
    <label>
      {props.label}
      {columns.length ? (
        <select value={props.value} onChange={(e) => props.onChange(e.target.value)} name={props.name}>
          {optional ? <option value="">none</option> : null}
          {columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      ) : (
        <input
          type="text"
          name={props.name}
          value={props.value}
          placeholder={props.placeholder}
          onChange={(e) => props.onChange(e.target.value.trim())}
        />
      )}
      {props.hint ? <span className="hint">{props.hint}</span> : null}
    </label>
  );
}
