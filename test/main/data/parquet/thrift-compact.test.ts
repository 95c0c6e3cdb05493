/** Thrift's compact protocol as Parquet's footer needs it, byte for byte against the specification. */
import { describe, expect, it } from 'vitest';
import { CompactWriter, ThriftType } from '../../../../main/data/parquet/thrift-compact';

describe('Thrift compact writer', () => {
  it('writes field headers as id deltas with the type, and integers as zigzag varints', () => {
    const bytes = new CompactWriter().i32(1, 5).i64(2, -1).i32(3, 300).bool(4, true).endMessage().finish();
    // Each id is one past the last: 0x15 (delta 1, i32) 5 → 10; 0x16 (i64) -1 → 1; 0x15 300 → 600 =
    // 0xd8 0x04; 0x11 (the value true is the type); then the stop byte.
    expect([...bytes]).toEqual([0x15, 10, 0x16, 1, 0x15, 0xd8, 0x04, 0x11, 0]);
  });

  it('writes the id itself when it jumps by more than 15', () => {
    const bytes = new CompactWriter().i32(1, 0).i32(20, 1).endMessage().finish();
    expect([...bytes]).toEqual([0x15, 0, 0x05, 40, 2, 0]);
  });

  it('restarts the id deltas inside a nested struct and stops it with a zero byte', () => {
    const bytes = new CompactWriter()
      .struct(5, (s) => s.i32(1, 1))
      .i32(6, 2)
      .endMessage()
      .finish();
    expect([...bytes]).toEqual([0x5c, 0x15, 2, 0, 0x15, 4, 0]);
  });

  it('writes list sizes in the header below 15 and as a varint from 15 on', () => {
    const short = new CompactWriter()
      .list(1, ThriftType.I32, [1, 2], (w, v) => w.i32Value(v))
      .endMessage()
      .finish();
    expect([...short]).toEqual([0x19, 0x25, 2, 4, 0]);
    const long = new CompactWriter()
      .list(1, ThriftType.BINARY, Array<string>(15).fill('a'), (w, v) => w.stringValue(v))
      .endMessage()
      .finish();
    expect([...long.subarray(0, 3)]).toEqual([0x19, 0xf8, 15]);
    expect(long.length).toBe(3 + 15 * 2 + 1);
  });

  it('writes counts beyond 32 bits exactly', () => {
    const bytes = new CompactWriter()
      .i64(1, 2 ** 40)
      .endMessage()
      .finish();
    // Zigzag makes it 2^41 = 2^(5 × 7) × 64: five bytes of 0 with the continuation bit, then 64.
    expect([...bytes]).toEqual([0x16, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0]);
  });
});
