/**
 * float32 → IEEE 754 half-precision bit patterns, rounding to nearest even as hardware and
 * numpy's astype(np.float16) do. Node 20 has no Float16Array, so the bits are built by hand.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Largest finite float16. */
export const FLOAT16_MAX = 65504;

export function float16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa !== 0 ? 0x200 : 0); // ±inf, NaN
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow → ±inf
  if (e <= 0) {
    // Subnormal half (or zero): shift the full 24-bit significand into place, then round.
    if (e < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - e;
    return sign | roundShift(mantissa, shift);
  }
  // A carry out of the mantissa correctly bumps the exponent (up to inf).
  return sign | (((e << 10) | (mantissa >>> 13)) + roundUp(mantissa & 0x1fff, 0x1000, (mantissa >>> 13) & 1));
}

function roundShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value & ((1 << shift) - 1);
  return kept + roundUp(rest, 1 << (shift - 1), kept & 1);
}

/** 1 when the dropped bits round the kept value up (more than half, or exactly half and odd). */
function roundUp(rest: number, half: number, odd: number): number {
  return rest > half || (rest === half && odd === 1) ? 1 : 0;
}

export function toFloat16Array(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float16Bits(values[i] as number);
  return out;
}
