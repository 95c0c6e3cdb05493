/**
 * Finds where a CSV record starts. DuckDB reports errors by record number (header = 1, empty
 * lines counted) while people need the physical line: a quoted field with newlines makes the two
 * differ. Runs only on the error path, so a plain byte scan is fast enough.
 */
import { createReadStream } from 'node:fs';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const MAX_RECORD_BYTES = 1 << 20;

export interface RecordLocation {
  /** 1-based physical line where the record starts. */
  line: number;
  /** The record's raw text (up to 1 MiB), for finding the faulty field. */
  text: string;
}

export async function locateRecord(path: string, recordNumber: number): Promise<RecordLocation | undefined> {
  let record = 1;
  let line = 1;
  let quoted = false;
  let startLine = -1;
  const captured: Buffer[] = [];
  let capturedBytes = 0;
  for await (const data of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let from = 0;
    if (record === recordNumber && startLine === -1) startLine = line;
    for (let i = 0; i < data.length; i++) {
      const byte = data[i];
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === LF) {
        line++;
        if (!quoted) {
          if (record === recordNumber) {
            captured.push(data.subarray(from, i));
            return { line: startLine, text: Buffer.concat(captured).toString('utf8') };
          }
          record++;
          if (record === recordNumber) {
            startLine = line;
            from = i + 1;
          }
        }
      }
    }
    if (record === recordNumber && capturedBytes < MAX_RECORD_BYTES) {
      captured.push(data.subarray(from));
      capturedBytes += data.length - from;
    }
  }
  if (record !== recordNumber) return undefined;
  return { line: startLine, text: Buffer.concat(captured).toString('utf8') };
}

/** 0-based index of the field holding a quote that never closes (or closes mid-field). */
export function faultyQuoteField(text: string, delimiter: string): number | undefined {
  let field = 0;
  let i = 0;
  let atFieldStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (atFieldStart && ch === '"') {
      const close = findClosingQuote(text, i + 1);
      if (close === -1) return field;
      const next = text[close + 1];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') return field;
      i = close + 1;
      atFieldStart = false;
      continue;
    }
    if (ch === '"') return field;
    if (ch === delimiter) {
      field++;
      atFieldStart = true;
    } else if (ch === '\n') {
      return undefined;
    } else {
      atFieldStart = false;
    }
    i++;
  }
  return undefined;
}

function findClosingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (text[i + 1] === '"') {
      i++;
      continue;
    }
    return i;
  }
  return -1;
}

/**
 * The record number (header = 1) of 0-based data row `row`. DuckDB skips blank lines as rows but
 * counts them as records, so row r is record r + 2 only when no blank line comes before it.
 */
export async function recordOfDataRow(path: string, row: number): Promise<number> {
  let record = 1;
  let quoted = false;
  let recordBytes = 0;
  let dataRows = 0;
  for await (const data of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < data.length; i++) {
      const byte = data[i];
      if (byte === QUOTE) quoted = !quoted;
      if (byte === LF && !quoted) {
        if (record > 1 && recordBytes > 0) {
          if (dataRows === row) return record;
          dataRows++;
        }
        record++;
        recordBytes = 0;
      } else if (byte !== CR) {
        recordBytes++;
      }
    }
  }
  return record;
}
