/**
 * Streaming, checked: scoring four times more rows must not raise the peak memory of the CLI and
 * its engine host (each process's own maxRSS) by more than 25 %.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { runCli } from '../../support/run-cli';
import { DEMO, writeDemoRows } from '../../support/demo-data';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  tmp = makeTempDir('es-mem-');
});
afterAll(() => tmp.cleanup());

async function peakRss(rows: number): Promise<number> {
  const input = join(tmp.dir, `rows-${rows}.csv`);
  await writeDemoRows(input, rows);
  const r = await runCli([
    'score',
    '--ensemble',
    join(DEMO, 'demo.ensemble.json'),
    '--input',
    input,
    '--output',
    join(tmp.dir, `rows-${rows}.out.csv`),
    '--members',
    '--keep-all',
    '--json',
    '--history',
    join(tmp.dir, 'history.sqlite'),
  ]);
  expect(r.code, r.stderr).toBe(0);
  const result = JSON.parse(r.stdout) as {
    rows: number;
    hostPeakRssBytes: number;
    enginePeakRssBytes: number;
  };
  expect(result.rows).toBe(rows);
  return result.hostPeakRssBytes + result.enginePeakRssBytes;
}

describe('memory does not grow with the number of rows', () => {
  it('4× the rows: peak RSS of all processes within +25 %', async () => {
    // Sizes past the warm-up: garbage typed arrays and DuckDB's read buffers settle at a fixed
    // level within the first ~100k rows; from there memory is flat.
    const small = await peakRss(150_000);
    const large = await peakRss(600_000);
    console.log(
      `peak RSS: ${(small / 2 ** 20).toFixed(0)} MiB for 150k rows, ${(large / 2 ** 20).toFixed(0)} MiB for 600k rows`,
    );
    expect(large).toBeLessThanOrEqual(small * 1.25);
  });
});
