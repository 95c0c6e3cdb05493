/**
 * DuckDB's column types for the commonest CSV/TSV file, a plain table of numbers, found without
 * DuckDB: a score of such a file then never loads DuckDB at all (fast-csv.ts reads it), which
 * saves the engine host ~120 ms of loading and DuckDB's own look at the file before the first row.
 *
 * It answers only where it agrees with DuckDB's sniffer by construction, and returns null (DuckDB
 * decides, as before) for anything else. What DuckDB says, checked in numeric-sniff.test.ts against
 * DuckDB itself:
 * - a column of whole numbers (`-5`, `0`, `17`) is BIGINT; one whole number with a decimal point
 *   or an exponent among them (`1.5`, `.5`, `5.`, `2e-3`) makes it DOUBLE;
 * - empty cells and the missing markers say nothing.
 * Left to DuckDB: leading zeros (`007` is text to DuckDB), a leading `+` (text), whole numbers of
 * more than 18 digits, decimals of more than 40 digits or a three-digit exponent (out of range
 * for some), quotes, spaces, anything else, a column with no number, and any doubt about
 * which rows DuckDB samples: every column's type must be settled within the first
 * SETTLED_WITHIN_ROWS rows and stay so up to SAMPLED_ROWS (DuckDB samples ~20,000 rows).
 */
import { open } from 'node:fs/promises';
import { MISSING_MARKERS } from './missing-markers';
import { CR, DOT, E_LOWER, E_UPPER, LF, MINUS, NINE, PLUS, ZERO } from './byte-codes';

/** Rows looked at: more than DuckDB's sample, so that a row it may see is seen here too. */
const SAMPLED_ROWS = 25_000;
/** Each column's type must show by this row (well inside any sample DuckDB takes). */
const SETTLED_WITHIN_ROWS = 2_048;
/** A sample of very wide rows is left to DuckDB rather than read at length here. */
const MAX_SAMPLE_BYTES = 16 << 20;

const MISSING = new Set(MISSING_MARKERS);

/** What a cell says about its column: nothing (empty, missing), a whole number, a decimal. */
const NOTHING = 0;
const WHOLE = 1;
const DECIMAL = 2;
type Kind = typeof NOTHING | typeof WHOLE | typeof DECIMAL;

/**
 * DuckDB's type name (BIGINT or DOUBLE) for each header field of a plain numeric file, or null
 * when DuckDB must decide.
 */
export async function numericCsvTypes(
  path: string,
  delimiter: ',' | '\t',
  header: readonly string[],
): Promise<string[] | null> {
  if (process.env.ENSEMBLE_STUDIO_FAST_CSV === '0') return null; // as fast-csv.ts: DuckDB alone
  const sample = await readSample(path);
  if (sample === null) return null;
  const { bytes, start } = sample;
  const separator = delimiter.charCodeAt(0);
  const fields = header.length;
  const kinds = new Array<Kind>(fields).fill(NOTHING);
  // The header line is csv-header.ts's (the same names DuckDB sees): passed over.
  let pos = bytes.indexOf(LF, start) + 1;
  if (pos === 0) return null;
  let row = 0;
  while (pos < bytes.length && row < SAMPLED_ROWS) {
    if (bytes[pos] === LF || bytes[pos] === CR) return null; // a blank line: DuckDB's business
    for (let field = 0; field < fields; field++) {
      const kind = cellKind(bytes, pos, separator);
      if (kind < 0) return null;
      pos = cellEnd;
      if (kind > kinds[field]!) {
        // A column's type may only be decided early on, where any sample of DuckDB's sees it.
        if (row >= SETTLED_WITHIN_ROWS) return null;
        kinds[field] = kind as Kind;
      }
      const ch = pos < bytes.length ? bytes[pos] : LF;
      if (field < fields - 1) {
        if (ch !== separator) return null; // too few fields
        pos++;
      } else if (ch === LF) {
        pos++;
      } else if (ch === CR && bytes[pos + 1] === LF) {
        pos += 2;
      } else {
        return null; // too many fields, or a lone carriage return
      }
    }
    row++;
  }
  if (row === 0 || kinds.includes(NOTHING)) return null;
  return kinds.map((kind) => (kind === DECIMAL ? 'DOUBLE' : 'BIGINT'));
}

