/**
 * A small toolkit over the ONNX protobuf messages (onnx-buf's generated types on
 * @bufbuild/protobuf v2): parse and serialize models, read and write node attributes, and build
 * nodes, value infos and type protos. Inspection, the ZipMap rewrite, fused export and precision
 * variants all build on it, so it stays free of app concepts.
 *
 * Why this library: @bufbuild/protobuf keeps fields it does not know (from a newer ONNX) and
 * writes them back, so parse → serialize gives identical bytes for a model we do not change.
 */
import { clone, create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProtoSchema,
  AttributeProto_AttributeType as AttributeType,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProto_DataType as DataType,
  TensorShapeProto_DimensionSchema,
  TypeProtoSchema,
  ValueInfoProtoSchema,
  type AttributeProto,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type OperatorSetIdProto,
  type TensorProto,
  type TensorShapeProto_Dimension,
  type TypeProto,
  type ValueInfoProto,
} from 'onnx-buf';
import type { Dim } from '../../contract/model-types';

export {
  AttributeType,
  DataType,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  ValueInfoProtoSchema,
};
export type {
  AttributeProto,
  GraphProto,
  ModelProto,
  NodeProto,
  OperatorSetIdProto,
  TensorProto,
  TypeProto,
  ValueInfoProto,
};

/** The operator set domain of scikit-learn-style operators (ZipMap, LinearClassifier, …). */
export const ML_DOMAIN = 'ai.onnx.ml';

// ---- Models ------------------------------------------------------------------------------------

/** Parses ModelProto bytes, keeping unknown fields. Throws the library's error on bad bytes. */
export function parseModel(bytes: Uint8Array): ModelProto {
  return fromBinary(ModelProtoSchema, bytes, { readUnknownFields: true });
}

/** Serializes a model, writing back any unknown fields it was parsed with. */
export function serializeModel(model: ModelProto): Uint8Array {
  return toBinary(ModelProtoSchema, model, { writeUnknownFields: true });
}

/** A deep copy, so a rewrite never changes a model someone else holds. */
export function cloneModel(model: ModelProto): ModelProto {
  return clone(ModelProtoSchema, model);
}

/** '' for the default domain; 'ai.onnx' is the default domain's other spelling. */
export function normalizeDomain(domain: string): string {
  return domain === 'ai.onnx' ? '' : domain;
}

/** The opset version the model imports for a domain, or null when it does not import it. */
export function opsetVersion(model: ModelProto, domain: string): number | null {
  const wanted = normalizeDomain(domain);
  const entry = model.opsetImport.find((o) => normalizeDomain(o.domain) === wanted);
  return entry ? Number(entry.version) : null;
}

/** The import of `domain` at `version` the model lacks, or null when it already imports that domain. */
export function missingOpset(model: ModelProto, domain: string, version: number): OperatorSetIdProto | null {
  if (opsetVersion(model, domain) !== null) return null;
  return create(OperatorSetIdProtoSchema, { domain, version: BigInt(version) });
}

// ---- Graph walking -----------------------------------------------------------------------------

/** "Op" for the default domain, "domain:Op" otherwise: one key per operator. */
export function operatorKey(node: NodeProto): string {
  const domain = normalizeDomain(node.domain);
  return domain === '' ? node.opType : `${domain}:${node.opType}`;
}

/** Whether the node is `opType` of `domain` (default domain when omitted). */
export function isOp(node: NodeProto, opType: string, domain = ''): boolean {
  return node.opType === opType && normalizeDomain(node.domain) === normalizeDomain(domain);
}

/** Every node of the graph and of its subgraphs (If/Loop/Scan bodies), depth first. */
export function* allNodes(graph: GraphProto): Generator<NodeProto> {
  for (const node of graph.node) {
    yield node;
    for (const attr of node.attribute) {
      if (attr.g) yield* allNodes(attr.g);
      for (const g of attr.graphs) yield* allNodes(g);
    }
  }
}

/** Tensor name → the node that produces it (top-level graph only). */
export function producerMap(graph: GraphProto): Map<string, NodeProto> {
  const producers = new Map<string, NodeProto>();
  for (const node of graph.node) for (const out of node.output) if (out !== '') producers.set(out, node);
  return producers;
}

/** Tensor name → the nodes that read it (top-level graph only). */
export function consumerMap(graph: GraphProto): Map<string, NodeProto[]> {
  const consumers = new Map<string, NodeProto[]>();
  for (const node of graph.node) {
    for (const input of node.input) {
      if (input === '') continue;
      const list = consumers.get(input);
      if (list) list.push(node);
      else consumers.set(input, [node]);
    }
  }
  return consumers;
}

// ---- Attributes --------------------------------------------------------------------------------

const utf8 = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

export function findAttribute(node: NodeProto, name: string): AttributeProto | undefined {
  return node.attribute.find((a) => a.name === name);
}

