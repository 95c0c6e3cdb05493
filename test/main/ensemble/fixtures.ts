/** Loads the scikit-learn reference fixtures (test/corpus/ensemble/generate.py) and builds plans from them. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mapMemberClasses } from '../../../main/ensemble/classes';
import type { RawOutput } from '../../../main/ensemble/normalise';
import type { MemberPlan } from '../../../main/ensemble/plan';
import type { OutputKind } from '../../../contract/model-types';

export interface FixtureMember {
  name: string;
  classes: string[];
  labelType: 'int64' | 'string';
  weight: number;
  outputKind: OutputKind;
  dims: number[];
  data: (number | string)[];
  aligned: number[];
}

interface Expected {
  proba: number[];
  prediction: number[];
}

export interface ClassificationCase {
  name: string;
  rows: number;
  explicitClasses: string[] | null;
  classes: string[];
  members: FixtureMember[];
  expected: {
    soft_vote: Expected;
    hard_vote: Expected;
    geometric_mean: Expected;
    median: Expected;
    geometric_mean_fallback_rows: number;
    median_fallback_rows: number;
    stacking: Expected & {
      meta: { kind: 'logistic'; features: string[]; coef: number[][]; intercept: number[] };
    };
    rank_mean?: { score: number[]; ranks: number[][]; prediction: number[] };
  };
}

export interface RegressionCase {
  name: string;
  rows: number;
  members: { name: string; weight: number; dims: number[]; data: number[] }[];
  expected: {
    mean: number[];
    median: number[];
    stacking: {
      meta: { kind: 'ridge'; features: string[]; coef: number[]; intercept: number };
      values: number[];
    };
  };
}

export interface Fixture {
  classification: ClassificationCase[];
  regression: RegressionCase[];
  classOrder: { labels: string[][]; expected: string[] }[];
}

export function loadFixture(): Fixture {
  const path = fileURLToPath(new URL('../../corpus/ensemble/combiners.json', import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as Fixture;
}

export function memberPlan(
  member: { name: string; weight: number; outputKind?: OutputKind; classes?: string[] },
  index: number,
  ensembleClasses: string[] | null,
  totalWeight = 1,
): MemberPlan {
  const classes = member.classes ?? null;
  return {
    name: member.name,
    index,
    rawWeight: member.weight,
    weight: member.weight / totalWeight,
    feeds: [],
    output: 'out',
    outputKind: member.outputKind ?? 'value',
    classes,
    classMap: classes && ensembleClasses ? mapMemberClasses(member.name, classes, ensembleClasses) : null,
  };
}

/** The member's output as onnxruntime would return it: int64 labels as BigInt64Array, strings as string[]. */
export function rawOutput(member: FixtureMember): RawOutput {
  if (member.outputKind === 'label') {
    const data =
      member.labelType === 'int64'
        ? BigInt64Array.from(member.data, (v) => BigInt(v))
        : member.data.map((v) => String(v));
    return { data, dims: member.dims };
  }
  return { data: Float64Array.from(member.data as number[]), dims: member.dims };
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (!(Math.abs(a - e) <= tolerance)) throw new Error(`at ${i}: ${a} != ${e} (tolerance ${tolerance})`);
  }
}
