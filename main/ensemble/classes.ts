/**
 * Class labels (DESIGN.md, "Ensemble spec"): labels compare by their string form, the ensemble's
 * class order is the spec's `classes` or the sorted union of the members' labels, and each
 * member's columns are mapped onto that order.
 */
import { StudioError } from '../../contract/errors';

/**
 * Sorted union of labels, ordered as numpy's `np.unique` would order the original labels:
 * numerically when every label reads as a finite number (int labels), else by Unicode code point
 * (numpy compares str by code point; JavaScript's default sort compares UTF-16 units, which
 * differs for characters outside the BMP).
 */
export function sortedClassUnion(labelSets: readonly (readonly string[])[]): string[] {
  const unique = [...new Set(labelSets.flat())];
  const numbers = unique.map(numericValue);
  if (numbers.every((n): n is number => n !== null)) {
    const order = unique.map((label, i) => ({ label, value: numbers[i] as number }));
    // Ties by value ("1" vs "1.0") are different labels; keep the order stable by code point.
    order.sort((a, b) => a.value - b.value || compareCodePoints(a.label, b.label));
    return order.map((o) => o.label);
  }
  return unique.sort(compareCodePoints);
}

/** The finite number a label spells, or null ("", " 1", "0x10", "inf" are not numbers here). */
function numericValue(label: string): number | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(label)) return null;
  const value = Number(label);
  return Number.isFinite(value) ? value : null;
}

export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(i) as number;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++; // skip the low surrogate of a pair already compared
  }
  return a.length - b.length;
}

/**
 * Where each of a member's columns goes in the ensemble's class order: `map[j]` is the ensemble
 * column of the member's j-th class. A class of the ensemble the member lacks simply receives
 * nothing (probability 0). Refused: duplicate member labels, a member class the ensemble's
 * explicit `classes` lacks, and a member with no class in common with the ensemble.
 */
export function mapMemberClasses(
  member: string,
  memberClasses: readonly string[],
  ensembleClasses: readonly string[],
): Int32Array {
  const index = new Map(ensembleClasses.map((label, i) => [label, i] as const));
  const seen = new Set<string>();
  const map = new Int32Array(memberClasses.length);
  const missing: string[] = [];
  memberClasses.forEach((label, j) => {
    if (seen.has(label)) {
      throw new StudioError('spec', `member '${member}' lists class '${label}' twice`, { member });
    }
    seen.add(label);
    const k = index.get(label);
    if (k === undefined) missing.push(label);
    map[j] = k ?? -1;
  });
  if (missing.length === memberClasses.length) {
    throw new StudioError(
      'spec',
      `member '${member}' has classes [${memberClasses.join(', ')}], none of which is an ensemble class ` +
        `[${ensembleClasses.join(', ')}]`,
      { member },
    );
  }
  if (missing.length > 0) {
    throw new StudioError(
      'spec',
      `member '${member}' has class${missing.length > 1 ? 'es' : ''} ${missing.map((m) => `'${m}'`).join(', ')} ` +
        `that the ensemble's classes [${ensembleClasses.join(', ')}] lack`,
      { member },
    );
  }
  return map;
}
