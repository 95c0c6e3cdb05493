/**
 * The RLE / bit-packing hybrid encoder, checked against a decoder written from the format's
 * description (parquet-format Encodings.md), and byte for byte on small cases worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { ByteBuffer } from '../../../../main/binary/byte-buffer';
import { bitWidthFor, encodeRleHybrid } from '../../../../main/data/parquet/rle-hybrid';

function encode(values: number[], bitWidth: number): Uint8Array {
  const out = new ByteBuffer(16);
  encodeRleHybrid(out, Uint32Array.from(values), values.length, bitWidth);
  return out.written().slice();
}

/** Reads `count` values: runs (header's low bit 0) and bit-packed groups of eight (low bit 1). */
function decode(bytes: Uint8Array, count: number, bitWidth: number): number[] {
  const values: number[] = [];
  let pos = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[pos++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (values.length < count) {
    const header = varint();
    if (header % 2 === 0) {
      let value = 0;
      for (let b = 0; b < Math.ceil(bitWidth / 8); b++) value |= bytes[pos++]! << (8 * b);
      for (let i = 0; i < header / 2; i++) values.push(value);
    } else {
      const n = ((header - 1) / 2) * 8;
      for (let i = 0; i < n; i++) {
        let value = 0;
        for (let b = 0; b < bitWidth; b++) {
          const bit = i * bitWidth + b;
          if ((bytes[pos + (bit >> 3)]! >> (bit & 7)) & 1) value |= 1 << b;
        }
        values.push(value);
      }
      pos += ((header - 1) / 2) * bitWidth;
    }
  }
  expect(pos).toBe(bytes.length);
  return values.slice(0, count);
}

describe('RLE / bit-packing hybrid', () => {
  it('writes a long repeat as one run: its length doubled, then the value in whole bytes', () => {
    expect([...encode(Array<number>(100).fill(1), 1)]).toEqual([200, 1, 1]);
    expect([...encode(Array<number>(9).fill(300), 9)]).toEqual([18, 300 & 0xff, 300 >> 8]);
  });

  it('bit-packs values that do not repeat, least significant bit first, padding the last group', () => {
    // One group (header 3), width 2: 1,2,3,0 | 1 → 0b00_11_10_01, 0b01.
    expect([...encode([1, 2, 3, 0, 1], 2)]).toEqual([3, 0b00111001, 0b00000001]);
  });

  it.each([1, 2, 3, 7, 8, 12, 17])('round-trips mixed runs and noise at %i bits', (bitWidth) => {
    const max = 2 ** bitWidth - 1;
    let seed = bitWidth;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values: number[] = [];
    while (values.length < 5000) {
      const value = Math.floor(random() * (max + 1));
      const repeat = random() < 0.3 ? Math.floor(random() * 40) : 1;
      for (let i = 0; i < repeat; i++) values.push(value);
    }
    expect(decode(encode(values, bitWidth), values.length, bitWidth)).toEqual(values);
  });

  it('keeps every bit-packed run within 63 groups (a one-byte header)', () => {
    const values = Array.from({ length: 2000 }, (_, i) => i % 2);
    const bytes = encode(values, 1);
    expect(decode(bytes, values.length, 1)).toEqual(values);
    // 2000 values = 250 groups: runs of 63, 63, 63, 61 groups, each a one-byte header and 1 byte a group.
    expect(bytes.length).toBe(4 + 250);
  });

  it('sizes the bit width to the largest value', () => {
    expect([0, 1, 2, 3, 4, 255, 256].map(bitWidthFor)).toEqual([0, 1, 2, 2, 3, 8, 9]);
  });
});
