import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createCsvWriter } from '../../../main/data/csv-writer';
import { formatFloat32, formatFloat64 } from '../../../main/data/float-format';
import { openWriter } from '../../../main/data/open-writer';
import { openDataset } from '../../../main/data/open-dataset';
import type { OutputColumn } from '../../../contract/data-types';
import { readColumns, useTempDir } from './helpers';

const tmp = useTempDir();

/** Awkward values on purpose: float32 that print long, NaN, ±Infinity, -0, extremes, text needing quotes. */
function sampleColumns(offset: number, rows: number): OutputColumn[] {
  const f64 = new Float64Array(rows);
  const f32 = new Float32Array(rows);
  const i64 = new BigInt64Array(rows);
  const text: (string | null)[] = [];
  const specials64 = [
    NaN,
    Infinity,
    -Infinity,
    -0,
    0.1,
    1 / 3,
    5e-324,
    Number.MAX_VALUE,
    -1.7976931348623157e308,
  ];
  const specials32 = [NaN, Infinity, -Infinity, -0, 0.1, 1 / 3, 1.4e-45, 3.4028234663852886e38, 16777217];
  for (let i = 0; i < rows; i++) {
    const k = offset + i;
    f64[i] = k < specials64.length ? specials64[k]! : Math.sin(k) * 10 ** ((k % 40) - 20);
    f32[i] =
      k < specials32.length
        ? specials32[k]!
        : k % 2
          ? Math.cos(k) * 10 ** ((k % 20) - 10)
          : float32FromBits(k);
    i64[i] = k === 0 ? -(2n ** 63n) : k === 1 ? 2n ** 63n - 1n : BigInt(k * 7919 - 5000);
    text.push(
      k % 5 === 0
        ? null
        : k % 5 === 1
          ? `say "hi", ${k}`
          : k % 5 === 2
            ? `two\nlines ${k}`
            : k % 5 === 3
              ? ''
              : `plain${k}`,
    );
  }
  return [
    { name: 'f64', kind: 'float64', values: f64 },
    { name: 'f32', kind: 'float32', values: f32 },
    { name: 'i64', kind: 'int64', values: i64 },
    { name: 'text, "quoted"', kind: 'string', values: text },
  ];
}

/** A finite float32 from a scrambled bit pattern: covers every exponent and long mantissas. */
function float32FromBits(k: number): number {
  const bits = new Uint32Array([(Math.imul(k, 2654435761) >>> 0) & 0xff7fffff]);
  return new Float32Array(bits.buffer)[0]!;
}

async function writeSample(path: string, rows: number, chunk: number): Promise<OutputColumn[][]> {
  const writer = await openWriter(path);
  const written: OutputColumn[][] = [];
  for (let start = 0; start < rows; start += chunk) {
    const columns = sampleColumns(start, Math.min(chunk, rows - start));
    written.push(columns);
    await writer.write(columns);
  }
  await writer.finish();
  return written;
}

function concat(written: OutputColumn[][], j: number): unknown[] {
  return written.flatMap((columns) => Array.from(columns[j]!.values as ArrayLike<unknown>));
}

/** Bit-exact comparison that treats NaN as equal to NaN and tells -0 from 0. */
function expectSameBits(actual: unknown[], expected: unknown[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i]))
      expect({ row: i, value: actual[i] }).toEqual({ row: i, value: expected[i] });
  }
}

describe.each(['csv', 'tsv', 'parquet'])('%s writer round trip', (ext) => {
  it('reads back every value bit-exactly, float32 and NaN included', async () => {
    const path = tmp.path(`round-trip.${ext}`);
    const written = await writeSample(path, 5000, 1500);
    const result = await readColumns(path, {
      f64: 'float64',
      f32: 'float32',
      i64: 'int64',
      'text, "quoted"': 'string',
    });
    expectSameBits(result.columns.get('f64')!, concat(written, 0));
    expectSameBits(result.columns.get('f32')!, concat(written, 1));
    expectSameBits(result.columns.get('i64')!, concat(written, 2));
    // Our string columns have no null (a null becomes ""), so compare with that mapping.
    expect(result.columns.get('text, "quoted"')).toEqual(concat(written, 3).map((v) => v ?? ''));
  });
});

