/**
 * Larger inputs for the demo ensemble: the demo's real rows, each in 97 slightly scaled variants
 * (so neighbouring rows differ), repeated up to any row count and written to disk in blocks.
 */
import { readFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { REPO } from './run-cli';

export const DEMO = join(REPO, 'resources', 'demo');
const VARIANTS = 97;

/**
 * @param extraColumns numeric columns `extra_1…` added after the demo's (a wider file that the
 * demo's members do not read), each a scaled copy of a feature.
 */
export async function writeDemoRows(path: string, rows: number, extraColumns = 0): Promise<void> {
  const lines = readFileSync(join(DEMO, 'breast_cancer.csv'), 'utf8').trim().split(/\r?\n/);
  const extraNames = Array.from({ length: extraColumns }, (_, i) => `extra_${i + 1}`);
  const header = [lines[0]!, ...extraNames].join(',');
  const body = lines.slice(1).map((l) => l.split(',').map(Number));
  // 569 source rows × 97 variants cycle with a period of 55,193 distinct lines: made once.
  const period = Math.min(rows, body.length * VARIANTS);
  const distinct: string[] = new Array(period);
  for (let r = 0; r < period; r++) {
    const source = body[r % body.length]!;
    const scale = 1 + ((r % VARIANTS) - 48) * 1e-4;
    const values = source.map((v, c) => (c === source.length - 1 ? v : +(v * scale).toPrecision(6)));
    for (let e = 0; e < extraColumns; e++) {
      values.push(+(source[e % (source.length - 1)]! * (1 + e * 1e-3) * scale).toPrecision(6));
    }
    distinct[r] = values.join(',');
  }
  const out = createWriteStream(path);
  out.write(header + '\n');
  let block: string[] = [];
  for (let r = 0; r < rows; r++) {
    block.push(distinct[r % period]!);
    if (block.length === 8192) {
      if (!out.write(block.join('\n') + '\n')) await once(out, 'drain');
      block = [];
    }
  }
  out.end(block.length > 0 ? block.join('\n') + '\n' : '');
  await once(out, 'finish');
}
