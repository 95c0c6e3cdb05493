/**
 * Makes a model scoreable by onnxruntime-node: a graph that ends in ZipMap (a sequence of maps,
 * which the Node binding cannot return) is rewritten in memory so the same output name carries
 * the [N,C] float tensor ZipMap read. The class labels ZipMap held are kept in ModelInfo.detected.
 */
import { StudioError } from '../../contract/errors';
import { externalTensors, inlineExternalData } from './external-data';
import { describeModel } from './inspect';
import { parseModelBytes, readModelFile } from './load';
import { ensureOpset, makeNode, serializeModel, type ModelProto } from './onnx-proto';
import type { PreparedModel } from '../../contract/model-types';
import { findTrailingZipMaps, zipMapTensorType } from './zipmap';

/**
 * Reads a model for scoring, export or a precision variant. Tensors kept in an external data file
 * beside the model are read into it (confined to the model's folder: external-data.ts), so the
 * bytes handed on are one self-contained model and nothing downstream ever follows a location.
 */
export async function prepareModel(path: string): Promise<PreparedModel> {
  const bytes = await readModelFile(path);
  const model = parseModelBytes(bytes, path);
  const inlined = await inlineExternalData(model, path);
  return prepareParsed(model, bytes, path, inlined > 0);
}

/**
 * The bytes to hand to InferenceSession.create: the original ones when nothing is rewritten.
 * Bytes alone carry no folder, so a model with external data is refused here: use prepareModel.
 */
export function prepareModelBytes(bytes: Uint8Array, path: string): PreparedModel {
  const model = parseModelBytes(bytes, path);
  const external = externalTensors(model);
  if (external.length > 0)
    throw new StudioError(
      'model',
      `${path}: tensor '${external[0]!.name}' keeps its data in a separate file, which cannot be read from bytes alone: load the model from its file`,
      { file: path, field: external[0]!.name },
    );
  return prepareParsed(model, bytes, path, false);
}

function prepareParsed(model: ModelProto, bytes: Uint8Array, path: string, changed: boolean): PreparedModel {
  const info = describeModel(model, bytes, path);
  if (info.detected.zipMapRewritten) rewriteZipMaps(model);
  else if (!changed) return { info, bytes };
  return { info, bytes: serializeModel(model) };
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
