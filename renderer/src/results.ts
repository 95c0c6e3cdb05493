/** Guards for job results the contract types as `unknown`. */
import { isObject, num, numOrNull, str, strArray, type MemberSummary, type ScoreResult } from './types';

export function toScoreResult(v: unknown): ScoreResult | null {
  if (!isObject(v)) return null;
  const rows = num(v.rows);
  if (rows === null) return null;
  const members: MemberSummary[] = Array.isArray(v.members)
    ? v.members.filter(isObject).map((m) => ({
        name: str(m.name) ?? '?',
        weight: num(m.weight) ?? 0,
        provider: str(m.provider) ?? '',
        agreement: numOrNull(m.agreement),
        means: Array.isArray(m.means) ? m.means.filter((x): x is number => typeof x === 'number') : [],
      }))
    : [];
  const counts: Record<string, number> | null = isObject(v.predictionCounts)
    ? Object.fromEntries(
        Object.entries(v.predictionCounts).filter((e): e is [string, number] => typeof e[1] === 'number'),
      )
    : null;
  return {
    rows,
    seconds: num(v.seconds) ?? 0,
    rowsPerSec: num(v.rowsPerSec) ?? 0,
    output: str(v.output) ?? '',
    outputSha256: str(v.outputSha256) ?? '',
    classes: strArray(v.classes),
    predictionCounts: counts,
    members,
    providerRequested: (str(v.providerRequested) ?? 'cpu') as ScoreResult['providerRequested'],
    providerUsed: str(v.providerUsed) ?? '',
    warnings: strArray(v.warnings) ?? [],
    ...(v.evaluation !== undefined ? { evaluation: v.evaluation } : {}),
  };
}
