/**
 * Collects the nodes and constants of the glue a fused model adds around its members (feeds,
 * normalisation, combiner, outputs). Every name it makes starts with `ensemble/`, so glue can never
 * collide with a member's names, which all start with `<member>/`.
 */
import { DataType, makeNode, type AttributeValue, type NodeProto, type TensorProto } from '../model/onnx-proto';
import { makeTensor, type TensorValues } from '../model/onnx-tensor';

export const GLUE_PREFIX = 'ensemble/';

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly used = new Set<string>();
  private readonly constants = new Map<string, string>();

  /** A fresh glue value name, `ensemble/<hint>` made unique with a counter. */
  name(hint: string): string {
    let name = `${GLUE_PREFIX}${hint}`;
    for (let i = 2; this.used.has(name); i++) name = `${GLUE_PREFIX}${hint}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Adds one node whose single output gets a fresh name from `hint`; returns that name. */
  op(opType: string, inputs: string[], hint: string, attributes?: Record<string, AttributeValue>): string {
    const output = this.name(hint);
    this.opTo(opType, inputs, output, attributes);
    return output;
  }

  /** Adds one node writing to a name chosen by the caller (a member's input, a fused output). */
  opTo(
    opType: string,
    inputs: string[],
    output: string,
    attributes?: Record<string, AttributeValue>,
    domain = '',
  ): void {
    this.nodes.push(
      makeNode(opType, inputs, [output], {
        name: `${output}:${opType}`,
        domain,
        ...(attributes ? { attributes } : {}),
      }),
    );
  }

  /** An initializer holding `values`; equal constants are stored once. */
  constant(hint: string, dataType: DataType, dims: readonly number[], values: TensorValues): string {
    const key = `${dataType}|${dims.join(',')}|${Array.isArray(values) ? JSON.stringify(values) : [...(values as ArrayLike<number | bigint>)].join(',')}`;
    const known = this.constants.get(key);
    if (known) return known;
    const name = this.name(hint);
    this.initializers.push(makeTensor(name, dataType, dims, values));
    this.constants.set(key, name);
    return name;
  }

  int64s(hint: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant(hint, DataType.INT64, dims, BigInt64Array.from(values, (v) => BigInt(v)));
  }

  doubles(hint: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant(hint, DataType.DOUBLE, dims, Float64Array.from(values));
  }
}
