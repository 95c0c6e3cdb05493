/**
 * Larger inputs for the demo ensemble: the demo's real rows repeated (with a tiny deterministic
 * jitter so rows differ) up to any row count, written straight to disk in blocks.
 */
import { readFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { REPO } from './run-cli';

export const DEMO = join(REPO, 'resources', 'demo');

export async function writeDemoRows(path: string, rows: number): Promise<void> {
  const lines = readFileSync(join(DEMO, 'breast_cancer.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!;
  const body = lines.slice(1).map((l) => l.split(',').map(Number));
  const out = createWriteStream(path);
  out.write(header + '\n');
  let block = '';
  for (let r = 0; r < rows; r++) {
    const source = body[r % body.length]!;
    const jitter = 1 + ((r % 97) - 48) * 1e-4;
    block += source.map((v, c) => (c === source.length - 1 ? v : +(v * jitter).toPrecision(6))).join(',') + '\n';
    if (block.length > 1 << 20) {
      if (!out.write(block)) await once(out, 'drain');
      block = '';
    }
  }
  out.end(block);
  await once(out, 'finish');
}
