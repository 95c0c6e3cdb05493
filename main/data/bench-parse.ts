/**
 * Parse-only benchmark helpers for `npm run bench`: a deterministic synthetic feature file and
 * a timed full read into Float32Array columns.
 */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { openDataset } from './open-dataset';
import type { ColumnRequest } from './types';

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

/** Writes `rows` × `cols` columns f0..f{cols-1} of scaled normals with 6 significant digits. */
export async function generateNumericCsv(path: string, rows: number, cols: number, seed = 1): Promise<void> {
  const random = mulberry32(seed);
  const normal = (): number => {
    const u = random() || Number.MIN_VALUE;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  // Each column has its own scale and offset, like real features.
  const scale = Array.from({ length: cols }, () => 10 ** Math.floor(random() * 4 - 1));
  const offset = Array.from({ length: cols }, () => (random() - 0.5) * 10);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  out.write(Array.from({ length: cols }, (_, c) => `f${c}`).join(',') + '\n');
  const BATCH = 4096;
  for (let start = 0; start < rows; start += BATCH) {
    const lines: string[] = [];
    for (let r = start; r < Math.min(rows, start + BATCH); r++) {
      const cells = new Array<string>(cols);
      for (let c = 0; c < cols; c++) cells[c] = String(Number(((normal() + offset[c]!) * scale[c]!).toPrecision(6)));
      lines.push(cells.join(','));
    }
    if (!out.write(lines.join('\n') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
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
