/** Before-versus-after of one metric, judged by whether higher is better for it. */
import { higherIsBetter } from '../../evaluation';

export type Verdict = 'better' | 'worse' | 'same';

/** Changes smaller than this (relative) are rounding, not a difference worth a colour. */
const SAME = 1e-12;

export function metricDelta(
  name: string,
  before: number | null | undefined,
  after: number | null | undefined,
): { delta: number | null; verdict: Verdict } {
  if (before === null || before === undefined || after === null || after === undefined)
    return { delta: null, verdict: 'same' };
  const delta = after - before;
  if (Math.abs(delta) <= SAME * Math.max(1, Math.abs(before))) return { delta, verdict: 'same' };
  const up = delta > 0;
  return { delta, verdict: up === higherIsBetter(name) ? 'better' : 'worse' };
}
