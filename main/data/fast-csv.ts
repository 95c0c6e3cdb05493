/**
 * A fast path for the commonest scoring input: a CSV/TSV file of plain numbers, read into float
 * columns. DuckDB's streaming result costs about three times the CPU of parsing such a file here
 * (measured in the README's Benchmarks), and on a two-core machine CPU is what a score run is short of.
 *
 * It delivers exactly the chunks DuckDB would: every value is the correctly rounded float32 or
 * float64 of the cell's decimal text, an empty cell or a missing marker (source-query.ts) is NaN.
 * It reads only what it fully understands: unquoted ASCII numbers (`-1.5`, `+.5`, `2e-3`), empty
 * cells and missing markers, LF or CRLF line ends, the header's number of fields on every line.
 * Anything else (a quote, a space, an underscore, an infinity, a ragged or blank line, a value out
 * of range or one whose float32 rounding needs more than a double to decide) ends the fast path at
 * the start of the chunk it is in, and DuckDB reads from there, with its own checks and messages:
 * the fast path never decides that a file is wrong.
 */
import { open } from 'node:fs/promises';
import type { Column, ColumnRequest, DataChunk, DatasetInfo } from '../../contract/data-types';
import { allocateColumns, toDataChunk } from './chunk-columns';
import { delimiterOf } from './format';
import { MISSING_MARKERS } from './missing-markers';
import { CR, DOT, E_LOWER, E_UPPER, LF, MINUS, NINE, PLUS, QUOTE, ZERO } from './byte-codes';
import { WasmLineParser } from './fast-csv-wasm';

export interface FastCsvRequest {
  path: string;
  delimiter: ',' | '\t';
  /** The header's field names, as DuckDB numbers the fields. */
  header: readonly string[];
  /** The columns to deliver, in order (all numbers). */
  columns: readonly (readonly [string, 'float32' | 'float64'])[];
  chunkRows: number;
  rows: ReadRange;
}

/** Data rows [skip, skip + take) of the file (ReadOptions.rows). */
type ReadRange = { skip: number; take?: number };

/**
 * The fast path's request for a read, or null where it does not apply: not a CSV/TSV file, a
 * column wanted as text or integers, or ENSEMBLE_STUDIO_FAST_CSV=0 (for comparison).
 */
export function fastCsvRequest(
  info: DatasetInfo,
  header: readonly string[],
  columns: readonly (readonly [string, ColumnRequest])[],
  chunkRows: number,
  rows: ReadRange,
): FastCsvRequest | null {
  const { format, path } = info;
  if (format !== 'csv' && format !== 'tsv') return null;
  if (process.env.ENSEMBLE_STUDIO_FAST_CSV === '0') return null;
  const numbers: [string, 'float32' | 'float64'][] = [];
  for (const [name, kind] of columns) {
    if (kind !== 'float32' && kind !== 'float64') return null;
    numbers.push([name, kind]);
  }
  return { path, delimiter: delimiterOf(format), header, columns: numbers, chunkRows, rows };
}

/**
 * A read's chunks: the fast path's while it can (when `request` is not null), then `duckDb`'s
 * for the rows it left.
 */
export async function* fastThenDuckDb(
  request: FastCsvRequest | null,
  rows: ReadRange,
  duckDb: (rows: ReadRange) => AsyncIterable<DataChunk>,
): AsyncGenerator<DataChunk> {
  if (request) {
    const fast = fastCsvChunks(request);
    let step;
    try {
      step = await fast.next();
      while (!step.done) {
        yield step.value;
        step = await fast.next();
      }
    } finally {
      // A reader stopped early (a range taken, an error downstream) closes the file now.
      if (!step?.done) await fast.return({ complete: true });
    }
    if (step.value.complete) return;
    const delivered = step.value.nextRow - rows.skip;
    rows = { skip: step.value.nextRow, ...(rows.take === undefined ? {} : { take: rows.take - delivered }) };
  }
  yield* duckDb(rows);
}

