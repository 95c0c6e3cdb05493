/**
 * The builder's weight fields, checked as the engine checks a spec (finite, ≥ 0, at least one
 * above 0) but while typing, so the message sits on the field itself and a bad weight is never
 * sent, saved or replaced by a default.
 */
import type { MemberDraft } from '../draft';

/** A plain decimal or scientific number; no hex, no digit separators, no "Infinity". */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The weight a field's text stands for, or null when it is not a usable weight. */
export function parseWeight(text: string): number | null {
  const t = text.trim();
  if (!NUMBER.test(t)) return null;
  const value = Number(t);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** What is wrong with one weight field, in words for the field; null when it is fine. */
export function weightFieldProblem(text: string): string | null {
  const t = text.trim();
  if (t === '') return 'Enter a weight: a number of 0 or more.';
  if (!NUMBER.test(t)) return `“${t}” is not a number: enter a weight of 0 or more.`;
  const value = Number(t);
  if (!Number.isFinite(value)) return `${t} is too large: enter a finite weight.`;
  if (value < 0) return `A weight cannot be negative (${t}): enter 0 or more.`;
  return null;
}

export interface WeightProblem {
  /** The member's key; null for a problem of the whole ensemble. */
  key: string | null;
  member: string | null;
  message: string;
}

/** Every weight problem of the draft: one per bad field, then "all zero" when that is the case. */
export function weightProblems(members: readonly MemberDraft[]): WeightProblem[] {
  const problems: WeightProblem[] = [];
  for (const m of members) {
    const message = weightFieldProblem(m.weight);
    if (message) problems.push({ key: m.key, member: m.name, message });
  }
  if (problems.length === 0 && members.length > 0 && members.every((m) => parseWeight(m.weight) === 0)) {
    problems.push({
      key: null,
      member: null,
      message: 'Every member’s weight is 0: give at least one member a weight above 0.',
    });
  }
  return problems;
}
