/**
 * Number formatting for CSV output: every value reads back to exactly the same number.
 * NaN is written as an empty cell (read back as NaN), ±Infinity as "inf" / "-inf" (DuckDB and
 * most CSV readers parse those), and -0 as "-0".
 */

export function formatFloat64(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0 && Object.is(x, -0)) return '-0';
  // JavaScript's own shortest round-trip representation.
  return String(x);
}

/** Powers of ten that doubles hold exactly, so m / 10^k below is one correctly rounded division. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * The shortest decimal that parses back to the same float32. String(x) of the widened double
 * would print up to 17 digits ("0.10000000149011612" for 0.1f); 9 always suffice for a float32.
 *
 * This runs for every float32 cell of a CSV output, so it avoids toPrecision (slow): for p = 1..9
 * digits it rounds |x|·10^k to an integer m and checks that m / 10^k — exactly the double a
 * reader parses from that text — narrows back to x. The first p that works is the shortest.
 */
export function formatFloat32(x: number): string {
  if (!Number.isFinite(x) || x === 0) return formatFloat64(x);
  // Whole numbers (every float32 from 2^23 up is one) print exactly as themselves.
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return String(x);
  const magnitude = Math.abs(x);
  const exponent = Math.floor(Math.log10(magnitude));
  for (let digits = 1; digits <= 9; digits++) {
    const k = digits - 1 - exponent;
    if (k <= 0) continue; // too few digits to reach past the decimal point: x is no integer
    if (k > 22) break;
    const m = Math.round(magnitude * POW10[k]!);
    if (Math.fround(m / POW10[k]!) === magnitude) return (x < 0 ? '-' : '') + decimalText(m, k);
  }
  return shortestByPrecision(x);
}

/** m · 10^-k as plain decimal text (k > 0), e.g. (1250, 3) → "1.25"; tiny values as String() prints them. */
function decimalText(m: number, k: number): string {
  while (k > 0 && m % 10 === 0) {
    m /= 10;
    k--;
  }
  const digits = String(m);
  if (k === 0) return digits;
  if (k - digits.length >= 6) return String(m / POW10[k]!); // below 1e-6: exponent form, like String()
  return digits.length > k
    ? `${digits.slice(0, digits.length - k)}.${digits.slice(digits.length - k)}`
    : `0.${'0'.repeat(k - digits.length)}${digits}`;
}

/** The slow, general path (very small or very large magnitudes). */
function shortestByPrecision(x: number): string {
  for (let digits = 1; digits <= 9; digits++) {
    const value = Number(x.toPrecision(digits));
    if (Math.fround(value) === x) return String(value);
  }
  return String(x);
}