/** How the fast path ended: the whole range was read, or DuckDB must read on from `nextRow`. */
export type FastCsvEnd = { complete: true } | { complete: false; nextRow: number };

const BLOCK_BYTES = 4 << 20;
/** A line longer than this is left to DuckDB (whose own limit is 16 MB). */
const MAX_LINE_BYTES = 1 << 20;

/** 10^k for k = 0..22: exact in a double, so m / 10^k is one correctly rounded operation. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const MISSING = new Set(MISSING_MARKERS);
const SMALLEST_NORMAL_FLOAT32 = 2 ** -126;

/** For reading a double's bits: a float32 midpoint has exactly bit 28 set in the low 29 bits. */
const bits64 = new Float64Array(1);
const words = new Uint32Array(bits64.buffer);

/** Zero or a normal float32 (subnormals lose more bits than the midpoint test below knows). */
function isNormalFloat32(f: number): boolean {
  return f === 0 || Math.abs(f) >= SMALLEST_NORMAL_FLOAT32;
}

/**
 * Whether a double lies exactly halfway between two float32s. Rounding the double to float32 is
 * then not enough: the cell's decimal may lie just above or below it (both round to this double),
 * or exactly on it (ties to even). Elsewhere the double's float32 rounding is the decimal's.
 */
function isFloat32Midpoint(d: number): boolean {
  bits64[0] = d;
  return (words[0]! & 0x1fffffff) === 0x10000000;
}

/**
 * The correctly rounded float32 of an unsigned decimal (`text`, worth digits · 10^-scale) whose
 * double `d` is a float32 midpoint: an exact comparison of the decimal with d, in integers.
 */
function float32OfMidpoint(text: string, scale: number, d: number): number {
  const digits = BigInt(text.replace(/[eE].*$/, '').replace('.', ''));
  bits64[0] = d;
  const high = words[1]!;
  const binaryExponent = ((high >>> 20) & 0x7ff) - 1075;
  const significand = (BigInt(high & 0xfffff) << 32n) + BigInt(words[0]!) + (1n << 52n);
  const left =
    digits *
    (binaryExponent < 0 ? 1n << BigInt(-binaryExponent) : 1n) *
    (scale < 0 ? 10n ** BigInt(-scale) : 1n);
  const right =
    significand *
    (binaryExponent > 0 ? 1n << BigInt(binaryExponent) : 1n) *
    (scale > 0 ? 10n ** BigInt(scale) : 1n);
  const tiesToEven = Math.fround(d);
  if (left === right) return tiesToEven;
  const other = 2 * d - tiesToEven;
  return left > right ? Math.max(tiesToEven, other) : Math.min(tiesToEven, other);
}

interface ParseState {
  buffer: Buffer;
  /** Bytes of the buffer that hold file data. */
  length: number;
  pos: number;
  /** Nothing follows `length` in the file (the last line may lack its newline). */
  atEof: boolean;
}

/** The fields of a line and where each goes. */
interface Layout {
  separator: number;
  /** Per field of the line: the output column it fills, or -1 (not read). */
  slotOf: Int32Array;
  isFloat32: boolean[];
}

type Targets = (Float32Array | Float64Array)[];

