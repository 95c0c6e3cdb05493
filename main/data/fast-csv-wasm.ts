/**
 * The fast CSV path's WebAssembly line parser (fast-csv.wat), for one read: its memory holds the
 * read's input block and one column per value read, and the rows it parses are copied out to
 * the chunk's arrays. It reads the lines it can finish alone and stops at the start of any other,
 * which parseLines (fast-csv.ts) then reads: together they read exactly what parseLines alone
 * would, about three times faster on plain numbers.
 *
 * ENSEMBLE_STUDIO_FAST_CSV_WASM=0 leaves every line to parseLines (for comparison, and the tests
 * run both).
 */
import { FAST_CSV_WASM } from './fast-csv-wasm-bytes';

/**
 * The part of the WebAssembly global used here: Node and Electron have it, but main/ is typed
 * without the DOM's declarations, which are where TypeScript keeps it.
 */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};

interface Exports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  stoppedAt: { value: number };
  leftOver: { value: number };
  parseLines(
    pos: number,
    limit: number,
    fields: number,
    table: number,
    separator: number,
    fill: number,
    maxFill: number,
  ): number;
}

/** 10^0…10^22 as doubles, at address 0, where the module reads them. */
const POWERS_OF_TEN = 23;
const TABLE_START = 256;
const TABLE_ENTRY_BYTES = 16;
const PAGE_BYTES = 65536;

let compiled: object | null = null;

export interface LineLayout {
  separator: number;
  /** Per field of the line: the output column it fills, or -1 (not read). */
  slotOf: Int32Array;
  isFloat32: readonly boolean[];
}

/** Where parsing stopped, and whether the line there is left to parseLines. */
export interface WasmStop {
  fill: number;
  pos: number;
  leftOver: boolean;
}

export class WasmLineParser {
  private readonly exports: Exports;
  /** Address of each slot's column in memory. */
  private readonly columnAt: number[];
  private readonly inputAt: number;
  private inputBytes = 0;

  /** A parser for a read of `rows`-row chunks laid out as `layout`, or null when switched off. */
  static create(layout: LineLayout, rows: number): WasmLineParser | null {
    if (process.env.ENSEMBLE_STUDIO_FAST_CSV_WASM === '0') return null;
    compiled ??= new WebAssembly.Module(Buffer.from(FAST_CSV_WASM, 'base64'));
    return new WasmLineParser(new WebAssembly.Instance(compiled).exports as Exports, layout, rows);
  }

  private constructor(
    exports: Exports,
    private readonly layout: LineLayout,
    private readonly rows: number,
  ) {
    this.exports = exports;
    const fields = layout.slotOf.length;
    let at = align(TABLE_START + fields * TABLE_ENTRY_BYTES);
    this.columnAt = layout.isFloat32.map((isFloat32) => {
      const column = at;
      at = align(at + rows * (isFloat32 ? 4 : 8));
      return column;
    });
    this.inputAt = at;
    this.reserve(at);
    const memory = exports.memory.buffer;
    new Float64Array(memory, 0, POWERS_OF_TEN).set(Array.from({ length: POWERS_OF_TEN }, (_, k) => 10 ** k));
    const table = new Int32Array(memory, TABLE_START, fields * (TABLE_ENTRY_BYTES / 4));
    layout.slotOf.forEach((slot, field) => {
      const entry = field * (TABLE_ENTRY_BYTES / 4);
      table[entry] = slot;
      table[entry + 1] = slot >= 0 && layout.isFloat32[slot] ? 1 : 0;
      table[entry + 2] = slot >= 0 ? this.columnAt[slot]! : 0;
    });
  }

  /**
   * The input block, `bytes` long, in the module's memory. Growing it keeps its contents (a view
   * from before is no longer usable: take this one).
   */
  input(bytes: number): Buffer {
    if (bytes > this.inputBytes) {
      this.reserve(this.inputAt + bytes);
      this.inputBytes = bytes;
    }
    return Buffer.from(this.exports.memory.buffer, this.inputAt, bytes);
  }

  /**
   * Parses the lines of the input block from `pos` (up to `limit`, just after a newline) into rows
   * `fill`… of `targets`, at most up to `maxFill`.
   */
  parse(
    pos: number,
    limit: number,
    targets: readonly (Float32Array | Float64Array)[],
    fill: number,
    maxFill: number,
  ): WasmStop {
    const { exports, inputAt } = this;
    const filled = exports.parseLines(
      inputAt + pos,
      inputAt + limit,
      this.layout.slotOf.length,
      TABLE_START,
      this.layout.separator,
      fill,
      maxFill,
    );
    if (filled > fill) this.copyRows(targets, fill, filled);
    return {
      fill: filled,
      pos: exports.stoppedAt.value - inputAt,
      leftOver: exports.leftOver.value === 1,
    };
  }

  private copyRows(targets: readonly (Float32Array | Float64Array)[], from: number, to: number): void {
    const memory = this.exports.memory.buffer;
    targets.forEach((target, slot) => {
      const at = this.columnAt[slot]!;
      const values = this.layout.isFloat32[slot]
        ? new Float32Array(memory, at, this.rows)
        : new Float64Array(memory, at, this.rows);
      target.set(values.subarray(from, to), from);
    });
  }

  private reserve(bytes: number): void {
    const memory = this.exports.memory;
    const missing = Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES);
    if (missing > 0) memory.grow(missing);
  }
}

function align(address: number): number {
  return Math.ceil(address / 16) * 16;
}
