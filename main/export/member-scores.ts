/**
 * A member's output → what the combiner reads, as ONNX operators mirroring the app's
 * normalise.ts: classification gives `[N,K]` probabilities in the ENSEMBLE's class order (a class
 * the member lacks gets 0), regression gives `[N]` values. Everything here runs in float64, as the
 * app's Float64Array arithmetic does, so sums, ties and renormalisations round the same way.
 */
import type { MemberPlan } from '../ensemble/plan';
import { StudioError } from '../../contract/errors';
import { DataType, ML_DOMAIN } from '../model/onnx-proto';
import type { TensorSignature } from '../../contract/model-types';
import type { GraphBuilder } from './graph-builder';

/** `[N,K]` float64 probabilities in ensemble class order. */
export function memberProbabilities(
  b: GraphBuilder,
  member: MemberPlan,
  output: string,
  signature: TensorSignature,
  classCount: number,
): string {
  const classes = member.classes;
  const classMap = member.classMap;
  if (!classes || !classMap) throw new StudioError('internal', `member '${member.name}' has no class plan`);
  if (member.outputKind === 'label') return oneHotLabels(b, member, output, signature, classCount);

  let x = toDouble(b, output, signature);
  if ((signature.shape?.length ?? 2) === 1) x = b.op('Reshape', [x, b.int64s('shape_n1', [-1, 1])], 'column');
  const width = outputWidth(member, signature);
  if (width === 1) {
    // One column is the score of the second class (DESIGN.md); logits go through a sigmoid.
    const p = member.outputKind === 'logits' ? b.op('Sigmoid', [x], `${member.name}_p`) : x;
    const q = b.op('Sub', [b.doubles('one', [1]), p], `${member.name}_q`);
    x = b.op('Concat', [q, p], `${member.name}_pq`, { axis: { int: 1 } });
  } else if (member.outputKind === 'logits') {
    // Softmax over the member's own columns, before alignment, as the app does.
    x = b.op('Softmax', [x], `${member.name}_softmax`, { axis: { int: 1 } });
  }
  return alignClasses(b, member.name, x, Array.from(classMap), classCount);
}

/** `[N]` float64 values of a regression member. */
export function memberValues(
  b: GraphBuilder,
  member: MemberPlan,
  output: string,
  signature: TensorSignature,
): string {
  const width = outputWidth(member, signature);
  if (width !== 1) {
    throw new StudioError(
      'model',
      `member '${member.name}', output '${member.output}' has ${width} columns; a regression member gives one value per row`,
      { member: member.name },
    );
  }
  return b.op('Reshape', [toDouble(b, output, signature), b.int64s('shape_n', [-1])], `${member.name}_y`);
}

function toDouble(b: GraphBuilder, value: string, signature: TensorSignature): string {
  if (signature.elementType === 'double') return value;
  return b.op('Cast', [value], 'as_double', { to: { int: DataType.DOUBLE } });
}

/**
 * Columns of the output as the file declares them. The app reads the width from each result's
 * dims; the fused graph must know it up front, so an undeclared width is taken to be the
 * member's class count (what resolve.ts already checked it against).
 */
function outputWidth(member: MemberPlan, signature: TensorSignature): number {
  const shape = signature.shape;
  if (shape && shape.length === 1) return 1;
  const last = shape?.[shape.length - 1];
  if (typeof last === 'number') return last;
  return member.classes?.length ?? 1;
}

/**
 * Member columns → ensemble columns: a zero column is padded on, then one Gather picks, for each
 * ensemble class, the member's column for it or the zero column. Gather copies values exactly
 * (a 0/1 MatMul would turn a NaN or an infinity into NaN in every class).
 */
function alignClasses(
  b: GraphBuilder,
  member: string,
  x: string,
  classMap: number[],
  classCount: number,
): string {
  const width = classMap.length;
  if (width === classCount && classMap.every((k, j) => k === j)) return x;
  const source = Array.from({ length: classCount }, (_, k) => {
    const j = classMap.indexOf(k);
    return j >= 0 ? j : width;
  });
  const padded = source.includes(width)
    ? b.op('Pad', [x, b.int64s('pad_one_column', [0, 0, 0, 1])], `${member}_padded`)
    : x;
  return b.op('Gather', [padded, b.int64s(`${member}_class_order`, source)], `${member}_aligned`, {
    axis: { int: 1 },
  });
}

/**
 * Label outputs vote with a one-hot row in ensemble order. Numeric labels are compared with the
 * member's labels directly (Equal); string labels go through ai.onnx.ml LabelEncoder to a class
 * index first, because Equal on strings needs a newer opset than members usually import.
 * A label the member does not list gives an all-zero row (the app refuses such a label instead).
 */
function oneHotLabels(
  b: GraphBuilder,
  member: MemberPlan,
  output: string,
  signature: TensorSignature,
  classCount: number,
): string {
  const classes = member.classes as string[];
  const classMap = Array.from(member.classMap as Int32Array);
  const labels = b.op('Reshape', [output, b.int64s('shape_n', [-1])], `${member.name}_labels`);
  let ensembleIndex: string;
  if (signature.elementType === 'string') {
    ensembleIndex = b.name(`${member.name}_label_index`);
    b.opTo(
      'LabelEncoder',
      [labels],
      ensembleIndex,
      {
        keys_strings: { strings: classes },
        values_int64s: { ints: classMap },
        default_int64: { int: -1 },
      },
      ML_DOMAIN,
    );
  } else {
    const asDouble = toDouble(b, labels, signature);
    const column = b.op('Reshape', [asDouble, b.int64s('shape_n1', [-1, 1])], `${member.name}_label_column`);
    const known = b.doubles(`${member.name}_labels`, classes.map(Number), [1, classes.length]);
    const hits = b.op('Cast', [b.op('Equal', [column, known], 'eq')], 'hits', {
      to: { int: DataType.DOUBLE },
    });
    return alignClasses(b, member.name, hits, classMap, classCount);
  }
  return oneHot(b, ensembleIndex, classCount);
}

/** `[N]` int64 class index → `[N,K]` float64 one-hot (Equal against 0..K-1, then Cast). */
export function oneHot(b: GraphBuilder, index: string, classCount: number): string {
  const column = b.op('Reshape', [index, b.int64s('shape_n1', [-1, 1])], 'index_column');
  const range = b.int64s('class_range', [...Array(classCount).keys()], [1, classCount]);
  return b.op('Cast', [b.op('Equal', [column, range], 'eq')], 'one_hot', { to: { int: DataType.DOUBLE } });
}
