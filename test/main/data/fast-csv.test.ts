/**
 * The fast CSV path must deliver exactly DuckDB's chunks (same values to the bit, same chunk
 * shapes, same errors), and hand over to DuckDB whenever a file leaves its grammar.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDataset } from '../../../main/data/open-dataset';
import { fastCsvChunks, type FastCsvEnd } from '../../../main/data/fast-csv';
import type { ColumnRequest, DataChunk } from '../../../contract/data-types';
import { errorOf, useTempDir } from './helpers';

const tmp = useTempDir();

afterEach(() => {
  delete process.env.ENSEMBLE_STUDIO_FAST_CSV;
  delete process.env.ENSEMBLE_STUDIO_FAST_CSV_WASM;
});

/** A small deterministic generator (the test must fail the same way every time). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Number text in every shape the fast path reads, and then some it leaves to DuckDB's checks. */
function numberCell(next: () => number): string {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  const sign = ['', '', '-', '+'][Math.floor(next() * 4)]!;
  const whole = digits(Math.floor(next() * 8));
  const fraction = digits(Math.floor(next() * 20));
  const kind = Math.floor(next() * 10);
  if (kind === 0) return ['', 'NA', 'null', 'NaN', 'N/A'][Math.floor(next() * 5)]!;
  if (kind === 1)
    return `${sign}${whole || '0'}e${['', '-', '+'][Math.floor(next() * 3)]}${Math.floor(next() * 31)}`;
  if (kind === 2)
    return `${sign}0.${'0'.repeat(Math.floor(next() * 12))}${digits(1 + Math.floor(next() * 17))}`;
  if (kind === 3) return `${sign}${digits(1 + Math.floor(next() * 19))}`;
  if (kind === 5) {
    // Near a float32 midpoint: the shortest text of the midpoint's double, sometimes nudged up.
    const f = Math.fround((next() - 0.5) * 10 ** Math.floor(next() * 12 - 4));
    const midpoint = (f + Math.fround(f * (1 + 2 ** -23) + (f < 0 ? -1e-45 : 1e-45))) / 2;
    const text = String(midpoint);
    return next() < 0.5 || text.includes('e') ? text : `${text}${text.includes('.') ? '' : '.'}0001`;
  }
  if (kind === 4) return `${sign}-0`.replace('--', '-').replace('+-', '-');
  return `${sign}${whole}${fraction ? `.${fraction}` : whole ? '' : '0'}`;
}

async function readAll(
  path: string,
  columns: Record<string, ColumnRequest>,
  options: { fast: boolean; chunkRows?: number; rows?: { skip: number; take?: number } },
): Promise<DataChunk[]> {
  process.env.ENSEMBLE_STUDIO_FAST_CSV = options.fast ? '1' : '0';
  const reader = await openDataset(path);
  const chunks: DataChunk[] = [];
  for await (const chunk of reader.chunks({
    columns: new Map(Object.entries(columns)),
    chunkRows: options.chunkRows ?? 1000,
    ...(options.rows ? { rows: options.rows } : {}),
  }))
    chunks.push(chunk);
  return chunks;
}

/** Chunk shapes and every value's bits, comparable with toEqual (-0 and NaN kept apart). */
function bitsOf(chunks: DataChunk[]): unknown[] {
  return chunks.map((chunk) => ({
    firstRow: chunk.firstRow,
    rowCount: chunk.rowCount,
    columns: [...chunk.columns].map(([name, column]) => [
      name,
      column.kind,
      Array.from(column.values as ArrayLike<number>, (v) => (Object.is(v, -0) ? '-0' : String(v))),
    ]),
  }));
}

async function fastEnd(path: string, columns: [string, 'float32' | 'float64'][], header: string[]) {
  const iterator = fastCsvChunks({
    path,
    delimiter: ',',
    header,
    columns,
    chunkRows: 1000,
    rows: { skip: 0 },
  });
  let step = await iterator.next();
  let rows = 0;
  while (!step.done) {
    rows += step.value.rowCount;
    step = await iterator.next();
  }
  return { end: step.value as FastCsvEnd, rows };
}

