/**
 * Which data columns feed each model input, as what element type and shape (DESIGN.md,
 * "Ensemble spec": `inputs`). Every refusal names the member and the input, and the column when
 * one is at fault, so an analyst can fix the spec without reading the model.
 */
import type { ColumnRequest, ColumnSchema } from '../../contract/data-types';
import { StudioError } from '../../contract/errors';
import type { ModelInfo, TensorSignature } from '../../contract/model-types';
import type { FeedPlan, FeedType } from './plan';
import type { MemberSpec } from '../../contract/ensemble-spec';

/** ONNX element types we can build from columns; anything else is refused up front. */
const FEED_TYPES: Readonly<Record<string, FeedType>> = {
  float: 'float32',
  double: 'float64',
  int64: 'int64',
  string: 'string',
};

/** Column types that can be read as numbers without a data error being certain. */
const NUMERIC_SOURCE_TYPES = new Set(['number', 'integer', 'boolean']);

interface InputShape {
  rank: 1 | 2;
  /** The static last dimension, or null when symbolic or unknown. */
  width: number | null;
}

export function resolveMemberFeeds(
  member: MemberSpec,
  info: ModelInfo,
  columns: readonly ColumnSchema[],
): FeedPlan[] {
  const columnNames = new Set(columns.map((c) => c.name));
  const inputNames = new Set(info.inputs.map((i) => i.name));
  for (const name of Object.keys(member.inputs ?? {})) {
    if (!inputNames.has(name)) {
      throw new StudioError(
        'spec',
        `member '${member.name}': the model has no input '${name}' (its inputs: ${[...inputNames].join(', ')})`,
        { member: member.name, input: name },
      );
    }
  }
  return info.inputs.map((input) => {
    const type = feedType(member.name, input);
    const shape = inputShape(member.name, input);
    const mapped = member.inputs?.[input.name];
    const chosen = mapped ?? defaultColumns(member, info, input, shape, columns);
    for (const column of chosen) {
      if (!columnNames.has(column)) {
        throw new StudioError(
          'spec',
          `member '${member.name}', input '${input.name}': unknown column '${column}' (not in the data file)`,
          { member: member.name, input: input.name, column },
        );
      }
    }
    checkWidth(member.name, input, shape, chosen.length);
    return { input: input.name, type, columns: [...chosen], rank: shape.rank };
  });
}

function feedType(member: string, input: TensorSignature): FeedType {
  const type = input.valueKind === 'tensor' ? FEED_TYPES[input.elementType] : undefined;
  if (!type) {
    throw new StudioError(
      'spec',
      `member '${member}', input '${input.name}' is ${input.display}: only float, double, int64 and string ` +
        `tensors can be fed from data columns`,
      { member, input: input.name },
    );
  }
  return type;
}

function inputShape(member: string, input: TensorSignature): InputShape {
  const shape = input.shape;
  // No shape in the graph: the common case is a [N, D] matrix, and the width is checked at run time.
  if (shape === null) return { rank: 2, width: null };
  if (shape.length === 1) return { rank: 1, width: 1 };
  if (shape.length === 2) {
    const last = shape[1];
    return { rank: 2, width: typeof last === 'number' && last > 0 ? last : null };
  }
  throw new StudioError(
    'spec',
    `member '${member}', input '${input.name}' is ${input.display}: only [N] and [N, D] inputs can be fed ` +
      `from data columns`,
    { member, input: input.name },
  );
}

/**
 * Columns for an input the spec does not map. Only unambiguous cases: a column named like the
 * input, or — for a model whose only input is a matrix of static width D, with no `inputs` at
 * all — every column of the file (or every numeric column) when exactly D of them exist.
 */
function defaultColumns(
  member: MemberSpec,
  info: ModelInfo,
  input: TensorSignature,
  shape: InputShape,
  columns: readonly ColumnSchema[],
): string[] {
  if (columns.some((c) => c.name === input.name)) return [input.name];
  if (member.inputs === undefined && info.inputs.length === 1 && shape.rank === 2 && shape.width !== null) {
    if (columns.length === shape.width) return columns.map((c) => c.name);
    const numeric = columns.filter((c) => NUMERIC_SOURCE_TYPES.has(c.type));
    if (input.elementType !== 'string' && numeric.length === shape.width) return numeric.map((c) => c.name);
  }
  const needs =
    shape.rank === 1
      ? 'one column'
      : shape.width !== null
        ? `${shape.width} column${shape.width === 1 ? '' : 's'}`
        : 'its columns';
  throw new StudioError(
    'spec',
    `member '${member.name}', input '${input.name}' (${input.display}) needs ${needs} and the data file has no ` +
      `column named '${input.name}': map it in the spec, e.g. "inputs": {"${input.name}": ["col_a", "col_b"]}`,
    { member: member.name, input: input.name },
  );
}

function checkWidth(member: string, input: TensorSignature, shape: InputShape, given: number): void {
  const expected = shape.rank === 1 ? 1 : shape.width;
  if (expected !== null && expected !== given) {
    const what = shape.rank === 1 ? 'is 1-D [N] and takes exactly 1 column' : `expects ${expected} columns`;
    throw new StudioError(
      'spec',
      `member '${member}', input '${input.name}' (${input.display}) ${what}, given ${given}`,
      { member, input: input.name },
    );
  }
}

/**
 * How to read a column that several inputs need differently: the representation that can serve
 * them all. float32 < float64 (exact superset); int64 above floats because an input that wants
 * int64 means the column must hold integers anyway, and Number(bigint) gives the float inputs
 * what parsing the text as a number would; string serves everything (numbers parsed in feeds.ts).
 */
const REQUEST_RANK: Readonly<Record<ColumnRequest, number>> = { float32: 0, float64: 1, int64: 2, string: 3 };

export function widestRequest(a: ColumnRequest, b: ColumnRequest): ColumnRequest {
  return REQUEST_RANK[a] >= REQUEST_RANK[b] ? a : b;
}