/** Where the last cellKind call stopped (the byte after the cell). */
let cellEnd = 0;

/**
 * The kind of the cell starting at `pos`, or -1 when it is not one this module vouches for; sets
 * cellEnd. Numbers as DuckDB types them (module comment): no leading zeros, no `+`, whole numbers
 * of at most 18 digits, exponents of 1 to 3 digits.
 */
function cellKind(bytes: Buffer, pos: number, separator: number): Kind | -1 {
  const start = pos;
  let ch = bytes[pos];
  if (ch === MINUS) ch = bytes[++pos];
  const wholeStart = pos;
  while (ch !== undefined && ch >= ZERO && ch <= NINE) ch = bytes[++pos];
  const wholeDigits = pos - wholeStart;
  let fractionDigits = 0;
  let decimal = false;
  if (ch === DOT) {
    decimal = true;
    const fractionStart = ++pos;
    ch = bytes[pos];
    while (ch !== undefined && ch >= ZERO && ch <= NINE) ch = bytes[++pos];
    fractionDigits = pos - fractionStart;
  }
  if (wholeDigits + fractionDigits > 0 && (ch === E_LOWER || ch === E_UPPER)) {
    decimal = true;
    ch = bytes[++pos];
    if (ch === MINUS || ch === PLUS) ch = bytes[++pos];
    const exponentStart = pos;
    while (ch !== undefined && ch >= ZERO && ch <= NINE) ch = bytes[++pos];
    const exponentDigits = pos - exponentStart;
    if (exponentDigits < 1 || exponentDigits > 2) return -1;
  }
  cellEnd = pos;
  const atEnd = ch === undefined || ch === separator || ch === LF || ch === CR;
  if (atEnd && wholeDigits + fractionDigits > 0) {
    if (wholeDigits > 1 && bytes[wholeStart] === ZERO) return -1; // leading zeros: text to DuckDB
    // At most 40 digits and a two-digit exponent: well inside a double's range, where DuckDB's
    // cast cannot fail (1e400 is out of range to it, so such a column is not DOUBLE).
    if (decimal) return wholeDigits + fractionDigits <= 40 ? DECIMAL : -1;
    return wholeDigits <= 18 ? WHOLE : -1;
  }
  // Not a number: an empty cell or a missing marker says nothing; anything else is DuckDB's.
  let end = start;
  while (end < bytes.length && bytes[end] !== separator && bytes[end] !== LF && bytes[end] !== CR) end++;
  cellEnd = end;
  if (end === start) return NOTHING;
  return MISSING.has(bytes.toString('latin1', start, end)) ? NOTHING : -1;
}

/**
 * The file's first SAMPLED_ROWS + 1 lines (whole lines only, unless the file ends sooner), read a
 * block at a time; null when they take more than MAX_SAMPLE_BYTES. `start` skips a byte-order mark.
 */
async function readSample(path: string): Promise<{ bytes: Buffer; start: number } | null> {
  const handle = await open(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(1 << 20);
    let length = 0;
    let newlines = 0;
    for (;;) {
      if (length === buffer.length) {
        if (buffer.length >= MAX_SAMPLE_BYTES) return null;
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      const read = buffer.subarray(length, length + bytesRead);
      for (let at = read.indexOf(LF); at >= 0; at = read.indexOf(LF, at + 1)) newlines++;
      length += bytesRead;
      // Up to the last whole line: what follows it is cut.
      if (newlines > SAMPLED_ROWS + 1) length = buffer.lastIndexOf(LF, length - 1) + 1;
      if (newlines > SAMPLED_ROWS + 1) break;
    }
    const start = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    return { bytes: buffer.subarray(0, length), start };
  } finally {
    await handle.close();
  }
}
