/**
 * A whole number grouped by thousands, as `toLocaleString('en-US')` prints it ("1,234,567").
 * Written out because the first toLocaleString call of a process loads ICU's locale data, about
 * 20 ms that a short command would spend printing its summary.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += ',' + digits.slice(at, at + 3);
  return n < 0 ? '-' + grouped : grouped;
}