// Every test runs with the WebAssembly line parser (most lines) and without it (parseLines alone).
describe.each(['with', 'without'])('the fast CSV path, %s its WebAssembly parser', (wasm) => {
  beforeEach(() => {
    process.env.ENSEMBLE_STUDIO_FAST_CSV_WASM = wasm === 'with' ? '1' : '0';
  });

  it('reads every number shape to exactly the bits DuckDB reads, float32 and float64', async () => {
    const next = random(7);
    const lines = ['a,skipped,b,c'];
    for (let r = 0; r < 6000; r++) {
      lines.push(`${numberCell(next)},text ${r},${numberCell(next)},${numberCell(next)}`);
    }
    const path = await tmp.file('shapes.csv', lines.join('\n') + '\n');
    const columns = { c: 'float32', a: 'float32', b: 'float64' } as const;
    const fast = await readAll(path, columns, { fast: true });
    const duck = await readAll(path, columns, { fast: false });
    expect(bitsOf(fast)).toEqual(bitsOf(duck));
    expect(fast.reduce((n, c) => n + c.rowCount, 0)).toBe(6000);
    // …and the fast path read all of it (no hand-over hid a difference).
    const fastOnly = await fastEnd(
      path,
      [
        ['c', 'float32'],
        ['a', 'float32'],
        ['b', 'float64'],
      ],
      lines[0]!.split(','),
    );
    expect(fastOnly).toEqual({ end: { complete: true }, rows: 6000 });
  });

  it('reads a plain file to its end on its own', async () => {
    const path = await tmp.file('plain.csv', 'x,y\n1.5,-2\n,3e-2\nNA,4\n');
    const { end, rows } = await fastEnd(
      path,
      [
        ['y', 'float32'],
        ['x', 'float64'],
      ],
      ['x', 'y'],
    );
    expect(end).toEqual({ complete: true });
    expect(rows).toBe(3);
  });

  it('handles CRLF, a BOM, a missing last newline and TSV like DuckDB', async () => {
    const cases: [string, string | Buffer][] = [
      ['crlf.csv', 'x,y\r\n1.25,2\r\n3,4.5\r\n'],
      ['bom.csv', Buffer.from('\ufeffx,y\n1,2\n3,4\n', 'utf8')],
      ['unterminated.csv', 'x,y\n1,2\n3,4.75'],
      ['tabs.tsv', 'x\ty\n1\t2\n-3\t.5\n'],
    ];
    for (const [name, content] of cases) {
      const path = await tmp.file(name, content);
      const columns = { x: 'float32', y: 'float64' } as const;
      const fast = await readAll(path, columns, { fast: true });
      expect(bitsOf(fast), name).toEqual(bitsOf(await readAll(path, columns, { fast: false })));
      expect(
        fast.reduce((n, c) => n + c.rowCount, 0),
        name,
      ).toBe(2);
    }
  });

  it('hands over to DuckDB at the chunk with a quoted cell, and the chunks stay the same', async () => {
    const lines = ['x,label'];
    for (let r = 0; r < 3500; r++) lines.push(r === 2500 ? `"${r}.5",a` : `${r}.5,b`);
    const path = await tmp.file('quoted.csv', lines.join('\n') + '\n');
    const { end, rows } = await fastEnd(path, [['x', 'float32']], ['x', 'label']);
    expect(end).toEqual({ complete: false, nextRow: 2000 });
    expect(rows).toBe(2000);
    const fast = await readAll(path, { x: 'float32' }, { fast: true });
    expect(bitsOf(fast)).toEqual(bitsOf(await readAll(path, { x: 'float32' }, { fast: false })));
    expect(fast.map((c) => c.rowCount)).toEqual([1000, 1000, 1000, 500]);
  });

  it('rounds decimals on a float32 midpoint as DuckDB does (the double alone cannot say)', async () => {
    // 1 + 2^-24 lies exactly halfway between the float32s 1 and 1 + 2^-23: the text just above it,
    // the text just below it and the midpoint itself all read as the same double.
    const cells = [
      ['1.0000000596046447753906251', 1 + 2 ** -23],
      ['1.0000000596046447753906249', 1],
      ['1.00000005960464477539062500', 1],
      ['1.0000001788139343261718750', 1 + 2 ** -22],
      ['8338908.250', 8338908],
      ['834588000', 834588032],
      ['-8338908.75', -8338909],
    ] as const;
    const lines = ['x', ...cells.map(([text]) => text)];
    const path = await tmp.file('midpoint.csv', lines.join('\n') + '\n');
    const { end } = await fastEnd(path, [['x', 'float32']], ['x']);
    expect(end).toEqual({ complete: true });
    const fast = await readAll(path, { x: 'float32' }, { fast: true });
    expect(bitsOf(fast)).toEqual(bitsOf(await readAll(path, { x: 'float32' }, { fast: false })));
    expect(Array.from(fast[0]!.columns.get('x')!.values as Float32Array)).toEqual(cells.map(([, v]) => v));
  });

  it('rounds short decimals (15 digits or fewer) that read as a float32 midpoint as DuckDB does', async () => {
    // A midpoint's own decimal is long, but a shorter text may still read as the same double while
    // lying a little above or below it: only the text says which way it rounds.
    const next = random(11);
    const cells: string[] = [];
    // About one in 150 of these lies off the midpoint so that its rounding differs from the double's.
    while (cells.length < 20_000) {
      const f = Math.fround((next() - 0.5) * 10 ** Math.floor(next() * 16 - 6));
      if (f === 0) continue;
      const midpoint = (f + Math.fround(f + Math.abs(f) * 2 ** -23)) / 2;
      for (let digits = 6; digits <= 15; digits++) {
        const text = midpoint.toPrecision(digits);
        if (Number(text) === midpoint && !text.includes('e')) cells.push(text);
      }
    }
    const path = await tmp.file('short-midpoints.csv', ['x', ...cells].join('\n') + '\n');
    const { end } = await fastEnd(path, [['x', 'float32']], ['x']);
    expect(end).toEqual({ complete: true });
    const fast = await readAll(path, { x: 'float32' }, { fast: true });
    expect(bitsOf(fast)).toEqual(bitsOf(await readAll(path, { x: 'float32' }, { fast: false })));
  });

  it('reports a bad cell with DuckDB’s message and line after reading the good rows fast', async () => {
    const lines = ['x,y'];
    for (let r = 0; r < 2500; r++) lines.push(r === 2200 ? '1,abc' : `${r},1`);
    const path = await tmp.file('bad.csv', lines.join('\n') + '\n');
    const fastError = await errorOf(readAll(path, { x: 'float32', y: 'float32' }, { fast: true }));
    const duckError = await errorOf(readAll(path, { x: 'float32', y: 'float32' }, { fast: false }));
    expect(fastError).toEqual(duckError);
    expect(fastError.message).toContain('line 2202');
  });

  it('refuses what DuckDB refuses: a ragged row, an underscore, an overflow', async () => {
    const bodies = ['x,y\n1,2\n3\n', 'x,y\n1,2\n1_000,3\n', 'x,y\n1,2\n1e39,3\n', 'x,y\n1,2\n\n3,4\n'];
    for (const [i, body] of bodies.entries()) {
      const path = await tmp.file(`refused-${i}.csv`, body);
      const columns = { x: 'float32', y: 'float32' } as const;
      const fast = await readAll(path, columns, { fast: true }).then(bitsOf, (e: Error) => e.message);
      const duck = await readAll(path, columns, { fast: false }).then(bitsOf, (e: Error) => e.message);
      expect(fast, body).toEqual(duck);
    }
  });

  it('delivers the same row ranges (a shard, a resumed run) as DuckDB', async () => {
    const lines = ['x,y'];
    for (let r = 0; r < 5000; r++) lines.push(`${r / 7},${r}`);
    const path = await tmp.file('ranges.csv', lines.join('\n') + '\n');
    for (const rows of [{ skip: 1234 }, { skip: 0, take: 2500 }, { skip: 4999, take: 10 }, { skip: 6000 }]) {
      const fast = await readAll(path, { y: 'float64', x: 'float32' }, { fast: true, rows });
      const duck = await readAll(path, { y: 'float64', x: 'float32' }, { fast: false, rows });
      expect(bitsOf(fast), JSON.stringify(rows)).toEqual(bitsOf(duck));
    }
  });
});
