/**
 * The combiners of DESIGN.md "Combiners (exact)" as ONNX operators over the members' float64
 * scores, mirroring main/ensemble/combiners-*.ts step by step: weighted sums run in member order
 * with the spec's raw weights and are divided by their total last (as np.average does), so exact
 * ties (hard-vote 0.5 : 0.5) resolve as in the app and scikit-learn. ArgMax with
 * select_last_index=0 sends ties to the first class in class order.
 */
import type { CombinerSpec } from '../../contract/ensemble-spec';
import { StudioError } from '../../contract/errors';
import { DataType } from '../model/onnx-proto';
import type { GraphBuilder } from './graph-builder';
import { oneHot } from './member-scores';

export interface ClassificationGraph {
  /** `[N,K]` float64. */
  proba: string;
  /** `[N]` int64 ensemble class index. */
  index: string;
}

/** @param probas per member `[N,K]` float64 in ensemble order; `weights` the raw spec weights. */
export function combineClassificationOps(
  b: GraphBuilder,
  combiner: CombinerSpec,
  probas: readonly string[],
  weights: readonly number[],
  classCount: number,
): ClassificationGraph {
  switch (combiner.method) {
    case 'soft_vote':
      return withArgmax(b, softVote(b, probas, weights));
    case 'hard_vote':
      return hardVote(b, probas, weights, classCount);
    case 'geometric_mean':
      return withArgmax(b, geometricMean(b, probas, weights));
    case 'median':
      return withArgmax(b, medianVote(b, probas, weights));
    case 'stacking':
      if (combiner.meta.kind === 'logistic') return logisticStacking(b, probas, combiner.meta, classCount);
      break;
    default:
      break;
  }
  throw unsupported(combiner.method, 'classification');
}

/** @param values per member `[N]` float64. @returns `[N]` float64. */
export function combineRegressionOps(
  b: GraphBuilder,
  combiner: CombinerSpec,
  values: readonly string[],
  weights: readonly number[],
): string {
  switch (combiner.method) {
    case 'mean':
      return b.op('Div', [weightedSum(b, values, weights), scalar(b, total(weights))], 'mean');
    case 'median': {
      const columns = values
        .filter((_, i) => weights[i] !== 0)
        .map((v) => b.op('Reshape', [v, b.int64s('shape_n1', [-1, 1])], 'value_column'));
      return median(b, b.op('Concat', columns, 'values', { axis: { int: 1 } }), 1, columns.length);
    }
    case 'stacking':
      if (combiner.meta.kind === 'ridge') {
        // intercept + Σ coef_i y_i, summed from the intercept in member order (ridgeStacking).
        let acc = scalar(b, combiner.meta.intercept);
        values.forEach((v, i) => {
          acc = b.op(
            'Add',
            [acc, b.op('Mul', [v, scalar(b, combiner.meta.coef[i] as number)], 'cy')],
            'ridge',
          );
        });
        return acc;
      }
      break;
    default:
      break;
  }
  throw unsupported(combiner.method, 'regression');
}

function unsupported(method: string, task: string): StudioError {
  const why =
    method === 'rank_mean'
      ? `'rank_mean' ranks each row against the whole scored file, which a row-by-row ONNX graph cannot do`
      : `combiner '${method}' does not apply to ${task}`;
  return new StudioError('spec', `cannot export: ${why}`, { field: 'combiner' });
}

function scalar(b: GraphBuilder, value: number): string {
  return b.doubles('scalar', [value], []);
}

function total(weights: readonly number[]): number {
  return weights.reduce((sum, w) => sum + w, 0);
}

/** Σ w_i x_i in member order, members with weight 0 left out (as addWeighted does). */
function weightedSum(b: GraphBuilder, parts: readonly string[], weights: readonly number[]): string {
  let acc: string | null = null;
  parts.forEach((part, i) => {
    const w = weights[i] as number;
    if (w === 0) return;
    const term = b.op('Mul', [part, scalar(b, w)], 'weighted');
    acc = acc === null ? term : b.op('Add', [acc, term], 'sum');
  });
  if (acc === null) throw new StudioError('spec', 'member weights sum to 0', { field: 'weight' });
  return acc;
}

function argmax(b: GraphBuilder, x: string): string {
  return b.op('ArgMax', [x], 'argmax', {
    axis: { int: 1 },
    keepdims: { int: 0 },
    select_last_index: { int: 0 },
  });
}

function withArgmax(b: GraphBuilder, proba: string): ClassificationGraph {
  return { proba, index: argmax(b, proba) };
}

function softVote(b: GraphBuilder, probas: readonly string[], weights: readonly number[]): string {
  return b.op('Div', [weightedSum(b, probas, weights), scalar(b, total(weights))], 'soft_vote');
}

/** Each member votes its argmax; prediction = argmax of the raw vote totals; proba = vote shares. */
function hardVote(
  b: GraphBuilder,
  probas: readonly string[],
  weights: readonly number[],
  classCount: number,
): ClassificationGraph {
  const votes = probas.map((p, i) => (weights[i] === 0 ? p : oneHot(b, argmax(b, p), classCount)));
  const totals = weightedSum(b, votes, weights);
  return { proba: b.op('Div', [totals, scalar(b, total(weights))], 'vote_shares'), index: argmax(b, totals) };
}

