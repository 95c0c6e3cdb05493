/**
 * Makes a model scoreable by onnxruntime-node: a graph that ends in ZipMap (a sequence of maps,
 * which the Node binding cannot return) is rewritten in memory so the same output name carries
 * the [N,C] float tensor ZipMap read. The class labels ZipMap held are kept in ModelInfo.detected.
 */
import { StudioError } from '../../contract/errors';
import { externalTensors, inlineExternalData } from './external-data';
import { describeModel } from './inspect';
import { parseModelBytes, readModelFile } from './load';
import { toBinary } from '@bufbuild/protobuf';
import { OperatorSetIdProtoSchema, ValueInfoProtoSchema } from 'onnx-buf';
import {
  NodeProtoSchema,
  ensureOpset,
  makeNode,
  serializeModel,
  type ModelProto,
  type NodeProto,
} from './onnx-proto';
import { outlineModelBytes } from './model-outline';
import { spliceModel, type GraphEdits } from './graph-splice';
import { WireError } from './protobuf-wire';
import type { PreparedModel } from '../../contract/model-types';
import { findTrailingZipMaps, zipMapTensorType } from './zipmap';

/**
 * Reads a model for scoring, export or a precision variant. Tensors kept in an external data file
 * beside the model are read into it (confined to the model's folder: external-data.ts), so the
 * bytes handed on are one self-contained model and nothing downstream ever follows a location.
 *
 * Decisions are taken on the model's outline (model-outline.ts) and a rewrite is spliced into the
 * original bytes (graph-splice.ts): a large forest is never parsed or written whole.
 */
export async function prepareModel(path: string): Promise<PreparedModel> {
  const bytes = await readModelFile(path);
  const outline = parseModelBytes(outlineModelBytes(bytes), path);
  if (externalTensors(outline).length === 0) return prepareOutlined(outline, bytes, path);
  const model = parseModelBytes(bytes, path);
  const inlined = await inlineExternalData(model, path);
  return prepareParsed(model, bytes, path, inlined > 0);
}

/**
 * The bytes to hand to InferenceSession.create: the original ones when nothing is rewritten.
 * Bytes alone carry no folder, so a model with external data is refused here: use prepareModel.
 */
export function prepareModelBytes(bytes: Uint8Array, path: string): PreparedModel {
  const outline = parseModelBytes(outlineModelBytes(bytes), path);
  const external = externalTensors(outline);
  if (external.length > 0)
    throw new StudioError(
      'model',
      `${path}: tensor '${external[0]!.name}' keeps its data in a separate file, which cannot be read from bytes alone: load the model from its file`,
      { file: path, field: external[0]!.name },
    );
  return prepareOutlined(outline, bytes, path);
}

function prepareParsed(model: ModelProto, bytes: Uint8Array, path: string, changed: boolean): PreparedModel {
  const info = describeModel(model, bytes, path);
  if (info.detected.zipMapRewritten) rewriteZipMaps(model);
  else if (!changed) return { info, bytes };
  return { info, bytes: serializeModel(model) };
}

/** Like prepareParsed, from the outline of `bytes`; the rewrite (if any) edits `outline`. */
function prepareOutlined(outline: ModelProto, bytes: Uint8Array, path: string): PreparedModel {
  const info = describeModel(outline, bytes, path);
  if (!info.detected.zipMapRewritten) return { info, bytes };
  const graph = outline.graph!;
  const nodesBefore = [...graph.node];
  const outputsBefore = graph.output.map((o) => toBinary(ValueInfoProtoSchema, o));
  const valueInfoBefore = [...graph.valueInfo];
  const opsetsBefore = outline.opsetImport.length;
  rewriteZipMaps(outline);
  const edits: GraphEdits = {
    nodes: changedEntries(graph.node.map((node, i) => (node === nodesBefore[i] ? null : encodeNode(node)))),
    outputs: changedEntries(
      graph.output.map((o, i) => {
        const encoded = toBinary(ValueInfoProtoSchema, o);
        return sameBytes(encoded, outputsBefore[i]!) ? null : encoded;
      }),
    ),
    dropValueInfo: new Set(valueInfoBefore.flatMap((v, i) => (graph.valueInfo.includes(v) ? [] : [i]))),
    addOpsets: outline.opsetImport.slice(opsetsBefore).map((o) => toBinary(OperatorSetIdProtoSchema, o)),
  };
  try {
    return { info, bytes: spliceModel(bytes, edits) };
  } catch (error) {
    if (!(error instanceof WireError)) throw error;
    // Bytes the splice cannot walk but the parser read: rewrite the whole parsed model instead.
    const model = parseModelBytes(bytes, path);
    rewriteZipMaps(model);
    return { info, bytes: serializeModel(model) };
  }
}

function encodeNode(node: NodeProto): Uint8Array {
  return toBinary(NodeProtoSchema, node, { writeUnknownFields: true });
}

function changedEntries(entries: (Uint8Array | null)[]): Map<number, Uint8Array> {
  const changed = new Map<number, Uint8Array>();
  entries.forEach((entry, i) => entry && changed.set(i, entry));
  return changed;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Replaces each rewritable trailing ZipMap by an Identity from its input to its output and
 * declares that output as tensor(float)[N,C]. Mutates `model`; everything else (other outputs,
 * metadata, unknown fields) is kept. Returns the names of the rewritten outputs.
 */
export function rewriteZipMaps(model: ModelProto): string[] {
  const graph = model.graph;
  if (!graph) return [];
  const rewritten: string[] = [];
  for (const zipMap of findTrailingZipMaps(graph)) {
    if (zipMap.problem !== null) continue;
    const index = graph.node.indexOf(zipMap.node);
    graph.node[index] = makeNode('Identity', [zipMap.input], [zipMap.output], {
      name: zipMap.node.name || `${zipMap.output}_identity`,
    });
    const output = graph.output.find((o) => o.name === zipMap.output);
    if (output) output.type = zipMapTensorType(graph, zipMap);
    // A stale value_info still declaring the sequence type would contradict the new output type.
    graph.valueInfo = graph.valueInfo.filter((v) => v.name !== zipMap.output);
    rewritten.push(zipMap.output);
  }
  // Identity is a default-domain op; converters always import that domain, but be safe.
  if (rewritten.length > 0) ensureOpset(model, '', defaultOpsetFor(Number(model.irVersion)));
  return rewritten;
}

/** The newest default-domain opset each IR version allows (ONNX's versioning table). */
function defaultOpsetFor(irVersion: number): number {
  if (irVersion >= 7) return 13;
  if (irVersion === 6) return 11;
  if (irVersion === 5) return 10;
  if (irVersion === 4) return 9;
  return 7;
}
