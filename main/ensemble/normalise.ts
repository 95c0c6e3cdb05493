/**
 * A member's raw output → numbers the combiners can use (DESIGN.md, "Ensemble spec" and
 * "Combiners"): classification becomes N×K probabilities in the ENSEMBLE's class order (a class
 * the member lacks gets 0), regression becomes N values.
 */
import { StudioError } from '../../contract/errors';
import type { MemberPlan } from './plan';

/** Tensor data as onnxruntime returns it. */
export type RawOutputData =
  Float32Array | Float64Array | Int32Array | BigInt64Array | readonly string[] | readonly number[];

export interface RawOutput {
  data: RawOutputData;
  dims: readonly number[];
}

/**
 * @returns Float64Array of rowCount × classCount, row-major. NaN scores stay NaN (a row the
 * model could not score); the combiners turn such rows into a missing prediction.
 */
export function normaliseClassification(
  member: MemberPlan,
  raw: RawOutput,
  rowCount: number,
  classCount: number,
): Float64Array {
  const classes = member.classes;
  const classMap = member.classMap;
  if (!classes || !classMap) throw new StudioError('internal', `member '${member.name}' has no class plan`);
  const out = new Float64Array(rowCount * classCount);
  if (member.outputKind === 'label') {
    oneHotLabels(member, raw, rowCount, classCount, classMap, out);
    return out;
  }
  const width = outputWidth(member, raw, rowCount);
  const data = raw.data as ArrayLike<number>;
  if (width === 1) {
    if (classes.length !== 2) {
      throw outputError(
        member,
        `has 1 column but ${classes.length} classes; only a binary model may give P(second class)`,
      );
    }
    // A single column is the score of the second class (DESIGN.md); logits go through a sigmoid.
    const negative = classMap[0] as number;
    const positive = classMap[1] as number;
    const logits = member.outputKind === 'logits';
    for (let r = 0; r < rowCount; r++) {
      const s = data[r] as number;
      const p = logits ? sigmoid(s) : s;
      out[r * classCount + negative] = 1 - p;
      out[r * classCount + positive] = p;
    }
    return out;
  }
  if (width !== classes.length) {
    throw outputError(member, `has ${width} columns but the member has ${classes.length} classes`);
  }
  for (let r = 0; r < rowCount; r++) {
    const base = r * width;
    const target = r * classCount;
    for (let j = 0; j < width; j++) out[target + (classMap[j] as number)] = data[base + j] as number;
  }
  if (member.outputKind === 'logits') softmaxRows(out, rowCount, classCount, classMap);
  return out;
}

export function normaliseRegression(member: MemberPlan, raw: RawOutput, rowCount: number): Float64Array {
  const width = outputWidth(member, raw, rowCount);
  if (width !== 1)
    throw outputError(member, `has ${width} columns; a regression member gives one value per row`);
  const data = raw.data;
  if (typeof data[0] === 'string' || typeof data[0] === 'bigint') {
    throw outputError(member, 'holds labels, not numbers');
  }
  return Float64Array.from(data as ArrayLike<number>);
}

/** Columns per row, from dims ([N] or [N, K]) and checked against the data length. */
function outputWidth(member: MemberPlan, raw: RawOutput, rowCount: number): number {
  const dims = raw.dims;
  const width = dims.length === 1 ? 1 : dims.length === 2 ? (dims[1] as number) : -1;
  if (width < 1 || dims[0] !== rowCount || raw.data.length !== rowCount * width) {
    throw outputError(member, `has shape [${dims.join(', ')}] for ${rowCount} rows`);
  }
  return width;
}

export function sigmoid(x: number): number {
  // Written to not overflow exp() on either side.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Softmax over the member's own columns only; classes it lacks stay 0. */
function softmaxRows(out: Float64Array, rowCount: number, classCount: number, classMap: Int32Array): void {
  for (let r = 0; r < rowCount; r++) {
    const base = r * classCount;
    let max = -Infinity;
    for (let j = 0; j < classMap.length; j++)
      max = Math.max(max, out[base + (classMap[j] as number)] as number);
    let sum = 0;
    for (let j = 0; j < classMap.length; j++) {
      const k = base + (classMap[j] as number);
      const e = Math.exp((out[k] as number) - max);
      out[k] = e;
      sum += e;
    }
    for (let j = 0; j < classMap.length; j++) {
      const k = base + (classMap[j] as number);
      out[k] = (out[k] as number) / sum;
    }
  }
}

/**
 * Label outputs vote with a one-hot row. Labels match by string form; int64 labels are looked
 * up as bigint and float labels as numbers, so the hot loop does not format every value.
 */
function oneHotLabels(
  member: MemberPlan,
  raw: RawOutput,
  rowCount: number,
  classCount: number,
  classMap: Int32Array,
  out: Float64Array,
): void {
  const classes = member.classes as string[];
  const data = raw.data;
  if (data.length !== rowCount || (raw.dims[0] ?? rowCount) !== rowCount) {
    throw outputError(member, `has shape [${raw.dims.join(', ')}] for ${rowCount} labels`);
  }
  const byString = new Map(classes.map((label, j) => [label, classMap[j] as number] as const));
  const byBigInt = new Map<bigint, number>();
  const byNumber = new Map<number, number>();
  for (const [label, k] of byString) {
    if (/^[+-]?\d+$/.test(label) && String(BigInt(label)) === label) byBigInt.set(BigInt(label), k);
    const value = Number(label);
    if (label.trim() !== '' && String(value) === label) byNumber.set(value, k);
  }
  for (let r = 0; r < rowCount; r++) {
    const label = data[r] as string | number | bigint;
    const k =
      typeof label === 'bigint'
        ? byBigInt.get(label)
        : typeof label === 'number'
          ? byNumber.get(label)
          : byString.get(label);
    if (k === undefined) {
      // NaN labels from a float label output mean "no prediction"; anything else is unknown.
      if (typeof label === 'number' && Number.isNaN(label)) {
        out.fill(NaN, r * classCount, (r + 1) * classCount);
        continue;
      }
      throw outputError(
        member,
        `predicted label '${String(label)}', which is not one of its classes [${classes.join(', ')}]`,
      );
    }
    out[r * classCount + k] = 1;
  }
}

function outputError(member: MemberPlan, what: string): StudioError {
  return new StudioError('model', `member '${member.name}', output '${member.output}' ${what}`, {
    member: member.name,
  });
}
