/**
 * The fused model's data inputs and the glue from them to each member's own inputs.
 *
 * `per-column`: one input per data column, `[N,1]`, named after the column, of the widest type any
 * member reads it as (ResolvedEnsemble.columns); a member input is the Concat of its columns along
 * axis 1 (Cast first where the member wants another element type; Reshape to `[N]` for rank-1 inputs).
 *
 * `matrix`: one input `features` `[N,D]` holding the union of the columns in first-use order; a
 * member input is one Gather along axis 1 with the member's column indices. Gather (not Slice)
 * because a member's columns are any subset in any order, which one Gather takes and Slice does
 * not. The matrix has one element type: the members' common type, float64 where float32 and
 * float64 (or int64 and floats) meet; string columns cannot share a numeric matrix and are refused.
 */
import type { ColumnRequest } from '../../contract/data-types';
import type { FeedPlan, FeedType, MemberPlan } from '../ensemble/plan';
import { StudioError } from '../../contract/errors';
import { DataType, makeTensorValueInfo, type ValueInfoProto } from '../model/onnx-proto';
import type { GraphBuilder } from './graph-builder';

export type InputLayout = 'per-column' | 'matrix';

/** One input of the fused model and the data columns it carries, in order along its last axis. */
export interface FusedInput {
  name: string;
  columns: string[];
  type: FeedType;
}

export const MATRIX_INPUT = 'features';

export function onnxType(type: ColumnRequest): DataType {
  switch (type) {
    case 'float32':
      return DataType.FLOAT;
    case 'float64':
      return DataType.DOUBLE;
    case 'int64':
      return DataType.INT64;
    case 'string':
      return DataType.STRING;
  }
}

export interface FusedInputs {
  inputs: FusedInput[];
  valueInfos: ValueInfoProto[];
  /** Adds the glue that produces `target` (a member's prefixed input name) for `feed`. */
  wire(feed: FeedPlan, target: string): void;
}

/** @param columns every column the included members read, and the widest type each is read as. */
export function buildFusedInputs(
  b: GraphBuilder,
  columns: ReadonlyMap<string, ColumnRequest>,
  layout: InputLayout,
): FusedInputs {
  return layout === 'matrix' ? matrixInputs(b, columns) : perColumnInputs(b, columns);
}

function perColumnInputs(b: GraphBuilder, columns: ReadonlyMap<string, ColumnRequest>): FusedInputs {
  const inputs = [...columns].map(([name, type]) => ({ name, columns: [name], type }));
  const cast = castCache(b);
  return {
    inputs,
    valueInfos: inputs.map((i) => makeTensorValueInfo(i.name, onnxType(i.type), ['N', 1])),
    wire(feed, target) {
      const parts = feed.columns.map((column) =>
        cast(column, columns.get(column) as ColumnRequest, feed.type),
      );
      let value =
        parts.length === 1 ? (parts[0] as string) : b.op('Concat', parts, 'concat', { axis: { int: 1 } });
      if (feed.rank === 1) value = b.op('Reshape', [value, b.int64s('shape_n', [-1])], 'reshape');
      b.opTo('Identity', [value], target);
    },
  };
}

function matrixInputs(b: GraphBuilder, columns: ReadonlyMap<string, ColumnRequest>): FusedInputs {
  const names = [...columns.keys()];
  const type = matrixType([...columns.values()], names);
  const position = new Map(names.map((name, i) => [name, i] as const));
  const cast = castCache(b);
  return {
    inputs: [{ name: MATRIX_INPUT, columns: names, type }],
    valueInfos: [makeTensorValueInfo(MATRIX_INPUT, onnxType(type), ['N', names.length])],
    wire(feed, target) {
      const indices = feed.columns.map((column) => position.get(column) as number);
      const identity = indices.length === names.length && indices.every((index, i) => index === i);
      const picked = identity
        ? MATRIX_INPUT
        : b.op('Gather', [MATRIX_INPUT, b.int64s('columns', indices)], 'columns', { axis: { int: 1 } });
      let value = cast(picked, type, feed.type);
      if (feed.rank === 1) value = b.op('Reshape', [value, b.int64s('shape_n', [-1])], 'reshape');
      b.opTo('Identity', [value], target);
    },
  };
}

function matrixType(types: readonly ColumnRequest[], names: readonly string[]): ColumnRequest {
  const text = names.find((_, i) => types[i] === 'string');
  if (text !== undefined) {
    throw new StudioError(
      'spec',
      `column '${text}' is read as text, which a numeric 'matrix' input cannot hold; export with one input per column`,
      { column: text },
    );
  }
  const distinct = new Set(types);
  if (distinct.size === 1) return types[0] ?? 'float32';
  // float32 + float64, or int64 + floats: float64 holds every float32 exactly, and int64 up to 2^53.
  return 'float64';
}

/** Cast nodes made once per (value, target type), so a column many members read is cast once. */
function castCache(b: GraphBuilder): (value: string, from: ColumnRequest, to: FeedType) => string {
  const made = new Map<string, string>();
  return (value, from, to) => {
    if (from === to) return value;
    const key = `${value}\u0000${to}`;
    let cast = made.get(key);
    if (!cast) {
      cast = b.op('Cast', [value], `cast_${to}`, { to: { int: onnxType(to) } });
      made.set(key, cast);
    }
    return cast;
  };
}

/** The columns the included members read, each at the widest type any of them needs. */
export function memberColumns(
  members: readonly MemberPlan[],
  widest: ReadonlyMap<string, ColumnRequest>,
): Map<string, ColumnRequest> {
  const columns = new Map<string, ColumnRequest>();
  for (const member of members)
    for (const feed of member.feeds)
      for (const column of feed.columns) columns.set(column, widest.get(column) ?? feed.type);
  return columns;
}