export async function* fastCsvChunks(request: FastCsvRequest): AsyncGenerator<DataChunk, FastCsvEnd> {
  const { delimiter, header, columns, chunkRows, rows } = request;
  const notHere: FastCsvEnd = { complete: false, nextRow: rows.skip };
  if (columns.some(([name]) => !header.includes(name))) return notHere;
  const layout: Layout = {
    separator: delimiter.charCodeAt(0),
    slotOf: new Int32Array(header.length).fill(-1),
    isFloat32: columns.map(([, kind]) => kind === 'float32'),
  };
  columns.forEach(([name], j) => (layout.slotOf[header.indexOf(name)] = j));

  // Most lines are read by the WebAssembly parser, in whose memory the input block then lives.
  const wasm = WasmLineParser.create(layout, chunkRows);
  const handle = await open(request.path, 'r');
  try {
    const state: ParseState = {
      buffer: wasm ? wasm.input(BLOCK_BYTES) : Buffer.allocUnsafe(BLOCK_BYTES),
      length: 0,
      pos: 0,
      atEof: false,
    };
    let filePos = 0;
    /** Moves the unread bytes to the front and reads more after them; false when nothing came. */
    const refill = async (): Promise<boolean> => {
      const rest = state.length - state.pos;
      if (rest > state.buffer.length / 2) {
        if (state.buffer.length >= MAX_LINE_BYTES * 8) return false;
        if (wasm) {
          // The same memory, longer (growing it leaves the old view unusable).
          const bigger = wasm.input(state.buffer.length * 2);
          bigger.copyWithin(0, state.pos, state.length);
          state.buffer = bigger;
        } else {
          const bigger = Buffer.allocUnsafe(state.buffer.length * 2);
          state.buffer.copy(bigger, 0, state.pos, state.length);
          state.buffer = bigger;
        }
      } else {
        state.buffer.copy(state.buffer, 0, state.pos, state.length);
      }
      state.length = rest;
      state.pos = 0;
      const { bytesRead } = await handle.read(state.buffer, rest, state.buffer.length - rest, filePos);
      filePos += bytesRead;
      state.length += bytesRead;
      if (bytesRead === 0) {
        state.atEof = true;
        // A newline past the end stops the number scans on an unterminated last line.
        if (state.length < state.buffer.length) state.buffer[state.length] = LF;
      }
      return bytesRead > 0;
    };

    // The header line: passed over once it is one plain line of the expected names.
    await refill();
    if (state.buffer[0] === 0xef && state.buffer[1] === 0xbb && state.buffer[2] === 0xbf) state.pos = 3;
    let headerEnd = newlineBefore(state.buffer, state.pos, state.length);
    while (headerEnd < 0 && !state.atEof && (await refill()))
      headerEnd = newlineBefore(state.buffer, state.pos, state.length);
    if (headerEnd < 0) return notHere;
    const headerText = state.buffer.toString('utf8', state.pos, headerEnd).replace(/\r$/, '');
    if (headerText.includes('"') || headerText !== header.join(delimiter)) return notHere;
    state.pos = headerEnd + 1;

    // Rows before the range are only counted: in plain lines (no quote, no carriage return, not
    // blank) one line is one row.
    let toSkip = rows.skip;
    while (toSkip > 0) {
      const limit = wholeLinesEnd(state);
      if (limit === state.pos) {
        if (state.atEof || !(await refill())) return notHere;
        continue;
      }
      const region = state.buffer.subarray(state.pos, limit);
      if (region.indexOf(QUOTE) >= 0 || region.indexOf(CR) >= 0) return notHere;
      while (toSkip > 0 && state.pos < limit) {
        const newline = newlineBefore(state.buffer, state.pos, limit);
        const end = newline < 0 ? limit : newline;
        if (end === state.pos) return notHere;
        state.pos = Math.min(end + 1, limit);
        toSkip--;
      }
    }

    let left = rows.take ?? Infinity;
    let firstRow = rows.skip;
    let out = allocateColumns(columns, chunkRows);
    let fill = 0;
    while (left > 0) {
      const limit = wholeLinesEnd(state);
      if (limit > state.pos) {
        const parsed = parseRows(
          state,
          limit,
          layout,
          targetsOf(out),
          fill,
          Math.min(chunkRows, fill + left),
          wasm,
        );
        if (parsed < 0) return { complete: false, nextRow: firstRow };
        left -= parsed - fill;
        fill = parsed;
        if (fill === chunkRows) {
          yield toDataChunk(columns, out, firstRow, fill);
          firstRow += fill;
          fill = 0;
          out = allocateColumns(columns, chunkRows);
        }
        continue;
      }
      if (state.atEof) break;
      // No whole line in the buffer: read on (a line too long for the fast path ends it).
      if (!(await refill()) && !state.atEof) return { complete: false, nextRow: firstRow };
    }
    if (fill > 0) yield toDataChunk(columns, out, firstRow, fill);
    return { complete: true };
  } finally {
    await handle.close();
  }
}

