/**
 * The Parquet writer: every value comes back bit for bit through two independent readers (DuckDB,
 * and hyparquet, a JavaScript implementation of the format), row groups are bounded (its memory
 * does not depend on the row count), the footer's statistics are right, and a failed or cancelled
 * write leaves nothing behind.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { deserializeTCompactProtocol } from 'hyparquet/src/thrift.js';
import { describe, expect, it } from 'vitest';
import { connectDuckDb, sqlString } from '../../../main/data/duckdb-engine';
import { openWriter } from '../../../main/data/open-writer';
import type { OutputColumn } from '../../../contract/data-types';
import { errorOf, readColumns, useTempDir } from './helpers';

const tmp = useTempDir();

function chunk(start: number, rows: number): OutputColumn[] {
  return Array.from({ length: 33 }, (_, j) => {
    const values = new Float64Array(rows);
    for (let i = 0; i < rows; i++) values[i] = start + i + j / 100;
    return { name: `c${j}`, kind: 'float64', values };
  });
}

/** Row r of every kind of column, with the values readers and writers get wrong. */
const SPECIAL = [NaN, -0, 0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MAX_VALUE, 2 ** -1074 * 3];
const TEXT = ['', 'plain', 'quote " and, comma', 'line\nbreak', 'é ü ß', '漢字', '🙂 emoji', '=1+1'];
const expected = {
  f64: (r: number) => (r % 97 < SPECIAL.length ? SPECIAL[r % 97]! : Math.sin(r) * 10 ** (r % 30)),
  f32: (r: number) => Math.fround(r % 50 === 0 ? -0 : Math.cos(r) * 1e5),
  i64: (r: number) => (r === 0 ? -(2n ** 63n) : r === 1 ? 2n ** 63n - 1n : BigInt(r) * 987_654_321_123n),
  text: (r: number) => (r % 11 === 0 ? null : `${TEXT[r % TEXT.length]} ${r}`),
  label: (r: number) => (r % 13 === 0 ? null : TEXT[r % 5]!),
  prediction: (r: number) => r % 3,
};

function kinds(start: number, rows: number): OutputColumn[] {
  const f64 = new Float64Array(rows);
  const f32 = new Float32Array(rows);
  const i64 = new BigInt64Array(rows);
  const prediction = new Float64Array(rows);
  const text: (string | null)[] = [];
  const label: (string | null)[] = [];
  for (let i = 0; i < rows; i++) {
    const r = start + i;
    f64[i] = expected.f64(r);
    f32[i] = expected.f32(r);
    i64[i] = expected.i64(r);
    prediction[i] = expected.prediction(r);
    text.push(expected.text(r));
    label.push(expected.label(r));
  }
  return [
    { name: 'f64', kind: 'float64', values: f64 },
    { name: 'f32', kind: 'float32', values: f32 },
    { name: 'i64', kind: 'int64', values: i64 },
    { name: 'text', kind: 'string', values: text },
    { name: 'label', kind: 'string', values: label },
    { name: 'prediction "class"', kind: 'float64', values: prediction },
  ];
}

async function writeKinds(path: string, rows: number, chunkRows: number): Promise<void> {
  const writer = await openWriter(path);
  for (let start = 0; start < rows; start += chunkRows)
    await writer.write(kinds(start, Math.min(chunkRows, rows - start)));
  await writer.finish();
}

async function duckDbRows(sql: string): Promise<unknown[][]> {
  const connection = await connectDuckDb();
  try {
    return (await connection.runAndReadAll(sql)).getRowsJS();
  } finally {
    connection.closeSync();
  }
}

async function leftovers(prefix: string): Promise<string[]> {
  return (await readdir(tmp.path('.'))).filter((f) => f.startsWith(prefix) && f !== `${prefix}.parquet`);
}

