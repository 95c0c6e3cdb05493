/**
 * Makes a model scoreable by onnxruntime-node: a graph that ends in ZipMap (a sequence of maps,
 * which the Node binding cannot return) is rewritten in memory so the same output name carries
 * the [N,C] float tensor ZipMap read. The class labels ZipMap held are kept in ModelInfo.detected.
 */
import { StudioError } from '../../contract/errors';
import { externalTensors, inlineExternalData } from './external-data';
import { describeModel } from './inspect';
import { parseModelBytes, readModelFile } from './load';
import {
  makeNode,
  missingOpset,
  serializeModel,
  type ModelProto,
  type NodeProto,
  type ValueInfoProto,
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

/** Like prepareParsed, from the outline of `bytes`: a rewrite is spliced into the bytes. */
function prepareOutlined(outline: ModelProto, bytes: Uint8Array, path: string): PreparedModel {
  const info = describeModel(outline, bytes, path);
  if (!info.detected.zipMapRewritten) return { info, bytes };
  try {
    return { info, bytes: spliceModel(bytes, planZipMapRewrite(outline)) };
  } catch (error) {
    if (!(error instanceof WireError)) throw error;
    // Bytes the splice cannot walk but the parser read: rewrite the whole parsed model instead.
    return prepareParsed(parseModelBytes(bytes, path), bytes, path, false);
  }
}

/** A ZipMap rewrite as edits to the top-level graph, and the outputs it rewrites. */
export interface ZipMapRewrite extends GraphEdits {
  rewritten: string[];
}

/**
 * Each rewritable trailing ZipMap replaced by an Identity from its input to its output, that
 * output declared as tensor(float)[N,C], and any value_info still declaring the sequence left out;
 * everything else (other outputs, metadata, unknown fields) is kept. Changes nothing in `model`.
 */
export function planZipMapRewrite(model: ModelProto): ZipMapRewrite {
  const nodes = new Map<number, NodeProto>();
  const outputs = new Map<number, ValueInfoProto>();
  const dropValueInfo = new Set<number>();
  const rewritten: string[] = [];
  const graph = model.graph;
  if (!graph) return { nodes, outputs, dropValueInfo, addOpsets: [], rewritten };
  for (const zipMap of findTrailingZipMaps(graph)) {
    if (zipMap.problem !== null) continue;
    const name = zipMap.node.name || `${zipMap.output}_identity`;
    nodes.set(
      graph.node.indexOf(zipMap.node),
      makeNode('Identity', [zipMap.input], [zipMap.output], { name }),
    );
    const at = graph.output.findIndex((o) => o.name === zipMap.output);
    if (at >= 0) outputs.set(at, { ...graph.output[at]!, type: zipMapTensorType(graph, zipMap) });
    // A stale value_info still declaring the sequence type would contradict the new output type.
    graph.valueInfo.forEach((v, i) => v.name === zipMap.output && dropValueInfo.add(i));
    rewritten.push(zipMap.output);
  }
  // Identity is a default-domain op; converters always import that domain, but be safe.
  const opset =
    rewritten.length > 0 ? missingOpset(model, '', defaultOpsetFor(Number(model.irVersion))) : null;
  return { nodes, outputs, dropValueInfo, addOpsets: opset ? [opset] : [], rewritten };
}

/** Applies planZipMapRewrite to `model` itself. Returns the names of the rewritten outputs. */
export function rewriteZipMaps(model: ModelProto): string[] {
  const plan = planZipMapRewrite(model);
  const graph = model.graph;
  if (!graph) return [];
  for (const [at, node] of plan.nodes) graph.node[at] = node;
  for (const [at, output] of plan.outputs) graph.output[at] = output;
  graph.valueInfo = graph.valueInfo.filter((_, i) => !plan.dropValueInfo.has(i));
  model.opsetImport.push(...plan.addOpsets);
  return plan.rewritten;
}

/** The newest default-domain opset each IR version allows (ONNX's versioning table). */
function defaultOpsetFor(irVersion: number): number {
  if (irVersion >= 7) return 13;
  if (irVersion === 6) return 11;
  if (irVersion === 5) return 10;
  if (irVersion === 4) return 9;
  return 7;
}
