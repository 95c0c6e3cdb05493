/**
 * The output file's columns for one chunk, in DESIGN.md's order: kept input columns,
 * `prediction`, `proba_<class>` per ensemble class; with uncertainty, the `uncertainty.*` columns;
 * with members, `<member>.prediction` and `<member>.proba_<class>` for each member.
 */
import { basename } from 'node:path';
import type { Column, ColumnRequest, DataChunk, OutputColumn } from '../../contract/data-types';
import type { ResolvedEnsemble } from '../ensemble/plan';
import { StudioError } from '../../contract/errors';
import type { CombinedChunk } from './combine-chunk';
import { argmaxRows } from '../ensemble/combiners-classification';
import { uncertaintyColumnNames, uncertaintyColumns } from './uncertainty-columns';

/** What the output holds beside the ensemble's own columns. */
export interface OutputExtras {
  /** Each member's prediction and probabilities. */
  members: boolean;
  /** The per-row uncertainty columns. */
  uncertainty: boolean;
}

export function outputColumns(
  resolved: ResolvedEnsemble,
  chunk: DataChunk,
  combined: CombinedChunk,
  memberScores: readonly Float64Array[],
  keep: readonly string[],
  extras: OutputExtras,
): OutputColumn[] {
  const out: OutputColumn[] = keep.map((name) => keptColumn(name, chunk.columns.get(name)!));
  const n = chunk.rowCount;
  if ('values' in combined) {
    out.push({ name: 'prediction', kind: 'float64', values: combined.values });
    if (extras.uncertainty) out.push(...uncertaintyColumns(resolved, combined, memberScores, n));
    if (extras.members) {
      resolved.members.forEach((m, i) =>
        out.push({ name: `${m.name}.prediction`, kind: 'float64', values: memberScores[i]! }),
      );
    }
    return out;
  }
  const classes = resolved.classes;
  out.push(predictionColumn('prediction', combined.prediction, classes));
  out.push(...probaColumns('proba_', combined.proba, n, classes));
  if (extras.uncertainty) out.push(...uncertaintyColumns(resolved, combined, memberScores, n));
  if (extras.members) {
    resolved.members.forEach((m, i) => {
      const scores = memberScores[i]!;
      out.push(
        // argmaxRows gives -1 (a missing cell) on a row the member has no scores for (NaN).
        predictionColumn(`${m.name}.prediction`, argmaxRows(scores, n, classes.length), classes),
      );
      out.push(...probaColumns(`${m.name}.proba_`, scores, n, classes));
    });
  }
  return out;
}

/** The names of the columns the job adds after the kept ones, in output order. */
export function addedColumnNames(resolved: ResolvedEnsemble, extras: OutputExtras): string[] {
  const classes = resolved.task === 'classification' ? resolved.classes : [];
  const of = (prefix: string): string[] => [
    `${prefix}prediction`,
    ...classes.map((c) => `${prefix}proba_${c}`),
  ];
  return [
    ...of(''),
    ...(extras.uncertainty ? uncertaintyColumnNames(resolved) : []),
    ...(extras.members ? resolved.members.flatMap((m) => of(`${m.name}.`)) : []),
  ];
}

/**
 * Refuses a kept input column whose name is also an added column's: the output would hold two
 * columns of that name (CSV) or could not be written at all (Parquet). Checked before scoring.
 */
export function assertNoNameClash(
  resolved: ResolvedEnsemble,
  keep: readonly string[],
  extras: OutputExtras,
  file: string,
): void {
  const added = new Set(addedColumnNames(resolved, extras));
  const clashes = keep.filter((name) => added.has(name));
  if (clashes.length === 0) return;
  const list = clashes.map((name) => JSON.stringify(name)).join(', ');
  const one = clashes.length === 1;
  throw new StudioError(
    'bad_input',
    `${basename(file)}: the input column${one ? '' : 's'} ${list} would be kept, but the output adds ` +
      `${one ? 'a column' : 'columns'} of the same name: leave ${one ? 'it' : 'them'} out of --keep ` +
      `(list the columns to keep instead of --keep-all), or rename ${one ? 'it' : 'them'} in the file`,
    { file, column: clashes[0]! },
  );
}

/** Integer-looking labels are written as numbers (NaN → empty cell), others as text (null → empty). */
function predictionColumn(name: string, prediction: Int32Array, classes: readonly string[]): OutputColumn {
  const n = prediction.length;
  if (classes.every((c) => /^-?\d+$/.test(c) && Number.isSafeInteger(Number(c)))) {
    const numeric = classes.map(Number);
    const values = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const p = prediction[r]!;
      values[r] = p < 0 ? NaN : numeric[p]!;
    }
    return { name, kind: 'float64', values, handOver: true };
  }
  const values: (string | null)[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const p = prediction[r]!;
    values[r] = p < 0 ? null : classes[p]!;
  }
  return { name, kind: 'string', values };
}

function probaColumns(
  prefix: string,
  proba: Float64Array,
  n: number,
  classes: readonly string[],
): OutputColumn[] {
  const k = classes.length;
  return classes.map((label, c) => {
    const values = new Float64Array(n);
    for (let r = 0; r < n; r++) values[r] = proba[r * k + c]!;
    return { name: `${prefix}${label}`, kind: 'float64', values, handOver: true };
  });
}

function keptColumn(name: string, column: Column): OutputColumn {
  switch (column.kind) {
    case 'float32':
      return { name, kind: 'float32', values: column.values };
    case 'float64':
      return { name, kind: 'float64', values: column.values };
    case 'int64':
      return { name, kind: 'int64', values: column.values };
    case 'string':
      return { name, kind: 'string', values: column.values };
  }
}

/** A chunk of no rows with the requested columns, for writing a header-only output. */
export function emptyChunk(columns: ReadonlyMap<string, ColumnRequest>): DataChunk {
  const empty = new Map<string, Column>();
  for (const [name, kind] of columns) {
    switch (kind) {
      case 'float32':
        empty.set(name, { kind, values: new Float32Array(0) });
        break;
      case 'float64':
        empty.set(name, { kind, values: new Float64Array(0) });
        break;
      case 'int64':
        empty.set(name, { kind, values: new BigInt64Array(0) });
        break;
      case 'string':
        empty.set(name, { kind, values: [] });
        break;
    }
  }
  return { firstRow: 0, rowCount: 0, columns: empty };
}