describe('Parquet output', () => {
  it('writes 150k rows × 33 columns in row groups of at most 65,536 rows, and nothing beside the file', async () => {
    const path = tmp.path('wide.parquet');
    const writer = await openWriter(path);
    for (let start = 0; start < 150_000; start += 16_384)
      await writer.write(chunk(start, Math.min(16_384, 150_000 - start)));
    await writer.finish();
    const groups = await duckDbRows(
      `SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata(${sqlString(path)}) ORDER BY 1`,
    );
    expect(groups.map((g) => Number(g[1]))).toEqual([65_536, 65_536, 18_928]);
    const read = await readColumns(path, { c0: 'float64', c32: 'float64' });
    expect(read.columns.get('c0')!.length).toBe(150_000);
    expect(read.columns.get('c32')![149_999]).toBe(149_999.32);
    expect(await leftovers('wide')).toEqual([]);
  });

  it('gives back every value bit for bit through DuckDB and through hyparquet', async () => {
    const path = tmp.path('kinds.parquet');
    const rows = 140_000;
    await writeKinds(path, rows, 30_001);

    const file = await asyncBufferFromFile(path);
    const objects = await parquetReadObjects({ file, compressors });
    expect(objects).toHaveLength(rows);
    const fromDuckDb = await duckDbRows(
      `SELECT f64, f32, i64, text, label, "prediction ""class""" FROM read_parquet(${sqlString(path)})`,
    );
    expect(fromDuckDb).toHaveLength(rows);
    const mismatches: string[] = [];
    for (let r = 0; r < rows; r++) {
      const want = [
        expected.f64(r),
        expected.f32(r),
        expected.i64(r),
        expected.text(r),
        expected.label(r),
        expected.prediction(r),
      ];
      const o = objects[r]!;
      const hy = [o.f64, o.f32, o.i64, o.text, o.label, o['prediction "class"']];
      // Object.is tells -0 from 0 and matches NaN with NaN.
      want.forEach((value, j) => {
        if (!Object.is(hy[j], value)) mismatches.push(`hyparquet row ${r} column ${j}: ${String(hy[j])}`);
        if (!Object.is(fromDuckDb[r]![j], value))
          mismatches.push(`DuckDB row ${r} column ${j}: ${String(fromDuckDb[r]![j])}`);
      });
      if (mismatches.length > 10) break;
    }
    expect(mismatches).toEqual([]);

    // The schema: optional columns of the right types, text annotated as strings.
    const types = await duckDbRows(
      `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${sqlString(path)})`,
    );
    expect(types).toEqual([
      ['f64', 'DOUBLE'],
      ['f32', 'FLOAT'],
      ['i64', 'BIGINT'],
      ['text', 'VARCHAR'],
      ['label', 'VARCHAR'],
      ['prediction "class"', 'DOUBLE'],
    ]);
  });

  it('dictionary-encodes columns of few values and writes the others plain, all ZSTD-compressed', async () => {
    const path = tmp.path('encodings.parquet');
    await writeKinds(path, 70_000, 70_000);
    const chunks = await duckDbRows(
      `SELECT path_in_schema, encodings, compression FROM parquet_metadata(${sqlString(path)}) WHERE row_group_id = 0`,
    );
    const dictionary = chunks.filter((c) => String(c[1]).includes('PLAIN_DICTIONARY')).map((c) => c[0]);
    expect(dictionary).toEqual(['label', 'prediction "class"']);
    expect(new Set(chunks.map((c) => c[2]))).toEqual(new Set(['ZSTD']));
    // encoding_stats tell readers that every data page of those columns is dictionary-encoded.
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
    const label = metadata.row_groups[0]!.columns.find((c) => c.meta_data!.path_in_schema[0] === 'label')!;
    expect(label.meta_data!.encoding_stats).toEqual([
      { page_type: 'DICTIONARY_PAGE', encoding: 'PLAIN', count: 1 },
      { page_type: 'DATA_PAGE', encoding: 'PLAIN_DICTIONARY', count: 1 },
    ]);
  });

  it('keeps -0 and NaN apart from 0 in a column of few values, and dictionaries past 8-bit indices', async () => {
    const path = tmp.path('few-values.parquet');
    const rows = 5_000;
    const signed = new Float64Array(rows).map((_, r) => [0, 1, -0][r % 3]!);
    const missing = new Float64Array(rows).map((_, r) => [1, NaN][r % 2]!);
    const small = new Float64Array(rows).map((_, r) => r % 3);
    const wide = Array.from({ length: rows }, (_, r) => `class ${r % 300}`);
    const nulls = Array.from({ length: rows }, () => null);
    const writer = await openWriter(path);
    await writer.write([
      { name: 'signed', kind: 'float64', values: signed },
      { name: 'missing', kind: 'float64', values: missing },
      { name: 'small', kind: 'float64', values: small },
      { name: 'wide', kind: 'string', values: wide },
      { name: 'nulls', kind: 'string', values: nulls },
    ]);
    await writer.finish();
    const read = await parquetReadObjects({ file: await asyncBufferFromFile(path), compressors });
    const mismatches = read.filter(
      (o, r) =>
        !Object.is(o.signed, signed[r]) ||
        !Object.is(o.missing, missing[r]) ||
        o.small !== small[r] ||
        o.wide !== wide[r] ||
        o.nulls !== null,
    );
    expect(mismatches).toEqual([]);
    const encodings = await duckDbRows(
      `SELECT path_in_schema, encodings FROM parquet_metadata(${sqlString(path)}) ORDER BY column_id`,
    );
    expect(encodings).toEqual([
      ['signed', 'PLAIN, RLE'],
      ['missing', 'PLAIN, RLE'],
      ['small', 'PLAIN, RLE, PLAIN_DICTIONARY'],
      ['wide', 'PLAIN, RLE, PLAIN_DICTIONARY'],
      ['nulls', 'PLAIN, RLE'],
    ]);
    expect(await duckDbRows(`SELECT count(nulls), count(DISTINCT wide) FROM ${sqlString(path)}`)).toEqual([
      [0n, 300n],
    ]);
  });

  it('writes min, max and null counts readers can trust (none beside NaN, a zero bound signed as Parquet says)', async () => {
    const path = tmp.path('stats.parquet');
    await writeKinds(path, 10_000, 4_000);
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
    const stats = new Map(
      metadata.row_groups[0]!.columns.map((c) => [
        c.meta_data!.path_in_schema.join('.'),
        c.meta_data!.statistics!,
      ]),
    );
    // f64 holds NaN in every row group: readers disagree on where NaN sorts, so no bounds at all.
    expect(stats.get('f64')).toMatchObject({ min_value: undefined, max_value: undefined, null_count: 0n });
    const f32 = Array.from({ length: 4_000 }, (_, r) => expected.f32(r));
    expect(stats.get('f32')).toMatchObject({ min_value: Math.min(...f32), max_value: Math.max(...f32) });
    expect(stats.get('i64')).toMatchObject({ min_value: -(2n ** 63n), max_value: 2n ** 63n - 1n });
    expect(stats.get('prediction "class"')).toMatchObject({ max_value: 2 });
    expect(Object.is(stats.get('prediction "class"')!.min_value, -0)).toBe(true);
    const labels = Array.from({ length: 10_000 }, (_, r) => expected.label(r));
    expect(stats.get('label')!.null_count).toBe(BigInt(labels.filter((l) => l === null).length));
    // DuckDB skips row groups by these bounds: a filter on them still finds exactly the right rows.
    const [[count]] = (await duckDbRows(
      `SELECT count(*) FROM ${sqlString(path)} WHERE i64 > ${987_654_321_123n * 9_990n}`,
    )) as [[bigint]];
    // Rows 9,991 … 9,999, and row 1 (the largest int64).
    expect(count).toBe(10n);
  });

  it('cuts long text into pages of about 1 MiB', async () => {
    const path = tmp.path('long-text.parquet');
    const writer = await openWriter(path);
    const values = Array.from({ length: 3_000 }, (_, i) => `${i}:${'long text '.repeat(100)}`);
    await writer.write([{ name: 'note', kind: 'string', values }]);
    await writer.finish();
    const file = await asyncBufferFromFile(path);
    const read = await parquetReadObjects({ file, compressors });
    expect(read.map((o) => o.note)).toEqual(values);
    // Walk the column chunk's page headers with hyparquet's own Thrift reader.
    const meta = (await parquetMetadataAsync(file)).row_groups[0]!.columns[0]!.meta_data!;
    const bytes = await readFile(path);
    const reader = {
      view: new DataView(bytes.buffer, bytes.byteOffset, bytes.length),
      offset: Number(meta.data_page_offset),
    };
    const pages: { rows: number; bytes: number }[] = [];
    while (reader.offset < Number(meta.data_page_offset) + Number(meta.total_compressed_size)) {
      const header = deserializeTCompactProtocol(reader) as Record<string, { field_1: number } | number>;
      pages.push({ rows: (header.field_5 as { field_1: number }).field_1, bytes: header.field_2 as number });
      reader.offset += header.field_3 as number;
    }
    expect(pages.length).toBe(3);
    expect(pages.reduce((sum, page) => sum + page.rows, 0)).toBe(3_000);
    for (const page of pages) expect(page.bytes).toBeLessThan(1.1 * 2 ** 20);
  });

  it('writes a valid empty file when every chunk had no rows', async () => {
    const path = tmp.path('empty.parquet');
    const writer = await openWriter(path);
    await writer.write(kinds(0, 0));
    await writer.finish();
    expect(await duckDbRows(`SELECT count(*) FROM ${sqlString(path)}`)).toEqual([[0n]]);
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
    expect(metadata.schema.slice(1).map((s) => s.name)).toEqual(kinds(0, 0).map((c) => c.name));
  });

  it('refuses chunks whose columns differ from the first chunk, and a finish with nothing written', async () => {
    const path = tmp.path('shape.parquet');
    const writer = await openWriter(path);
    await writer.write(kinds(0, 10));
    const error = await errorOf(writer.write(kinds(0, 10).slice(1)));
    expect(error.message).toMatch(/columns differ/);
    // After a failed write the file is not what the writer holds: it refuses to finish it.
    expect((await errorOf(writer.finish())).message).toMatch(/has stopped/);
    await writer.abort();
    const idle = await openWriter(tmp.path('nothing.parquet'));
    expect((await errorOf(idle.finish())).message).toMatch(/nothing was written/);
    await idle.abort();
    expect(await leftovers('shape')).toEqual([]);
  });

  it('says which output it could not create, as a data error', async () => {
    const path = tmp.path('missing-folder/out.parquet');
    const error = await errorOf(openWriter(path));
    expect(error.code).toBe('data');
    expect(error.message).toMatch(/out\.parquet: the Parquet output could not be written/);
    expect(error.location).toMatchObject({ file: expect.stringContaining('out.parquet') });
  });

  it('abort() during a write waits for it, then deletes the output', async () => {
    const path = tmp.path('cancelled.parquet');
    const writer = await openWriter(path);
    await writer.write(chunk(0, 70_000));
    const inFlight = writer.write(chunk(70_000, 70_000));
    await writer.abort();
    await inFlight.catch(() => undefined);
    expect((await readdir(tmp.path('.'))).filter((f) => f.startsWith('cancelled'))).toEqual([]);
    await rm(path, { force: true });
  });
});
