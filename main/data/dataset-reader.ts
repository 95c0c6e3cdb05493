/**
 * Streams requested columns of a data file as typed-array chunks. DuckDB parses and converts;
 * we only memcpy its vectors into arrays of `chunkRows` rows, so memory stays flat in the number
 * of rows.
 *
 * A failure in the middle of a DuckDB streaming result is not reported by @duckdb/node-api: the
 * stream just ends early (the C API's fetch returns no chunk and its error is not exposed). So
 * each read runs in an explicit transaction: an error mid-stream aborts it, a probe query after
 * the last chunk sees that, and we re-run a small aggregate over the same source to obtain
 * DuckDB's error message, which carries the line.
 */
import { basename } from 'node:path';
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import { StudioError } from '../../contract/errors';
import { duckTypeFor } from './column-types';
import { locateRecord, recordOfDataRow } from './csv-record-locator';
import { connectDuckDb, sqlIdent } from './duckdb-engine';
import { csvReadError, showValue } from './read-errors';
import { strictCsvSource, typedSource } from './source-query';
import { typedReadError } from './typed-read-errors';
import type {
  Column,
  ColumnRequest,
  DataChunk,
  DatasetInfo,
  DatasetReader,
  ReadOptions,
} from '../../contract/data-types';
import { delimiterOf } from './format';
import { allocateColumns, toDataChunk } from './chunk-columns';
import { fastCsvRequest, fastThenDuckDb } from './fast-csv';
import { literalPath } from './literal-path';
import { readAhead } from './read-ahead';
import { readAheadScript } from './data-worker';
import { hasUnderscoreAfterHeader, looseNumberError } from './strict-numbers';

export const DEFAULT_CHUNK_ROWS = 32_768;

/** The vector copies load DuckDB's native binding: only when DuckDB reads (see duckdb-engine.ts). */
type VectorCopy = typeof import('./vector-copy');
let vectorCopy: Promise<VectorCopy> | undefined;

interface ReadPlan {
  source: string;
  /** SELECT expressions, one per requested column, in request order. */
  expressions: string[];
  /** Requested columns that DuckDB must convert, with the DuckDB type (for error diagnosis). */
  casts: Map<string, string>;
  /** Indexes of int64 columns delivered as text and parsed here (CSV/TSV). */
  integerText: Set<number>;
}

export class DuckDbDatasetReader implements DatasetReader {
  constructor(
    readonly info: DatasetInfo,
    /** Header names of a CSV/TSV file (exactly as DuckDB will number its fields). */
    private readonly header: readonly string[],
  ) {}

  chunks(options: ReadOptions): AsyncIterable<DataChunk> {
    this.checkColumns(options.columns);
    const chunkRows = Math.max(1, Math.floor(options.chunkRows ?? DEFAULT_CHUNK_ROWS));
    const script = options.readAhead ? readAheadScript() : null;
    const rows = options.rows ?? { skip: 0 };
    if (script) return readAhead(this.info, this.header, options.columns, chunkRows, script, rows);
    return this.stream(options.columns, chunkRows, rows);
  }

  async close(): Promise<void> {
    // Each read owns its connection and closes it when done; nothing is held between reads.
  }

  private checkColumns(columns: ReadonlyMap<string, ColumnRequest>): void {
    const available = new Set(this.info.columns.map((c) => c.name));
    for (const name of columns.keys()) {
      if (available.has(name)) continue;
      const list = this.info.columns.map((c) => JSON.stringify(c.name)).join(', ');
      throw new StudioError(
        'data',
        `${basename(this.info.path)}: no column ${JSON.stringify(name)} (available: ${list})`,
        { file: this.info.path, column: name },
      );
    }
  }