function newlineBefore(buffer: Buffer, from: number, limit: number): number {
  const at = buffer.indexOf(LF, from);
  return at >= 0 && at < limit ? at : -1;
}

/** Where the whole lines in the buffer end (at the end of the file, the unterminated last line too). */
function wholeLinesEnd(state: ParseState): number {
  if (state.atEof) return state.length;
  if (state.length === state.pos) return state.pos;
  const lastNewline = state.buffer.lastIndexOf(LF, state.length - 1);
  return lastNewline < state.pos ? state.pos : lastNewline + 1;
}

/** The float arrays behind a chunk's columns (the fast path requests numbers only). */
function targetsOf(columns: readonly Column[]): Targets {
  return columns.map((column) => column.values as Float32Array | Float64Array);
}

/** The digits in [from, to) (a decimal point among them passed over) as one integer, in doubles. */
function digitsAsNumber(buf: Buffer, from: number, to: number): number {
  let value = 0;
  for (let pos = from; pos < to; pos++) if (buf[pos] !== DOT) value = value * 10 + (buf[pos]! - ZERO);
  return value;
}

/** Digits of the number text in [from, to) from its first nonzero digit on (0 when all are zero). */
function significantDigits(buf: Buffer, from: number, to: number): number {
  let pos = from;
  while (pos < to && (buf[pos] === ZERO || buf[pos] === DOT)) pos++;
  let count = 0;
  for (; pos < to; pos++) if (buf[pos] !== DOT) count++;
  return count;
}

/**
 * parseLines, with the lines the WebAssembly parser can finish read by it (when there is one):
 * each line it leaves is read here, one at a time, and it goes on after that line.
 */
function parseRows(
  state: ParseState,
  limit: number,
  layout: Layout,
  targets: Targets,
  fill: number,
  maxFill: number,
  wasm: WasmLineParser | null,
): number {
  if (!wasm) return parseLines(state, limit, layout, targets, fill, maxFill);
  // The module needs each line's newline: an unterminated last line is read here.
  const linesEnd = state.buffer[limit - 1] === LF ? limit : state.buffer.lastIndexOf(LF, limit - 1) + 1;
  while (fill < maxFill && state.pos < limit) {
    if (state.pos < linesEnd) {
      const stop = wasm.parse(state.pos, linesEnd, targets, fill, maxFill);
      fill = stop.fill;
      state.pos = stop.pos;
      if (fill === maxFill || (!stop.leftOver && state.pos < linesEnd)) break;
    }
    if (state.pos >= limit) break;
    fill = parseLines(state, limit, layout, targets, fill, fill + 1);
    if (fill < 0) return -1;
  }
  return fill;
}

/**
 * Parses whole lines from state.pos up to `limit` into rows fill.. of the targets, stopping at
 * `maxFill` rows. Returns the new fill (state.pos after the last line parsed), or -1 at anything
 * outside the fast path's grammar.
 */
