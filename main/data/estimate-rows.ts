/**
 * The data rows of a text file (CSV, TSV, JSON Lines), estimated for progress and ETA without a
 * pass over the file: line breaks in its first few MiB give the bytes per line, and the file's size
 * the rest. Exact when the sample is the whole file (quoted line breaks aside). Scoring never waits
 * for a count; an exact count is taken only where rows must be known exactly (`score --shard`).
 */
import { open } from 'node:fs/promises';
import type { DataFormat } from '../../contract/data-types';

const SAMPLE_BYTES = 4 << 20;

export async function estimateRows(path: string, format: DataFormat): Promise<number | null> {
  if (format === 'parquet') return null;
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(Math.min(size, SAMPLE_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const sample = buffer.subarray(0, bytesRead);
    const headerBytes = format === 'jsonl' ? 0 : sample.indexOf(0x0a) + 1;
    if (format !== 'jsonl' && headerBytes === 0) return 0;
    let lines = 0;
    for (let at = sample.indexOf(0x0a, headerBytes); at !== -1; at = sample.indexOf(0x0a, at + 1)) lines++;
    const whole = bytesRead === size;
    // A last line without a line break is a row too.
    if (whole) return lines + (size > headerBytes && sample[size - 1] !== 0x0a ? 1 : 0);
    if (lines === 0) return null;
    const bytesPerLine = (sample.lastIndexOf(0x0a) + 1 - headerBytes) / lines;
    return Math.max(lines, Math.round((size - headerBytes) / bytesPerLine));
  } finally {
    await handle.close();
  }
}