/**
 * P ∝ exp(Σ (w_i/Σw) ln P_i − max), renormalised; rows where every class is −∞ (the members'
 * supports do not meet) fall back to the soft vote, as geometricMean does.
 */
function geometricMean(b: GraphBuilder, probas: readonly string[], weights: readonly number[]): string {
  const sum = total(weights);
  const logs = probas.map((p) => b.op('Log', [p], 'log'));
  const s = weightedSum(
    b,
    logs,
    weights.map((w) => w / sum),
  );
  const max = rowMax(b, s);
  const e = b.op('Exp', [b.op('Sub', [s, max], 'shifted')], 'exp');
  const geometric = b.op('Div', [e, rowSum(b, e)], 'geometric');
  const empty = b.op('IsInf', [max], 'all_zero', {
    detect_positive: { int: 0 },
    detect_negative: { int: 1 },
  });
  return b.op('Where', [empty, softVote(b, probas, weights), geometric], 'geometric_mean');
}

/** Per class, the unweighted median over the members with a non-zero weight, renormalised. */
function medianVote(b: GraphBuilder, probas: readonly string[], weights: readonly number[]): string {
  const taking = probas.filter((_, i) => weights[i] !== 0);
  const stacked = b.op(
    'Concat',
    taking.map((p) => b.op('Reshape', [p, b.int64s('shape_nk1', [0, 0, 1])], 'stackable')),
    'stacked',
    { axis: { int: 2 } },
  );
  const med = median(b, stacked, 2, taking.length);
  const sum = rowSum(b, med);
  const zero = b.op('Equal', [sum, scalar(b, 0)], 'sum_is_zero');
  const renormalised = b.op('Div', [med, sum], 'renormalised');
  return b.op('Where', [zero, softVote(b, probas, weights), renormalised], 'median');
}

/**
 * np.median along `axis` of `count` values: TopK sorts them (descending), then the middle one, or
 * (lower + upper) / 2 of the middle two, exactly as medianInPlace computes it.
 */
function median(b: GraphBuilder, x: string, axis: number, count: number): string {
  const sorted = topK(b, x, count, axis);
  const pick = (i: number) =>
    b.op('Gather', [sorted, b.int64s('index', [i], [])], 'middle', { axis: { int: axis } });
  const mid = count >> 1;
  if (count % 2 === 1) return pick(mid);
  // Descending position mid-1 and mid are the ascending mid and mid-1: the same two values.
  return b.op('Div', [b.op('Add', [pick(mid), pick(mid - 1)], 'middle_sum'), scalar(b, 2)], 'median');
}

/** TopK's values along `axis`, largest first. */
function topK(b: GraphBuilder, x: string, k: number, axis: number): string {
  const attributes = { axis: { int: axis }, largest: { int: 1 }, sorted: { int: 1 } };
  return b.opOutputs('TopK', [x, b.int64s('k', [k])], ['sorted', 'sorted_index'], attributes)[0] as string;
}

/** Row maximum `[N,1]` by TopK k=1 (ReduceMax's axes moved from attribute to input at opset 18). */
function rowMax(b: GraphBuilder, x: string): string {
  return topK(b, x, 1, 1);
}

function rowSum(b: GraphBuilder, x: string): string {
  return b.op('ReduceSum', [x, b.int64s('axis1', [1])], 'row_sum', { keepdims: { int: 1 } });
}

/**
 * Logistic meta-model (stacking.ts): meta-features are P(second class) per member (binary) or all
 * K columns per member; z = F·coefᵀ + intercept; binary P = [1 − σ(z), σ(z)] and prediction z > 0;
 * multiclass P = softmax(z) and prediction argmax z.
 */
function logisticStacking(
  b: GraphBuilder,
  probas: readonly string[],
  meta: { coef: readonly (readonly number[])[]; intercept: readonly number[] },
  classCount: number,
): ClassificationGraph {
  const binary = classCount === 2;
  const features = binary
    ? probas.map((p) => b.op('Gather', [p, b.int64s('second_class', [1])], 'p_second', { axis: { int: 1 } }))
    : [...probas];
  const f =
    features.length === 1 ? features[0]! : b.op('Concat', features, 'meta_features', { axis: { int: 1 } });
  const rows = meta.coef.length;
  const width = (meta.coef[0] ?? []).length;
  const transposed: number[] = [];
  for (let j = 0; j < width; j++) for (let c = 0; c < rows; c++) transposed.push(meta.coef[c]?.[j] as number);
  const z = b.op(
    'Add',
    [
      b.op('MatMul', [f, b.doubles('meta_coef', transposed, [width, rows])], 'meta_fz'),
      b.doubles('meta_intercept', [...meta.intercept]),
    ],
    'meta_z',
  );
  if (!binary)
    return { proba: b.op('Softmax', [z], 'meta_proba', { axis: { int: 1 } }), index: argmax(b, z) };
  const p1 = b.op('Sigmoid', [z], 'meta_p1');
  const proba = b.op('Concat', [b.op('Sub', [b.doubles('one', [1]), p1], 'meta_p0'), p1], 'meta_proba', {
    axis: { int: 1 },
  });
  const positive = b.op('Cast', [b.op('Greater', [z, scalar(b, 0)], 'meta_positive')], 'meta_index', {
    to: { int: DataType.INT64 },
  });
  return { proba, index: b.op('Reshape', [positive, b.int64s('shape_n', [-1])], 'meta_index') };
}
