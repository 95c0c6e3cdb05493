/**
 * The `*.ensemble.json` file format (DESIGN.md, "Ensemble spec"). This schema is the single
 * source of truth for what a spec may contain; resolution against real models and data lives in
 * resolve.ts.
 */
import * as z from 'zod';

export const SPEC_FORMAT = 'ensemble-studio/ensemble@1';

/** Class labels compare by their string form, so numbers are accepted and turned into strings. */
const ClassLabel = z.union([z.string(), z.number()]).transform((v) => String(v));

export const OutputKindSchema = z.enum(['probabilities', 'logits', 'label', 'value']);

export const MemberSpecSchema = z.strictObject({
  name: z.string().min(1),
  /** Path to the .onnx file, relative to the spec file's folder. */
  model: z.string().min(1),
  /** Finite and ≥ 0; the spec as a whole needs one weight > 0 (checked on EnsembleSpecSchema). */
  // Any number here (NaN, ±Infinity too, as a bridge's JSON can bring 1e400): weightProblems() below
  // refuses the bad ones with a message that names the member.
  weight: z.custom<number>((v) => typeof v === 'number', 'the weight must be a number').default(1),
  /** Model input name → data columns concatenated along the last axis. */
  inputs: z.record(z.string(), z.array(z.string().min(1)).min(1)).optional(),
  output: z.string().min(1).optional(),
  outputKind: OutputKindSchema.optional(),
  classes: z.array(ClassLabel).min(1).optional(),
});

/** Logistic-regression meta-model (multinomial; binary uses one coefficient row). */
export const LogisticMetaSchema = z.strictObject({
  kind: z.literal('logistic'),
  /** Names of the meta-features in order, e.g. "rf.proba_1" — documentation and a check. */
  features: z.array(z.string()),
  /** One row per class (multinomial) or a single row (binary: P of the second class). */
  coef: z.array(z.array(z.number().finite())).min(1),
  intercept: z.array(z.number().finite()).min(1),
});

export const RidgeMetaSchema = z.strictObject({
  kind: z.literal('ridge'),
  features: z.array(z.string()),
  coef: z.array(z.number().finite()),
  intercept: z.number().finite(),
});

export const CombinerSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('soft_vote') }),
  z.strictObject({ method: z.literal('hard_vote') }),
  z.strictObject({ method: z.literal('geometric_mean') }),
  z.strictObject({ method: z.literal('median') }),
  z.strictObject({ method: z.literal('mean') }),
  z.strictObject({ method: z.literal('rank_mean') }),
  z.strictObject({
    method: z.literal('stacking'),
    meta: z.discriminatedUnion('kind', [LogisticMetaSchema, RidgeMetaSchema]),
  }),
]);

const Finite = z.number().finite();

/**
 * One isotonic map: x strictly increasing (ties are pooled when it is fitted, so a repeated x never
 * occurs), y non-decreasing and as long as x.
 */
const IsotonicMapSchema = z
  .strictObject({ x: z.array(Finite).min(1), y: z.array(Finite).min(1) })
  .superRefine((map, ctx) => {
    if (map.x.length !== map.y.length) {
      ctx.addIssue({
        code: 'custom',
        message: `x has ${map.x.length} values and y ${map.y.length}: they must be as long as each other`,
        path: ['y'],
      });
      return;
    }
    const i = map.x.findIndex((v, j) => j > 0 && !(v > map.x[j - 1]!));
    if (i > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `x must be strictly increasing (x[${i}] = ${map.x[i]} after x[${i - 1}] = ${map.x[i - 1]})`,
        path: ['x', i],
      });
    }
    const k = map.y.findIndex((v, j) => j > 0 && v < map.y[j - 1]!);
    if (k > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `y must be non-decreasing (y[${k}] = ${map.y[k]} after y[${k - 1}] = ${map.y[k - 1]})`,
        path: ['y', k],
      });
    }
  });

/**
 * A calibration map fitted on the ensemble's probabilities (`optimize --method calibrate`), as
 * scikit-learn's `CalibratedClassifierCV(cv='prefit')`: binary, one map on P(second class);
 * multiclass, one map per class (one-vs-rest), the row then divided by its sum.
 */
export const CalibrationSpecSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('sigmoid'),
    /** Platt's p = 1 / (1 + exp(a·f + b)). */
    maps: z.array(z.strictObject({ a: Finite, b: Finite })).min(1),
  }),
  z.strictObject({
    method: z.literal('isotonic'),
    /** Increasing scores x and non-decreasing values y; linear between, clipped outside. */
    maps: z.array(IsotonicMapSchema).min(1),
  }),
]);

export const EnsembleSpecSchema = z
  .strictObject({
    format: z.literal(SPEC_FORMAT),
    name: z.string().min(1),
    description: z.string().optional(),
    task: z.enum(['classification', 'regression']),
    classes: z.array(ClassLabel).min(1).optional(),
    members: z.array(MemberSpecSchema).min(1),
    combiner: CombinerSchema,
    /** Applied to the combined probabilities (classification only). */
    calibration: CalibrationSpecSchema.optional(),
  })
  .superRefine((spec, ctx) => {
    for (const problem of weightProblems(spec.members)) {
      ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
    }
  });

/**
 * Weights are finite and ≥ 0, with at least one > 0 (a member of weight 0 is kept but not used).
 * The messages name the member, so every adapter (CLI, bridge, the builder's field) can show them.
 */
export function weightProblems(
  members: readonly { name: string; weight?: number }[],
): { memberIndex: number | null; message: string; path: (string | number)[] }[] {
  const problems: { memberIndex: number | null; message: string; path: (string | number)[] }[] = [];
  members.forEach((member, index) => {
    const weight = member.weight ?? 1;
    if (!Number.isFinite(weight) || weight < 0) {
      problems.push({
        memberIndex: index,
        message: `member "${member.name}": the weight must be a finite number ≥ 0 (got ${String(weight)})`,
        path: ['members', index, 'weight'],
      });
    }
  });
  if (problems.length === 0 && members.length > 0 && !members.some((m) => (m.weight ?? 1) > 0)) {
    problems.push({
      memberIndex: null,
      message: `every member's weight is 0 (${members.map((m) => `"${m.name}"`).join(', ')}): give at least one member a weight above 0`,
      path: ['members'],
    });
  }
  return problems;
}

/** A spec as written in a file (defaults not yet applied). */
export type EnsembleSpecInput = z.input<typeof EnsembleSpecSchema>;
/** A parsed spec: defaults applied, labels as strings. */
export type EnsembleSpec = z.output<typeof EnsembleSpecSchema>;
export type MemberSpec = z.output<typeof MemberSpecSchema>;
export type CombinerSpec = z.output<typeof CombinerSchema>;
export type CombinerMethod = CombinerSpec['method'];
export type CalibrationSpec = z.output<typeof CalibrationSpecSchema>;

/** Which combiners apply to which task (DESIGN.md, "Combiners"); the builder offers these. */
export const COMBINERS_FOR_TASK: Readonly<Record<EnsembleSpec['task'], readonly CombinerMethod[]>> = {
  classification: ['soft_vote', 'hard_vote', 'geometric_mean', 'median', 'rank_mean', 'stacking'],
  regression: ['mean', 'median', 'stacking'],
};
