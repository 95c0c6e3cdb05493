/**
 * Streams rows to a JSON Lines file: one object per row, keys in column order, the same values
 * as the CSV output. Numbers are written so they read back to the same float64 (float32 columns
 * with the same shortest text as CSV); NaN and missing values are null; ±Infinity, which JSON
 * cannot hold, is the text "inf" / "-inf" as in CSV; -0 is -0.0 so readers keep the sign.
 */
import { formatFloat32, formatFloat64 } from './float-format';
import { OutputSink } from './output-sink';
import type { OutputColumn } from '../../contract/data-types';
import type { ResumableWriter, TrackOptions } from './written-so-far';

export function createJsonLinesWriter(path: string, track: TrackOptions = {}): ResumableWriter {
  return new JsonLinesWriter(path, track);
}

class JsonLinesWriter implements ResumableWriter {
  private readonly sink: OutputSink;

  constructor(
    path: string,
    private readonly track: TrackOptions,
  ) {
    this.sink = new OutputSink(path, { track: track.onWritten !== undefined, resume: track.resume });
  }

  async write(columns: readonly OutputColumn[]): Promise<void> {
    const rows = columns[0]?.values.length ?? 0;
    const keys = columns.map((c, j) => `${j === 0 ? '{' : ','}${JSON.stringify(c.name)}:`);
    const formatters = columns.map(jsonValue);
    const lines = new Array<string>(rows + 1);
    for (let i = 0; i < rows; i++) {
      let line = '';
      for (let j = 0; j < formatters.length; j++) line += keys[j]! + formatters[j]!(i);
      lines[i] = line + '}';
    }
    lines[rows] = '';
    await this.sink.write(rows > 0 ? lines.join('\n') : '');
    this.track.onWritten?.(this.sink.written());
  }

  close(): Promise<void> {
    return this.sink.close();
  }

  finish(): Promise<void> {
    return this.sink.finish();
  }

  abort(): Promise<void> {
    return this.sink.abort();
  }
}

function jsonValue(column: OutputColumn): (row: number) => string {
  switch (column.kind) {
    case 'float64': {
      const values = column.values;
      return (i) => jsonNumber(values[i]!, formatFloat64);
    }
    case 'float32': {
      const values = column.values;
      return (i) => jsonNumber(values[i]!, formatFloat32);
    }
    case 'int64': {
      const values = column.values;
      return (i) => String(values[i]!);
    }
    case 'string': {
      const values = column.values;
      return (i) => {
        const value = values[i];
        return value == null ? 'null' : JSON.stringify(value);
      };
    }
  }
}

function jsonNumber(x: number, format: (x: number) => string): string {
  if (Number.isNaN(x)) return 'null';
  if (!Number.isFinite(x)) return x > 0 ? '"inf"' : '"-inf"';
  if (Object.is(x, -0)) return '-0.0';
  return format(x);
}
