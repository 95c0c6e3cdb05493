/**
 * Collects every feature column of a file while its chunks stream past: the drift statistics need
 * the whole sample, so each numeric column grows one Float64Array (NaN = missing) and each text
 * column keeps its values (null = missing), with no per-row objects.
 */
import type { Column, ColumnRequest, DataChunk } from '../../contract/data-types';
import { GrowableFloat64 } from '../jobs/growable';

export type CollectedFeature =
  | { name: string; type: 'numeric'; values: Float64Array }
  | { name: string; type: 'text'; values: (string | null)[] };

export class FeatureCollector {
  private readonly numeric = new Map<string, GrowableFloat64>();
  private readonly text = new Map<string, (string | null)[]>();

  /** `columns`: what the members read and as what; a column read as text is a text feature. */
  constructor(private readonly columns: ReadonlyMap<string, ColumnRequest>) {
    for (const [name, type] of columns) {
      if (type === 'string') this.text.set(name, []);
      else this.numeric.set(name, new GrowableFloat64());
    }
  }

  add(chunk: DataChunk): void {
    for (const [name, sample] of this.numeric) sample.append(asFloat64(chunk.columns.get(name)!));
    for (const [name, values] of this.text) {
      const column = chunk.columns.get(name)!;
      for (const v of column.values) values.push(v === null || v === undefined ? null : String(v));
    }
  }

  /** The columns in the order the ensemble reads them. */
  finish(): CollectedFeature[] {
    return [...this.columns.keys()].map((name): CollectedFeature => {
      const numeric = this.numeric.get(name);
      if (numeric) return { name, type: 'numeric', values: numeric.view() };
      return { name, type: 'text', values: this.text.get(name)! };
    });
  }
}

function asFloat64(column: Column): Float64Array {
  switch (column.kind) {
    case 'float64':
      return column.values;
    case 'float32':
      return Float64Array.from(column.values);
    case 'int64':
      return Float64Array.from(column.values, (v) => Number(v));
    case 'string':
      return Float64Array.from(column.values, (v) => (v === null || v === '' ? NaN : Number(v)));
  }
}
