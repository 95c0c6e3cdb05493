/**
 * Collects the nodes and constants of the glue a fused model adds around its members (feeds,
 * normalisation, combiner, outputs). Every name it makes starts with `ensemble/`; members' names
 * start with `<member>/` and are reserved first, so the two never collide, even for a member
 * named `ensemble`.
 */
import {
  DataType,
  makeNode,
  type AttributeValue,
  type NodeProto,
  type TensorProto,
} from '../model/onnx-proto';
import { makeTensor, type TensorValues } from '../model/onnx-tensor';

export const GLUE_PREFIX = 'ensemble/';

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly used = new Set<string>();
  private readonly constants = new Map<string, string>();

  /** Marks names as taken (a member named `ensemble` has values under `ensemble/` too). */
  reserve(names: Iterable<string>): void {
    for (const name of names) this.used.add(name);
  }

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

  /** Adds one node with several outputs (TopK: values and indices); returns their fresh names. */
  opOutputs(
    opType: string,
    inputs: string[],
    hints: string[],
    attributes?: Record<string, AttributeValue>,
  ): string[] {
    const outputs = hints.map((hint) => this.name(hint));
    this.nodes.push(
      makeNode(opType, inputs, outputs, {
        name: `${outputs[0]}:${opType}`,
        ...(attributes ? { attributes } : {}),
      }),
    );
    return outputs;
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
    const key = `${dataType}|${dims.join(',')}|${Array.isArray(values) ? JSON.stringify(values) : Array.from(values as ArrayLike<number | bigint>).join(',')}`;
    const known = this.constants.get(key);
    if (known) return known;
    const name = this.name(hint);
    this.initializers.push(makeTensor(name, dataType, dims, values));
    this.constants.set(key, name);
    return name;
  }

  int64s(hint: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant(
      hint,
      DataType.INT64,
      dims,
      BigInt64Array.from(values, (v) => BigInt(v)),
    );
  }

  doubles(hint: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant(hint, DataType.DOUBLE, dims, Float64Array.from(values));
  }
}
