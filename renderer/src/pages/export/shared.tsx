/** What the Export page's three parts share: the ensemble chosen, derived names, small fields. */
import type { EnsembleSourceInput } from '../../draft';
import { splitList } from '../../draft';

export interface ExportContext {
  source: () => EnsembleSourceInput;
  haveEnsemble: boolean;
  /** Member names of the chosen ensemble. */
  members: string[];
  /** Folder derived paths go in ('' in the desktop app, which never derives a path). */
  baseDir: string;
  /** The ensemble's name as a file name part. */
  baseName: string;
  native: boolean;
}

export { slug } from './variantNames';

/** Whole numbers from "1, 2, 4", each 1…max; null when any part is not one. */
export function parseThreads(text: string, max = 256): number[] | null {
  const parts = splitList(text.replace(/\s+/g, ','));
  if (!parts.length) return null;
  const values = parts.map(Number);
  if (!values.every((n) => Number.isInteger(n) && n >= 1 && n <= max)) return null;
  return [...new Set(values)];
}

export function positiveInt(text: string): number | null {
  const n = Number(text);
  return text.trim() && Number.isInteger(n) && n >= 1 ? n : null;
}

/** How many rows of the data file a report or benchmark runs on. */
export function SampleRowsField(props: { name: string; value: string; onChange: (value: string) => void }) {
  return (
    <label>
      Sample rows
      <input
        type="number"
        min={1}
        max={1000000}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        name={props.name}
      />
    </label>
  );
}