describe('writers', () => {
  it('writes Parquet with the declared column types', async () => {
    const path = tmp.path('types.parquet');
    await writeSample(path, 10, 10);
    const reader = await openDataset(path);
    expect(reader.info.rowCount).toBe(10);
    expect(reader.info.columns.map((c) => c.sourceType)).toEqual(['DOUBLE', 'FLOAT', 'BIGINT', 'VARCHAR']);
  });

  it('writes a CSV header, quotes only when needed, NaN as an empty cell', async () => {
    const path = tmp.path('small.csv');
    const writer = createCsvWriter(path);
    await writer.write([
      { name: 'x', kind: 'float64', values: new Float64Array([1.5, NaN, -Infinity]) },
      { name: 'p', kind: 'float32', values: new Float32Array([0.1, 2, 1 / 3]) },
      { name: 's', kind: 'string', values: ['a,b', 'plain', null] },
    ]);
    await writer.finish();
    expect(await readFile(path, 'utf8')).toBe('x,p,s\n1.5,0.1,"a,b"\n,2,plain\n-inf,0.33333334,\n');
  });

  it.each(['csv', 'parquet'])('abort() deletes what was written (%s)', async (ext) => {
    const path = tmp.path(`aborted.${ext}`);
    const writer = await openWriter(path);
    await writer.write(sampleColumns(0, 100));
    await writer.abort();
    await expect(stat(path)).rejects.toThrow();
  });

  it('writes all-float64 chunks (formatted in one JSON.stringify) exactly as cell by cell', async () => {
    // Magnitudes from subnormal to huge, integers, the 1e21 and 1e-7 boundaries of exponent form;
    // a chunk with a NaN, an infinity or a -0 goes cell by cell instead: both must print the same.
    // The writer reuses its buffer from chunk to chunk: a longer chunk after a shorter one, too.
    let state = 99;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pick = (i: number): number => {
      const fixed = [0, 1, -1, 1e21, 1e-7, 9.999999999999999e20, 1.0000000000000001e-7, 5e-324, 2 ** 53];
      if (i < fixed.length) return fixed[i]!;
      const x = (next() - 0.5) * 10 ** Math.floor(next() * 620 - 320);
      return i % 7 === 0 ? Math.round(x) : x;
    };
    for (const delimiter of [',', '\t'] as const) {
      const path = tmp.path(`floats${delimiter === ',' ? '' : '-tab'}.csv`);
      const writer = createCsvWriter(path, { delimiter });
      const expected: string[] = ['a' + delimiter + 'b'];
      for (let chunk = 0; chunk < 6; chunk++) {
        // Sizes around the 1,024 rows formatted per JSON.stringify call.
        const rows = [1, 1024, 1025, 2049, 300, 3000][chunk]!;
        const a = Float64Array.from({ length: rows }, (_, i) => pick(chunk * 1000 + i));
        const b = Float64Array.from({ length: rows }, () => next());
        if (chunk === 2) a[rows - 1] = NaN;
        if (chunk === 3) b[0] = -0;
        if (chunk === 4) a[0] = -Infinity;
        await writer.write([
          { name: 'a', kind: 'float64', values: a },
          { name: 'b', kind: 'float64', values: b },
        ]);
        for (let i = 0; i < rows; i++) expected.push(formatFloat64(a[i]!) + delimiter + formatFloat64(b[i]!));
      }
      await writer.finish();
      expect(await readFile(path, 'utf8')).toBe(expected.join('\n') + '\n');
    }
  });

  it('prints float32 values with the fewest digits that read back the same', () => {
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(Math.fround(1 / 3))).toBe('0.33333334');
    expect(formatFloat32(Math.fround(123456.7))).toBe('123456.7');
    expect(formatFloat64(0.1)).toBe('0.1');
    expect(formatFloat64(-0)).toBe('-0');
    for (let i = 0; i < 20000; i++) {
      const bits = new Uint32Array([(Math.imul(i, 2654435761) >>> 0) & 0x7f7fffff]);
      const x = new Float32Array(bits.buffer)[0]!;
      expect(Math.fround(Number(formatFloat32(x)))).toBe(x);
    }
  });
});
