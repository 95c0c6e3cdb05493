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

/**
 * The shortest decimal that parses back to the same float32. String(x) of the widened double
 * would print up to 17 digits ("0.10000000149011612" for 0.1f); 9 always suffice for a float32.
 */
export function formatFloat32(x: number): string {
  if (!Number.isFinite(x) || x === 0) return formatFloat64(x);
  // Real features mostly carry about 6 significant digits: start there, then walk down while the
  // text still round-trips, or up (to 9, which always does) until it does.
  let best = roundTrip32(x, 6);
  if (best !== undefined) {
    for (let digits = 5; digits >= 1; digits--) {
      const shorter = roundTrip32(x, digits);
      if (shorter === undefined) break;
      best = shorter;
    }
    return best;
  }
  for (let digits = 7; digits <= 9; digits++) {
    const text = roundTrip32(x, digits);
    if (text !== undefined) return text;
  }
  return String(x);
}

function roundTrip32(x: number, digits: number): string | undefined {
  const value = Number(x.toPrecision(digits));
  return Math.fround(value) === x ? String(value) : undefined;
}
