/**
 * The WebAssembly line parser (fast-csv.wat): its committed bytes are the assembly of its text,
 * and it reads the lines it can finish alone, stopping at the start of any other. That the values
 * are DuckDB's to the bit is tested with the whole fast path (fast-csv.test.ts, with and without it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WasmLineParser } from '../../../main/data/fast-csv-wasm';
import { REPO } from '../../support/run-cli';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { assembleWat, WASM_SOURCES } from '../../../scripts/build-wasm.mjs';

describe('the WebAssembly line parser', () => {
  it('is committed as assembled from its text (node scripts/build-wasm.mjs)', async () => {
    for (const [wat, out] of WASM_SOURCES as [string, string][]) {
      expect(readFileSync(join(REPO, out), 'utf8'), `${out} is stale`).toBe(await assembleWat(wat));
    }
  });

  /** Parses `text` (whole lines) into columns x (float32) and y (float64) of fields x,skipped,y. */
  function parse(text: string, maxFill = 100) {
    const layout = { separator: 44, slotOf: Int32Array.from([0, -1, 1]), isFloat32: [true, false] };
    const parser = WasmLineParser.create(layout, 100)!;
    const bytes = Buffer.from(text, 'latin1');
    parser.input(bytes.length).set(bytes);
    const x = new Float32Array(100);
    const y = new Float64Array(100);
    const stop = parser.parse(0, bytes.length, [x, y], 0, maxFill);
    return { ...stop, x: Array.from(x.subarray(0, stop.fill)), y: Array.from(y.subarray(0, stop.fill)) };
  }

  it('reads plain lines: signs, decimals, exponents, empty cells, CRLF', () => {
    const text = '1.5,a,-2\n-.25,b b,3e2\n,,1.25E-1\r\n7.,x,\n';
    expect(parse(text)).toEqual({
      fill: 4,
      pos: text.length,
      leftOver: false,
      x: [1.5, -0.25, NaN, 7],
      y: [-2, 300, 0.125, NaN],
    });
  });

  it('stops at the start of the first line it leaves to parseLines', () => {
    const plain = '1,a,2\n';
    for (const line of [
      '+1,a,2', // a plus sign
      '1234567890123456,a,2', // 16 digits
      '1e23,a,2', // beyond 10^22
      'NA,a,2', // a missing marker
      '1,"a",2', // a quote
      '1,a', // a short line
      '1,a,2,3', // a long one
      '16777217.00000001,a,2', // more digits than a double holds
      '1e-50,a,2', // rounds to zero in float32
      '',
    ]) {
      const result = parse(`${plain}${plain}${line}\n${plain}`);
      expect(result, line).toMatchObject({ fill: 2, pos: 2 * plain.length, leftOver: true });
    }
  });

  it('stops after max rows, where the next line starts', () => {
    expect(parse('1,a,2\n3,b,4\n5,c,6\n', 2)).toMatchObject({ fill: 2, pos: 12, leftOver: false });
  });
});