function parseLines(
  state: ParseState,
  limit: number,
  layout: Layout,
  targets: Targets,
  fill: number,
  maxFill: number,
): number {
  const buf = state.buffer;
  const { separator, slotOf, isFloat32 } = layout;
  const fields = slotOf.length;
  const lastField = fields - 1;
  let pos = state.pos;
  while (fill < maxFill && pos < limit) {
    const first = buf[pos];
    if (first === LF || first === CR) return -1; // a blank line
    for (let field = 0; field < fields; field++) {
      const slot = slotOf[field]!;
      if (slot < 0) {
        // Not read: passed over up to its end.
        let ch = buf[pos];
        while (pos < limit && ch !== separator && ch !== LF && ch !== CR) {
          if (ch === QUOTE) return -1;
          ch = buf[++pos];
        }
      } else {
        const start = pos;
        let ch = buf[pos];
        let negative = false;
        if (ch === MINUS) {
          negative = true;
          ch = buf[++pos];
        } else if (ch === PLUS) {
          ch = buf[++pos];
        }
        const numberStart = pos;
        // The digits, with at most one decimal point among them, read as one integer: in int32
        // arithmetic (much cheaper than doubles), which is exact up to 9 digits; longer numbers
        // are read again below.
        let mantissa = 0;
        while (ch! >= ZERO && ch! <= NINE) {
          mantissa = (mantissa * 10 + (ch! - ZERO)) | 0;
          ch = buf[++pos];
        }
        let digits = pos - numberStart;
        let fraction = 0;
        if (ch === DOT) {
          const fractionStart = ++pos;
          ch = buf[pos];
          while (ch! >= ZERO && ch! <= NINE) {
            mantissa = (mantissa * 10 + (ch! - ZERO)) | 0;
            ch = buf[++pos];
          }
          fraction = pos - fractionStart;
          digits += fraction;
        }
        if (digits > 9) mantissa = digitsAsNumber(buf, numberStart, pos);
        let value: number;
        if (digits === 0) {
          // No number: an empty cell or a missing marker is NaN; anything else is not ours.
          let end = start;
          while (end < limit && buf[end] !== separator && buf[end] !== LF && buf[end] !== CR) end++;
          if (end !== start && !MISSING.has(buf.toString('latin1', start, end))) return -1;
          pos = end;
          value = NaN;
        } else {
          const numberEnd = pos;
          let exponent = 0;
          if (ch === E_LOWER || ch === E_UPPER) {
            ch = buf[++pos];
            let negativeExponent = false;
            if (ch === MINUS) {
              negativeExponent = true;
              ch = buf[++pos];
            } else if (ch === PLUS) {
              ch = buf[++pos];
            }
            let exponentDigits = 0;
            while (ch! >= ZERO && ch! <= NINE) {
              exponent = exponent * 10 + (ch! - ZERO);
              exponentDigits++;
              ch = buf[++pos];
            }
            if (exponentDigits === 0 || exponentDigits > 4) return -1;
            if (negativeExponent) exponent = -exponent;
          }
          const scale = fraction - exponent;
          // The integer is exact while it has at most 15 significant digits (leading zeros aside).
          const exact = digits <= 15 || significantDigits(buf, numberStart, numberEnd) <= 15;
          if (exact && scale >= 0 && scale <= 22) value = mantissa / POW10[scale]!;
          else if (exact && scale < 0 && scale >= -22) value = mantissa * POW10[-scale]!;
          else value = Number(buf.toString('latin1', numberStart, pos));
          // Out of range, or rounded to zero or to a subnormal: DuckDB's own checks decide. (The
          // integer is 0 exactly when every digit is.)
          if (!(value < Infinity) || (mantissa !== 0 && !(value >= 2.2250738585072014e-308))) return -1;
          if (negative) value = -value;
          if (isFloat32[slot]) {
            const narrowed = Math.fround(value);
            if (narrowed === Infinity || narrowed === -Infinity) return -1;
            if (narrowed === 0 && mantissa !== 0) return -1;
            if (!isNormalFloat32(narrowed)) return -1;
            value = isFloat32Midpoint(value)
              ? Math.sign(value) *
                float32OfMidpoint(buf.toString('latin1', numberStart, pos), scale, Math.abs(value))
              : narrowed;
          }
        }
        targets[slot]![fill] = value;
      }
      // The field's end: the separator, or on the last field the line's end.
      const ch = pos < limit ? buf[pos] : -1;
      if (field < lastField) {
        if (ch !== separator) return -1;
        pos++;
      } else if (ch === LF) {
        pos++;
      } else if (ch === CR && pos + 1 < limit && buf[pos + 1] === LF) {
        pos += 2;
      } else if (!(ch === -1 && state.atEof && pos === state.length)) {
        return -1;
      }
    }
    fill++;
  }
  state.pos = pos;
  return fill;
}