  /** `duckPath`: the name DuckDB reads the file by (a plain-named link when the path has patterns). */
  private plan(columns: ReadonlyMap<string, ColumnRequest>, duckPath: string): ReadPlan {
    const casts = new Map<string, string>();
    const expressions: string[] = [];
    const integerText = new Set<number>();
    const schema = new Map(this.info.columns.map((c) => [c.name, c]));
    if (this.info.format === 'csv' || this.info.format === 'tsv') {
      const readTypes = new Map<string, string>();
      for (const [name, request] of columns) {
        const target = duckTypeFor(request);
        // A true/false column asked for as a number: read it as BOOLEAN, cast to 0/1 in SQL.
        const isBoolean = schema.get(name)?.type === 'boolean' && request !== 'string';
        if (request === 'int64' && !isBoolean) {
          integerText.add(expressions.length);
          readTypes.set(name, 'VARCHAR');
          expressions.push(sqlIdent(name));
          continue;
        }
        readTypes.set(name, isBoolean ? 'BOOLEAN' : target);
        casts.set(name, isBoolean ? 'BOOLEAN' : target);
        expressions.push(isBoolean ? `CAST(${sqlIdent(name)} AS ${target})` : sqlIdent(name));
      }
      const source = strictCsvSource(duckPath, delimiterOf(this.info.format), this.header, readTypes);
      return { source, expressions, casts, integerText };
    }
    for (const [name, request] of columns) {
      const target = duckTypeFor(request);
      if (schema.get(name)?.sourceType.toUpperCase() !== target) casts.set(name, target);
      expressions.push(`CAST(${sqlIdent(name)} AS ${target})`);
    }
    return { source: typedSource(duckPath, this.info.format), expressions, casts, integerText };
  }

  /**
   * A CSV/TSV read of numbers only starts on the fast path (fast-csv.ts); DuckDB reads whatever
   * it leaves, from the first row of the chunk it stopped in.
   */
  private stream(
    columns: ReadonlyMap<string, ColumnRequest>,
    chunkRows: number,
    rows: { skip: number; take?: number } = { skip: 0 },
  ): AsyncGenerator<DataChunk> {
    const fast = fastCsvRequest(this.info, this.header, [...columns], chunkRows, rows);
    return fastThenDuckDb(fast, rows, (rest) => this.duckDbChunks(columns, chunkRows, rest));
  }

  /**
   * `rows`: the data rows delivered. Rows before `skip` are parsed by DuckDB (a text file has no
   * index to seek by) but not copied; reading stops once `take` rows are out, so an error in a
   * later row is not seen by this read.
   */
  async *duckDbChunks(
    columns: ReadonlyMap<string, ColumnRequest>,
    chunkRows: number,
    rows: { skip: number; take?: number } = { skip: 0 },
  ): AsyncGenerator<DataChunk> {
    const copy = await (vectorCopy ??= import('./vector-copy'));
    const literal = await literalPath(this.info.path);
    const plan = this.plan(columns, literal.path);
    const requests = [...columns];
    const connection = await connectDuckDb();
    const strict = this.strictNumbers(plan, literal.path);
    try {
      if (strict.columns.size > 0 && (await hasUnderscoreAfterHeader(this.info.path)))
        await strict.check(connection);
      await connection.run('BEGIN TRANSACTION');
      let result;
      try {
        result = await connection.stream(`SELECT ${plan.expressions.join(', ')} FROM ${plan.source}`);
      } catch (error) {
        throw await this.readError(error, connection, plan);
      }
      let out = allocateColumns(requests, chunkRows);
      let fill = 0;
      let firstRow = rows.skip;
      let toSkip = rows.skip;
      let left = rows.take ?? Infinity;
      for (;;) {
        if (left === 0) {
          // The range is complete: the rest of the file is not read.
          await connection.run('ROLLBACK').catch(() => undefined);
          if (fill > 0) yield toDataChunk(requests, out, firstRow, fill);
          return;
        }
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        let from = Math.min(toSkip, chunk.rowCount);
        toSkip -= from;
        while (from < chunk.rowCount && left > 0) {
          const take = Math.min(chunk.rowCount - from, chunkRows - fill, left);
          left -= take;
          await this.copyRows(copy, chunk, requests, plan, out, from, take, fill, firstRow + fill, strict);
          from += take;
          fill += take;
          if (fill === chunkRows) {
            yield toDataChunk(requests, out, firstRow, fill);
            firstRow += fill;
            fill = 0;
            out = allocateColumns(requests, chunkRows);
          }
        }
      }
      await this.checkCompleted(connection, plan);
      if (fill > 0) yield toDataChunk(requests, out, firstRow, fill);
    } finally {
      connection.closeSync();
      await literal.release();
    }
  }

