/**
 * Running totals for the summary a score job prints: predictions per class, and per member its
 * agreement with the ensemble and its mean score — all in typed arrays, chunk by chunk.
 */
import type { MemberSummary } from '../../contract/contract';
import type { ResolvedEnsemble } from '../ensemble/plan';
import { argmaxRow } from '../ensemble/row-math';
import type { CombinedChunk } from './combine-chunk';

export class ScoreSummary {
  private readonly counts: Float64Array;
  private readonly agree: Float64Array;
  private readonly sums: Float64Array[];
  private rows = 0;

  constructor(private readonly resolved: ResolvedEnsemble) {
    const k = resolved.task === 'classification' ? resolved.classes.length : 1;
    this.counts = new Float64Array(k);
    this.agree = new Float64Array(resolved.members.length);
    this.sums = resolved.members.map(() => new Float64Array(k));
  }

  add(combined: CombinedChunk, memberScores: readonly Float64Array[], n: number): void {
    this.rows += n;
    if ('values' in combined) {
      memberScores.forEach((scores, i) => {
        let s = 0;
        for (let r = 0; r < n; r++) s += scores[r]!;
        this.sums[i]![0]! += s;
      });
      return;
    }
    const k = this.resolved.classes.length;
    for (let r = 0; r < n; r++) {
      const p = combined.prediction[r]!;
      if (p >= 0) this.counts[p]! += 1;
    }
    const prediction = combined.prediction;
    memberScores.forEach((scores, i) => {
      if (k === 2) {
        this.addBinary(i, scores, prediction, n);
        return;
      }
      let same = 0;
      for (let r = 0; r < n; r++) if (argmaxRow(scores, r * k, k) === prediction[r]) same++;
      this.agree[i]! += same;
      // Per class in row order, as a running sum in a local (the same additions, in the same order).
      const sums = this.sums[i]!;
      for (let c = 0; c < k; c++) {
        let sum = sums[c]!;
        for (let r = 0; r < n; r++) sum += scores[r * k + c]!;
        sums[c] = sum;
      }
    });
  }

  /** add() for two classes in one pass: argmaxRow's choice (NaN gives -1) and the same sums. */
  private addBinary(member: number, scores: Float64Array, prediction: Int32Array, n: number): void {
    const sums = this.sums[member]!;
    let sum0 = sums[0]!;
    let sum1 = sums[1]!;
    let same = 0;
    for (let r = 0, at = 0; r < n; r++, at += 2) {
      const p0 = scores[at]!;
      const p1 = scores[at + 1]!;
      sum0 += p0;
      sum1 += p1;
      const own = Number.isNaN(p0) || Number.isNaN(p1) ? -1 : p1 > p0 ? 1 : 0;
      if (own === prediction[r]) same++;
    }
    sums[0] = sum0;
    sums[1] = sum1;
    this.agree[member]! += same;
  }

  /** The running totals as plain numbers, for a checkpoint (a resumed run continues from them). */
  state(): { rows: number; counts: number[]; agree: number[]; sums: number[][] } {
    return {
      rows: this.rows,
      counts: Array.from(this.counts),
      agree: Array.from(this.agree),
      sums: this.sums.map((s) => Array.from(s)),
    };
  }

  /** Continues from a checkpoint's totals (the same ensemble, so the same shapes). */
  restore(state: { rows: number; counts: number[]; agree: number[]; sums: number[][] }): void {
    this.rows = state.rows;
    this.counts.set(state.counts.slice(0, this.counts.length));
    this.agree.set(state.agree.slice(0, this.agree.length));
    this.sums.forEach((s, i) => s.set((state.sums[i] ?? []).slice(0, s.length)));
  }

  predictionCounts(): Record<string, number> | null {
    if (this.resolved.task !== 'classification') return null;
    return Object.fromEntries(this.resolved.classes.map((c, i) => [c, this.counts[i]!]));
  }

  members(providerUsed: string): MemberSummary[] {
    return this.resolved.members.map((m, i) => ({
      name: m.name,
      weight: m.weight,
      provider: providerUsed,
      agreement: this.resolved.task === 'classification' && this.rows > 0 ? this.agree[i]! / this.rows : null,
      means: Array.from(this.sums[i]!, (s) => (this.rows > 0 ? s / this.rows : NaN)),
    }));
  }
}
