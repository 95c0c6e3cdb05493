/**
 * Streams rows to a CSV/TSV file. Each write() formats the whole chunk into one string and issues
 * one write, so memory holds about one chunk.
 */
import { formatFloat32, formatFloat64 } from './float-format';
import { escapeFormula } from './formula-escape';
import { OutputSink } from './output-sink';
import { COMMA, LF } from './byte-codes';
import type { OutputColumn } from '../../contract/data-types';
import type { ResumableWriter, TrackOptions } from './written-so-far';

/** Up to this many columns, a chunk's text is built by appending (measured faster; see formatRows). */
const APPEND_MAX_COLUMNS = 8;

export interface CsvWriterOptions extends TrackOptions {
  delimiter?: ',' | '\t';
  /** Neutralise text cells and header names a spreadsheet would run as formulas (default true). */
  escapeFormulas?: boolean;
}

export function createCsvWriter(path: string, options: CsvWriterOptions = {}): ResumableWriter {
  return new CsvWriter(path, options.delimiter ?? ',', options.escapeFormulas ?? true, options);
}

class CsvWriter implements ResumableWriter {
  private readonly sink: OutputSink;
  /** A resumed file has its header already. */
  private headerWritten: boolean;
  private readonly quoteTest: RegExp;
  private readonly onWritten: TrackOptions['onWritten'];
  /** floatRows' output, kept from chunk to chunk (the sink is done with it when write() resolves). */
  private readonly scratch = { bytes: Buffer.allocUnsafe(0) };

  constructor(
    path: string,
    private readonly delimiter: string,
    private readonly escapeFormulas: boolean,
    track: TrackOptions,
  ) {
    this.sink = new OutputSink(path, { track: track.onWritten !== undefined, resume: track.resume });
    this.headerWritten = track.resume !== undefined;
    this.onWritten = track.onWritten;
    this.quoteTest = new RegExp(`["\\r\\n${delimiter === '\t' ? '\\t' : delimiter}]`);
  }

  async write(columns: readonly OutputColumn[]): Promise<void> {
    let text = '';
    if (!this.headerWritten) {
      text += columns.map((c) => this.text(c.name)).join(this.delimiter) + '\n';
      this.headerWritten = true;
    }
    const floats = floatRows(columns, this.delimiter, this.scratch);
    if (floats) {
      if (text !== '') await this.sink.write(text);
      await this.sink.write(floats);
    } else {
      text += this.formatRows(columns);
      await this.sink.write(text);
    }
    this.onWritten?.(this.sink.written());
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

  /**
   * The chunk's rows as one string. A few columns (the usual scored output): appended to one
   * string, which V8 keeps as a rope and flattens once when the sink encodes it. Many columns:
   * one flat join per row, then per chunk; appending made ropes too deep to be cheap there.
   */
  private formatRows(columns: readonly OutputColumn[]): string {
    const rows = columns[0]?.values.length ?? 0;
    const formatters = columns.map((c) => this.cellFormatter(c));
    const delimiter = this.delimiter;
    if (formatters.length <= APPEND_MAX_COLUMNS) {
      const last = formatters.length - 1;
      let text = '';
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < last; j++) text += formatters[j]!(i) + delimiter;
        text += formatters[last]!(i) + '\n';
      }
      return text;
    }
    const cells = new Array<string>(formatters.length);
    const lines = new Array<string>(rows + 1);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < formatters.length; j++) cells[j] = formatters[j]!(i);
      lines[i] = cells.join(delimiter);
    }
    lines[rows] = '';
    return rows > 0 ? lines.join('\n') : '';
  }

  private cellFormatter(column: OutputColumn): (row: number) => string {
    switch (column.kind) {
      case 'float64': {
        const values = column.values;
        return (i) => formatFloat64(values[i]!);
      }
      case 'float32': {
        const values = column.values;
        return (i) => formatFloat32(values[i]!);
      }
      case 'int64': {
        const values = column.values;
        return (i) => String(values[i]!);
      }
      case 'string': {
        // null is an empty cell; an empty string is written "" so the two stay apart.
        const values = column.values;
        return (i) => {
          const value = values[i];
          return value == null ? '' : value === '' ? '""' : this.text(value);
        };
      }
    }
  }

  /** A text cell or header name: formula-neutralised (when on), then quoted as RFC 4180 needs. */
  private text(value: string): string {
    const safe = this.escapeFormulas ? escapeFormula(value) : value;
    return this.quoteTest.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  }
}

/**
 * Rows per JSON.stringify in floatRows: its text (about 20 bytes per number) then stays under
 * V8's 128 KiB limit for ordinary heap objects, so it is made in reused young-generation pages
 * rather than in fresh large-object pages every chunk.
 */
const SLICE_ROWS = 1024;

/** Reused row-major staging for floatRows (a plain array of doubles, as JSON.stringify likes). */
let staged: number[] = [];

/**
 * The rows of a chunk whose columns are all float64 and every value finite and not -0 (the usual
 * scored output), as bytes in `out` (grown as needed; the caller keeps it for the next chunk);
 * null for any other chunk (formatRows writes it).
 *
 * JSON.stringify formats a whole array of numbers in one native call, with the same shortest
 * round-trip text as String(x) for every such value (only NaN, ±Infinity and -0 print otherwise,
 * hence the check), and without a string per number: the writer took 25-30 % less CPU than cell by cell.
 * Numbers hold no comma, so the separators in its "[a,b,c,…]" are exactly the cells' boundaries:
 * every row's last one becomes a newline.
 */
function floatRows(
  columns: readonly OutputColumn[],
  delimiter: string,
  out: { bytes: Buffer },
): Buffer | null {
  const width = columns.length;
  const rows = columns[0]?.values.length ?? 0;
  if (width === 0 || rows === 0) return null;
  const sources: Float64Array[] = [];
  for (const column of columns) {
    if (column.kind !== 'float64') return null;
    for (const x of column.values) {
      // NaN, ±Infinity and -0 (x === 0 with 1/x negative) print differently in JSON.
      if (!(x - x === 0) || (x === 0 && 1 / x < 0)) return null;
    }
    sources.push(column.values);
  }
  const separator = delimiter.charCodeAt(0);
  let length = 0;
  for (let first = 0; first < rows; first += SLICE_ROWS) {
    const count = Math.min(SLICE_ROWS, rows - first);
    if (staged.length !== count * width) staged = new Array<number>(count * width).fill(0);
    for (let j = 0; j < width; j++) {
      const values = sources[j]!;
      for (let i = 0; i < count; i++) staged[i * width + j] = values[first + i]!;
    }
    const text = JSON.stringify(staged);
    if (out.bytes.length < length + text.length) {
      const bigger = Buffer.allocUnsafe(Math.max(2 * out.bytes.length, length + text.length));
      out.bytes.copy(bigger, 0, 0, length);
      out.bytes = bigger;
    }
    const bytes = out.bytes;
    bytes.write(text, length, 'latin1');
    // Shifted one byte left over the opening bracket while the separators are rewritten; the
    // closing bracket becomes the last row's newline.
    let cell = 0;
    const end = length + text.length - 1;
    for (let at = length + 1; at < end; at++) {
      let byte = bytes[at]!;
      if (byte === COMMA) {
        cell++;
        if (cell === width) {
          byte = LF;
          cell = 0;
        } else {
          byte = separator;
        }
      }
      bytes[at - 1] = byte;
    }
    bytes[end - 1] = LF;
    length = end;
  }
  return out.bytes.subarray(0, length);
}
