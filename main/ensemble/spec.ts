/**
 * The `*.ensemble.json` file format (DESIGN.md, "Ensemble spec"). This schema is the single
 * source of truth for what a spec may contain; resolution against real models and data lives in
 * resolve.ts.
 */
import { z } from 'zod';

export const SPEC_FORMAT = 'ensemble-studio/ensemble@1';

/** Class labels compare by their string form, so numbers are accepted and turned into strings. */
const ClassLabel = z.union([z.string(), z.number()]).transform((v) => String(v));

export const OutputKindSchema = z.enum(['probabilities', 'logits', 'label', 'value']);

export const MemberSpecSchema = z.strictObject({
  name: z.string().min(1),
  /** Path to the .onnx file, relative to the spec file's folder. */
  model: z.string().min(1),
  weight: z.number().finite().nonnegative().default(1),
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

export const EnsembleSpecSchema = z.strictObject({
  format: z.literal(SPEC_FORMAT),
  name: z.string().min(1),
  description: z.string().optional(),
  task: z.enum(['classification', 'regression']),
  classes: z.array(ClassLabel).min(1).optional(),
  members: z.array(MemberSpecSchema).min(1),
  combiner: CombinerSchema,
});

/** A spec as written in a file (defaults not yet applied). */
export type EnsembleSpecInput = z.input<typeof EnsembleSpecSchema>;
/** A parsed spec: defaults applied, labels as strings. */
export type EnsembleSpec = z.output<typeof EnsembleSpecSchema>;
export type MemberSpec = z.output<typeof MemberSpecSchema>;
export type CombinerSpec = z.output<typeof CombinerSchema>;
export type CombinerMethod = CombinerSpec['method'];

/** Which combiners apply to which task (DESIGN.md, "Combiners"); the builder offers these. */
export const COMBINERS_FOR_TASK: Readonly<Record<EnsembleSpec['task'], readonly CombinerMethod[]>> = {
  classification: ['soft_vote', 'hard_vote', 'geometric_mean', 'median', 'rank_mean', 'stacking'],
  regression: ['mean', 'median', 'stacking'],
};