/** An INT attribute as a number (ONNX ints are int64; the ones we read are small). */
export function getInt(node: NodeProto, name: string): number | undefined {
  const attr = findAttribute(node, name);
  return attr?.type === AttributeType.INT ? Number(attr.i) : undefined;
}

/** An INTS attribute as bigints, exactly as stored (class labels may exceed 2^53). */
export function getInts(node: NodeProto, name: string): bigint[] | undefined {
  const attr = findAttribute(node, name);
  return attr?.type === AttributeType.INTS ? attr.ints : undefined;
}

export function getFloat(node: NodeProto, name: string): number | undefined {
  const attr = findAttribute(node, name);
  return attr?.type === AttributeType.FLOAT ? attr.f : undefined;
}

export function getFloats(node: NodeProto, name: string): number[] | undefined {
  const attr = findAttribute(node, name);
  return attr?.type === AttributeType.FLOATS ? attr.floats : undefined;
}

/** A STRING attribute decoded as UTF-8 (ONNX stores attribute strings as bytes). */
export function getString(node: NodeProto, name: string): string | undefined {
  const attr = findAttribute(node, name);
  return attr?.type === AttributeType.STRING ? utf8.decode(attr.s) : undefined;
}

export function getStrings(node: NodeProto, name: string): string[] | undefined {
  const attr = findAttribute(node, name);
  return attr?.type === AttributeType.STRINGS ? attr.strings.map((s) => utf8.decode(s)) : undefined;
}

export function getTensor(node: NodeProto, name: string): TensorProto | undefined {
  const attr = findAttribute(node, name);
  return attr?.type === AttributeType.TENSOR ? attr.t : undefined;
}

/** A value an attribute can be built from. Numbers are floats unless wrapped by `intAttr`. */
export type AttributeValue =
  | { int: number | bigint }
  | { ints: readonly (number | bigint)[] }
  | { float: number }
  | { floats: readonly number[] }
  | { string: string }
  | { strings: readonly string[] }
  | { tensor: TensorProto }
  | { graph: GraphProto };

/** Builds an attribute with its type tag set, as ONNX checkers require. */
export function makeAttribute(name: string, value: AttributeValue): AttributeProto {
  if ('int' in value)
    return create(AttributeProtoSchema, { name, type: AttributeType.INT, i: BigInt(value.int) });
  if ('ints' in value)
    return create(AttributeProtoSchema, {
      name,
      type: AttributeType.INTS,
      ints: value.ints.map((v) => BigInt(v)),
    });
  if ('float' in value)
    return create(AttributeProtoSchema, { name, type: AttributeType.FLOAT, f: value.float });
  if ('floats' in value)
    return create(AttributeProtoSchema, { name, type: AttributeType.FLOATS, floats: [...value.floats] });
  if ('string' in value)
    return create(AttributeProtoSchema, {
      name,
      type: AttributeType.STRING,
      s: utf8Encoder.encode(value.string),
    });
  if ('strings' in value) {
    const strings = value.strings.map((s) => utf8Encoder.encode(s));
    return create(AttributeProtoSchema, { name, type: AttributeType.STRINGS, strings });
  }
  if ('tensor' in value)
    return create(AttributeProtoSchema, { name, type: AttributeType.TENSOR, t: value.tensor });
  return create(AttributeProtoSchema, { name, type: AttributeType.GRAPH, g: value.graph });
}

/** Sets (adds or replaces) an attribute, keeping the others in their order. */
export function setAttribute(node: NodeProto, name: string, value: AttributeValue): void {
  const attr = makeAttribute(name, value);
  const index = node.attribute.findIndex((a) => a.name === name);
  if (index >= 0) node.attribute[index] = attr;
  else node.attribute.push(attr);
}

export function removeAttribute(node: NodeProto, name: string): void {
  node.attribute = node.attribute.filter((a) => a.name !== name);
}

// ---- Nodes -------------------------------------------------------------------------------------

export interface NodeOptions {
  name?: string;
  domain?: string;
  attributes?: Record<string, AttributeValue>;
}

export function makeNode(
  opType: string,
  inputs: string[],
  outputs: string[],
  options: NodeOptions = {},
): NodeProto {
  const attribute = Object.entries(options.attributes ?? {}).map(([name, value]) =>
    makeAttribute(name, value),
  );
  return create(NodeProtoSchema, {
    opType,
    input: inputs,
    output: outputs,
    name: options.name ?? '',
    domain: options.domain ?? '',
    attribute,
  });
}

// ---- Graphs and models -------------------------------------------------------------------------

export interface GraphParts {
  name: string;
  nodes: NodeProto[];
  inputs: ValueInfoProto[];
  outputs: ValueInfoProto[];
  initializers?: TensorProto[];
}

