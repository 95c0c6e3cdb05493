/**
 * The Parquet writer writes row groups of bounded size (its memory does not depend on the row
 * count), and leaves no staging files behind after finish() or abort().
 */
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { connectDuckDb, sqlString } from '../../../main/data/duckdb-engine';
import { openWriter } from '../../../main/data/open-writer';
import type { OutputColumn } from '../../../contract/data-types';
import { readColumns, useTempDir } from './helpers';

const tmp = useTempDir();

function chunk(start: number, rows: number): OutputColumn[] {
  return Array.from({ length: 33 }, (_, j) => {
    const values = new Float64Array(rows);
    for (let i = 0; i < rows; i++) values[i] = start + i + j / 100;
    return { name: `c${j}`, kind: 'float64', values };
  });
}

async function leftovers(prefix: string): Promise<string[]> {
  return (await readdir(tmp.path('.'))).filter((f) => f.startsWith(prefix) && f !== `${prefix}.parquet`);
}

describe('Parquet output', () => {
  it('writes 150k rows × 33 columns in row groups of at most 65,536 rows, then removes its staging files', async () => {
    const path = tmp.path('wide.parquet');
    const writer = await openWriter(path);
    for (let start = 0; start < 150_000; start += 16_384)
      await writer.write(chunk(start, Math.min(16_384, 150_000 - start)));
    await writer.finish();
    const connection = await connectDuckDb();
    try {
      const groups = (
        await connection.runAndReadAll(
          `SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata(${sqlString(path)}) ORDER BY 1`,
        )
      ).getRowsJS();
      expect(groups.map((g) => Number(g[1]))).toEqual([65_536, 65_536, 18_928]);
    } finally {
      connection.closeSync();
    }
    const read = await readColumns(path, { c0: 'float64', c32: 'float64' });
    expect(read.columns.get('c0')!.length).toBe(150_000);
    expect(read.columns.get('c32')![149_999]).toBe(149_999.32);
    expect(await leftovers('wide')).toEqual([]);
  });

  it('abort() during a write waits for it, then deletes the output and every staging file', async () => {
    const path = tmp.path('cancelled.parquet');
    const writer = await openWriter(path);
    await writer.write(chunk(0, 10_000));
    const inFlight = writer.write(chunk(10_000, 10_000));
    await writer.abort();
    await inFlight.catch(() => undefined);
    expect(await leftovers('cancelled')).toEqual([]);
    expect((await readdir(tmp.path('.'))).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });
});
