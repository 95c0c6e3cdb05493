/**
 * Parquet's RLE / bit-packing hybrid encoding of small unsigned integers (definition levels,
 * dictionary indices): runs of one repeated value are stored once with their length, everything
 * else is bit-packed in groups of eight values.
 */
import type { ByteBuffer } from '../../binary/byte-buffer';

/** A repeat shorter than this is cheaper bit-packed than as a run of its own. */
const MIN_RUN = 8;
/** Groups per bit-packed run: 63 keeps its header one byte, as some readers expect. */
const MAX_GROUPS = 63;

/** The bits needed for values 0 … max. */
export function bitWidthFor(max: number): number {
  if (!(max >= 0 && max <= 0xffffffff)) throw new RangeError(`no bit width for ${max}`);
  return max === 0 ? 0 : 32 - Math.clz32(max);
}

/** Appends values[0 … count) encoded with `bitWidth` bits each (no length prefix). */
export function encodeRleHybrid(out: ByteBuffer, values: Uint32Array, count: number, bitWidth: number): void {
  let i = 0;
  while (i < count) {
    const run = runLength(values, i, count);
    if (run >= MIN_RUN) {
      writeRun(out, values[i]!, run, bitWidth);
      i += run;
      continue;
    }
    // Bit-pack groups of eight until a long run starts at a group's start (or groups run out).
    const start = i;
    let groups = 0;
    do {
      i += 8;
      groups++;
    } while (
      i < count &&
      groups < MAX_GROUPS &&
      runLength(values, i, Math.min(count, i + MIN_RUN)) < MIN_RUN
    );
    writePacked(out, values, start, Math.min(i, count), groups, bitWidth);
    // Past the end means the last group was padded: readers stop at the page's value count.
    i = Math.min(i, count);
  }
}

/** How many times values[i] repeats from i (looking no further than `end`). */
function runLength(values: Uint32Array, i: number, end: number): number {
  const value = values[i];
  let j = i + 1;
  while (j < end && values[j] === value) j++;
  return j - i;
}

function writeRun(out: ByteBuffer, value: number, length: number, bitWidth: number): void {
  out.varint(length * 2);
  for (let b = 0; b < bitWidth; b += 8) out.byte((value >>> b) & 0xff);
}

/** values[start … end) as `groups` groups of eight, padded with zeros, least significant bit first. */
function writePacked(
  out: ByteBuffer,
  values: Uint32Array,
  start: number,
  end: number,
  groups: number,
  bitWidth: number,
): void {
  out.varint(groups * 2 + 1);
  const bytes = groups * bitWidth;
  out.reserve(bytes);
  const target = out.bytes;
  let at = out.length;
  target.fill(0, at, at + bytes);
  let bit = 0;
  for (let k = start; k < start + groups * 8; k++) {
    const value = k < end ? values[k]! : 0;
    for (let b = 0; b < bitWidth; b++, bit++) {
      if ((value >>> b) & 1) {
        const byte = at + (bit >>> 3);
        target[byte] = target[byte]! | (1 << (bit & 7));
      }
    }
  }
  at += bytes;
  out.length = at;
}
