/**
 * Parse-only benchmark helpers for `npm run bench`: a deterministic synthetic feature file and
 * a timed full read into Float32Array columns.
 */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { openDataset } from './open-dataset';
import type { ColumnRequest } from '../../contract/data-types';

/** Deterministic 32-bit PRNG (mulberry32): same seed, same file. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes `rows` × `cols` columns f0..f{cols-1}: normals with a per-column offset and scale, like
 * real features, printed with about 6 significant digits. Values are formatted as fixed-point
 * integers with a decimal point inserted, several times faster than toPrecision per cell.
 */
export async function generateNumericCsv(path: string, rows: number, cols: number, seed = 1): Promise<void> {
  const random = mulberry32(seed);
  const normal = (): number => {
    const u = random() || Number.MIN_VALUE;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const decimals = Array.from({ length: cols }, () => Math.floor(random() * 6)); // 0..5
  const scale = decimals.map((d) => 10 ** (5 - d)); // magnitude ~10^(5-d): about 6 significant digits
  const offset = Array.from({ length: cols }, () => (random() - 0.5) * 4);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  out.write(Array.from({ length: cols }, (_, c) => `f${c}`).join(',') + '\n');
  const BATCH = 4096;
  for (let start = 0; start < rows; start += BATCH) {
    let text = '';
    for (let r = start; r < Math.min(rows, start + BATCH); r++) {
      for (let c = 0; c < cols; c++) {
        const d = decimals[c]!;
        const value = (normal() + offset[c]!) * scale[c]!;
        text += (c === 0 ? '' : ',') + fixedPoint(Math.round(value * 10 ** d), d);
      }
      text += '\n';
    }
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** The integer `scaled` / 10^decimals as decimal text, e.g. (-12345, 2) → "-123.45". */
function fixedPoint(scaled: number, decimals: number): string {
  if (decimals === 0) return String(scaled);
  const sign = scaled < 0 ? '-' : '';
  const digits = String(Math.abs(scaled)).padStart(decimals + 1, '0');
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

export interface ParseMeasurement {
  rows: number;
  seconds: number;
  mbPerSec: number;
}

/** Reads the given columns (default: all, as float32) to the end and times it. */
export async function measureParse(
  path: string,
  columns?: ReadonlyMap<string, ColumnRequest>,
): Promise<ParseMeasurement> {
  const started = performance.now();
  const reader = await openDataset(path);
  const wanted = columns ?? new Map(reader.info.columns.map((c) => [c.name, 'float32' as const]));
  let rows = 0;
  for await (const chunk of reader.chunks({ columns: wanted })) rows += chunk.rowCount;
  await reader.close();
  const seconds = (performance.now() - started) / 1000;
  const { size } = await stat(path);
  return { rows, seconds, mbPerSec: size / 1e6 / seconds };
}
