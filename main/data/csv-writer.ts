/**
 * Streams rows to a CSV/TSV file. Each write() formats the whole chunk into one string and issues
 * one write, waiting for the stream to drain when it is behind, so memory holds about one chunk.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { StudioError } from '../errors';
import { formatFloat32, formatFloat64 } from './float-format';
import type { OutputColumn, TableWriter } from './types';

export interface CsvWriterOptions {
  delimiter?: ',' | '\t';
}

export function createCsvWriter(path: string, options: CsvWriterOptions = {}): TableWriter {
  return new CsvWriter(path, options.delimiter ?? ',');
}

class CsvWriter implements TableWriter {
  private readonly stream: WriteStream;
  private headerWritten = false;
  private failure: Error | undefined;
  private readonly quoteTest: RegExp;

  constructor(
    private readonly path: string,
    private readonly delimiter: string,
  ) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.stream.on('error', (error) => (this.failure = error));
    this.quoteTest = new RegExp(`["\\r\\n${delimiter === '\t' ? '\\t' : delimiter}]`);
  }

  async write(columns: readonly OutputColumn[]): Promise<void> {
    this.throwIfFailed();
    let text = '';
    if (!this.headerWritten) {
      text += columns.map((c) => this.quote(c.name)).join(this.delimiter) + '\n';
      this.headerWritten = true;
    }
    text += this.formatRows(columns);
    if (!this.stream.write(text)) await this.drain();
    this.throwIfFailed();
  }

  async finish(): Promise<void> {
    this.throwIfFailed();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    this.throwIfFailed();
  }

  async abort(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.stream.closed) resolve();
      else this.stream.destroy().once('close', () => resolve());
    });
    await rm(this.path, { force: true }).catch(() => undefined);
  }

  /**
   * The chunk's rows as one string. Row-wise with one flat join per row: formatting column-wise
   * into per-column arrays, or concatenating cells, left the garbage collector most of the work.
   */
  private formatRows(columns: readonly OutputColumn[]): string {
    const rows = columns[0]?.values.length ?? 0;
    const formatters = columns.map((c) => this.cellFormatter(c));
    const cells = new Array<string>(formatters.length);
    const lines = new Array<string>(rows + 1);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < formatters.length; j++) cells[j] = formatters[j]!(i);
      lines[i] = cells.join(this.delimiter);
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
          return value == null ? '' : value === '' ? '""' : this.quote(value);
        };
      }
    }
  }

  /** RFC 4180: quote only when needed, doubling quotes inside. */
  private quote(value: string): string {
    return this.quoteTest.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  }

  private drain(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
    });
  }

  private throwIfFailed(): void {
    if (this.failure) {
      throw new StudioError('data', `${this.path}: cannot write: ${this.failure.message}`, {
        file: this.path,
      });
    }
  }
}