  private async copyRows(
    { copyFloats, copyInt64, copyIntegerText, copyStrings }: VectorCopy,
    chunk: DuckDBDataChunk,
    requests: readonly (readonly [string, ColumnRequest])[],
    plan: ReadPlan,
    out: Column[],
    from: number,
    count: number,
    at: number,
    firstRowOfCopy: number,
    strict: StrictNumbers,
  ): Promise<void> {
    for (let j = 0; j < requests.length; j++) {
      const column = out[j]!;
      switch (column.kind) {
        case 'float32':
        case 'float64':
          copyFloats(chunk, j, from, count, column.values, at);
          if (!strict.done && hasInfinity(column.values, at, count)) {
            // Off the streaming connection: a second query on it would end the stream.
            const connection = await connectDuckDb();
            try {
              await strict.check(connection);
            } finally {
              connection.closeSync();
            }
          }
          break;
        case 'int64': {
          if (plan.integerText.has(j)) {
            const bad = copyIntegerText(chunk, j, from, count, column.values, at);
            if (bad)
              throw await this.integerError(requests[j]![0], firstRowOfCopy + bad.row - from, bad.text);
            break;
          }
          const nullAt = copyInt64(chunk, j, from, count, column.values, at);
          if (nullAt >= 0)
            throw await this.integerError(requests[j]![0], firstRowOfCopy + nullAt - from, null);
          break;
        }
        case 'string':
          copyStrings(chunk, j, from, count, column.values, at);
          break;
      }
    }
  }

  /**
   * The strict-number check for a CSV/TSV read (strict-numbers.ts): run at most once per read,
   * over the float columns, when an underscore or an infinity suggests it is needed.
   */
  private strictNumbers(plan: ReadPlan, duckPath: string): StrictNumbers {
    const { path, format } = this.info;
    const columns = new Map(
      [...plan.casts].filter(
        ([, type]) => (format === 'csv' || format === 'tsv') && (type === 'FLOAT' || type === 'DOUBLE'),
      ),
    );
    const strict: StrictNumbers = {
      columns,
      done: columns.size === 0,
      check: async (connection) => {
        strict.done = true;
        const textSource = strictCsvSource(duckPath, delimiterOf(format), this.header, new Map());
        // A file that does not even read as text is left to the main read, whose error has the line.
        const error = await looseNumberError(connection, path, textSource, columns).catch(() => undefined);
        if (error) throw error;
      },
    };
    return strict;
  }

  /** After the last chunk: did the stream end because the file ended, or because DuckDB failed? */
  private async checkCompleted(connection: DuckDBConnection, plan: ReadPlan): Promise<void> {
    try {
      await connection.run('SELECT 1');
      await connection.run('COMMIT');
      return;
    } catch {
      await connection.run('ROLLBACK').catch(() => undefined);
    }
    const probe = plan.expressions.map((e) => `count(${e})`).join(', ');
    try {
      await connection.run(`SELECT ${probe} FROM ${plan.source}`);
    } catch (error) {
      throw await this.readError(error, connection, plan);
    }
    throw new StudioError('data', `${basename(this.info.path)}: reading stopped before the end of the file`, {
      file: this.info.path,
    });
  }

  private async readError(
    error: unknown,
    connection: DuckDBConnection,
    plan: ReadPlan,
  ): Promise<StudioError> {
    const { path, format } = this.info;
    if (format === 'csv' || format === 'tsv')
      return csvReadError(error, path, delimiterOf(format), this.header);
    await connection.run('ROLLBACK').catch(() => undefined);
    return typedReadError(error, connection, path, format, plan.source, plan.casts);
  }

  private async integerError(column: string, row: number, text: string | null): Promise<StudioError> {
    const { path, format } = this.info;
    const file = basename(path);
    let line = row + 1;
    let where = `row ${line}`;
    if (format === 'csv' || format === 'tsv') {
      const record = await recordOfDataRow(path, row);
      line = (await locateRecord(path, record))?.line ?? record;
      where = `line ${line}`;
    } else if (format === 'jsonl') {
      where = `line ${line}`;
    }
    return new StudioError(
      'data',
      `${file}: ${where}, column ${JSON.stringify(column)}: expected an integer, found ${text === null ? 'an empty value' : showValue(text)}`,
      {
        file: path,
        line,
        column,
      },
    );
  }
}

interface StrictNumbers {
  /** Float columns to check (name → FLOAT or DOUBLE). */
  columns: ReadonlyMap<string, string>;
  /** Checked already (the check covers the whole file), or nothing to check. */
  done: boolean;
  check(connection: DuckDBConnection): Promise<void>;
}

function hasInfinity(values: Float32Array | Float64Array, at: number, count: number): boolean {
  for (let i = at; i < at + count; i++) {
    const v = values[i]!;
    if (v === Infinity || v === -Infinity) return true;
  }
  return false;
}