export function makeGraph(parts: GraphParts): GraphProto {
  return create(GraphProtoSchema, {
    name: parts.name,
    node: parts.nodes,
    input: parts.inputs,
    output: parts.outputs,
    initializer: parts.initializers ?? [],
  });
}

export interface ModelOptions {
  /** Operator sets to import, e.g. { '': 13, 'ai.onnx.ml': 1 }. */
  opsets: Record<string, number>;
  /** Defaults to 8, which ONNX Runtime accepts with opsets up to 18. */
  irVersion?: number;
  producerName?: string;
  producerVersion?: string;
  docString?: string;
  metadata?: Record<string, string>;
}

export function makeModel(graph: GraphProto, options: ModelOptions): ModelProto {
  return create(ModelProtoSchema, {
    irVersion: BigInt(options.irVersion ?? 8),
    opsetImport: Object.entries(options.opsets).map(([domain, version]) => ({
      domain,
      version: BigInt(version),
    })),
    producerName: options.producerName ?? '',
    producerVersion: options.producerVersion ?? '',
    docString: options.docString ?? '',
    graph,
    metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
  });
}

// ---- Element types, types and value infos ------------------------------------------------------

/**
 * onnx-buf's `DataType` is a TypeScript enum: at run time a table both ways (FLOAT ↔ 1). Its
 * name → code entries, read once, give both directions.
 */
const DATA_TYPE_CODES = new Map(
  Object.entries(DataType).filter((entry): entry is [string, DataType] => typeof entry[1] === 'number'),
);
const DATA_TYPE_NAMES = new Map([...DATA_TYPE_CODES].map(([name, code]): [number, string] => [code, name]));

/**
 * ONNX element type code → its lower-case spec name ('float', 'int64', 'float8e4m3fn', …), taken
 * from the generated enum so new types appear without a table to keep up to date.
 */
export function elementTypeName(code: number): string {
  const name = DATA_TYPE_NAMES.get(code);
  return name === undefined ? `unknown(${code})` : name.toLowerCase();
}

/** Spec name ('float', 'int64', …) → ONNX element type code; throws on a name ONNX lacks. */
export function elementTypeCode(name: string): DataType {
  const code = DATA_TYPE_CODES.get(name.toUpperCase());
  if (code === undefined || code === DataType.UNDEFINED)
    throw new Error(`unknown ONNX element type '${name}'`);
  return code;
}

function makeDimension(dim: Dim): TensorShapeProto_Dimension {
  if (typeof dim === 'number')
    return create(TensorShapeProto_DimensionSchema, { value: { case: 'dimValue', value: BigInt(dim) } });
  if (typeof dim === 'string')
    return create(TensorShapeProto_DimensionSchema, { value: { case: 'dimParam', value: dim } });
  return create(TensorShapeProto_DimensionSchema, {});
}

/** tensor(elementType) with a shape; `shape: null` leaves the rank unknown. */
export function makeTensorType(elementType: DataType, shape: readonly Dim[] | null): TypeProto {
  return create(TypeProtoSchema, {
    value: {
      case: 'tensorType',
      value: {
        elemType: elementType,
        ...(shape === null ? {} : { shape: { dim: shape.map(makeDimension) } }),
      },
    },
  });
}

export function makeValueInfo(name: string, type: TypeProto): ValueInfoProto {
  return create(ValueInfoProtoSchema, { name, type });
}

export function makeTensorValueInfo(
  name: string,
  elementType: DataType,
  shape: readonly Dim[] | null,
): ValueInfoProto {
  return makeValueInfo(name, makeTensorType(elementType, shape));
}

/** A dimension as the app shows it: a size, a symbolic name, or null when the file leaves it open. */
export function dimOf(dim: TensorShapeProto_Dimension): Dim {
  if (dim.value.case === 'dimValue') return Number(dim.value.value);
  if (dim.value.case === 'dimParam' && dim.value.value !== '') return dim.value.value;
  return null;
}

/** The shape of a tensor type, or null when the type is not a tensor or has no shape. */
export function tensorShape(type: TypeProto | undefined): Dim[] | null {
  if (type?.value.case !== 'tensorType' || !type.value.value.shape) return null;
  return type.value.value.shape.dim.map(dimOf);
}

/** Type text in ONNX's own notation: "tensor(float)", "seq(map(int64,tensor(float)))". */
export function typeText(type: TypeProto | undefined): string {
  switch (type?.value.case) {
    case 'tensorType':
      return `tensor(${elementTypeName(type.value.value.elemType)})`;
    case 'sparseTensorType':
      return `sparse_tensor(${elementTypeName(type.value.value.elemType)})`;
    case 'sequenceType':
      return `seq(${typeText(type.value.value.elemType)})`;
    case 'mapType':
      return `map(${elementTypeName(type.value.value.keyType)},${typeText(type.value.value.valueType)})`;
    case 'optionalType':
      return `optional(${typeText(type.value.value.elemType)})`;
    default:
      return 'unknown';
  }
}
