/**
 * Turns a label column into class indices. Labels compare by their string form (DESIGN.md:
 * `1` and `"1"` are the same class), so an int64 column, a float column read from "1" and a
 * string column all match the class "1".
 */
import { StudioError } from '../../contract/errors';

export type LabelColumn =
  | readonly string[]
  | readonly number[]
  | Float64Array
  | Float32Array
  | Int32Array
  | BigInt64Array
  | readonly (string | null)[];

export interface LabelMapOptions {
  /** Data file, for the error message and location. */
  file: string;
  /** Label column name, for the error location. */
  column: string;
  /** 0-based index, over data rows, of the first value in the column (a chunk's firstRow). */
  firstRow?: number;
  /** Drop rows whose label is not a class instead of failing; they are counted. */
  ignoreUnknown?: boolean;
}

export interface MappedLabels {
  /** Class index per kept row. */
  indices: Int32Array;
  /** Positions (into the given column) of the kept rows; null when every row was kept. */
  keptRows: Int32Array | null;
  /** Rows dropped because of an unknown label (only with ignoreUnknown). */
  unknownCount: number;
  /** Distinct unknown labels seen, at most 10, for the report. */
  unknownExamples: string[];
}

/** String form of one label value; a missing value (null, NaN) is the empty string. */
function labelText(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isNaN(value)) return '';
  return String(value);
}

export function mapLabels(
  values: LabelColumn,
  classes: readonly string[],
  options: LabelMapOptions,
): MappedLabels {
  const index = new Map(classes.map((c, i) => [c, i] as const));
  const firstRow = options.firstRow ?? 0;
  const n = values.length;
  const indices = new Int32Array(n);
  const kept = new Int32Array(n);
  let keptCount = 0;
  let unknownCount = 0;
  const unknownExamples: string[] = [];
  for (let r = 0; r < n; r++) {
    const text = labelText(values[r]);
    const c = index.get(text);
    if (c !== undefined) {
      indices[keptCount] = c;
      kept[keptCount++] = r;
      continue;
    }
    if (!options.ignoreUnknown) {
      // Line numbers are 1-based and the header is line 1, so data row 0 is on line 2.
      const line = firstRow + r + 2;
      throw new StudioError(
        'data',
        `${options.file}: line ${line}: label "${text}" is not one of the ensemble classes (${classes.join(', ')})`,
        { file: options.file, line, column: options.column },
      );
    }
    unknownCount++;
    if (unknownExamples.length < 10 && !unknownExamples.includes(text)) unknownExamples.push(text);
  }
  return {
    indices: keptCount === n ? indices : indices.slice(0, keptCount),
    keptRows: keptCount === n ? null : kept.slice(0, keptCount),
    unknownCount,
    unknownExamples,
  };
}

/** The rows of an N×width row-major matrix at `rows` (use with MappedLabels.keptRows). */
export function selectRows(matrix: Float64Array, width: number, rows: Int32Array | null): Float64Array {
  if (rows === null) return matrix;
  const out = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++)
    out.set(matrix.subarray(rows[i]! * width, rows[i]! * width + width), i * width);
  return out;
}

/** Regression targets as float64 (numbers, numeric strings or int64). */
export function regressionTargets(values: LabelColumn, options: LabelMapOptions): Float64Array {
  const firstRow = options.firstRow ?? 0;
  const out = new Float64Array(values.length);
  for (let r = 0; r < values.length; r++) {
    const v = values[r];
    const x =
      typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v == null || v === '' ? NaN : Number(v);
    if (!Number.isFinite(x)) {
      const line = firstRow + r + 2;
      throw new StudioError(
        'data',
        `${options.file}: line ${line}: target "${labelText(v)}" is not a finite number`,
        {
          file: options.file,
          line,
          column: options.column,
        },
      );
    }
    out[r] = x;
  }
  return out;
}
