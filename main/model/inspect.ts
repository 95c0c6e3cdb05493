/** `inspect`: everything the app shows and records about a model, from its bytes alone. */
import { createHash } from 'node:crypto';
import { detectRole } from './detect';
import { readModelFile, parseModelBytes } from './load';
import { allNodes, makeValueInfo, operatorKey, type ModelProto } from './onnx-proto';
import { signatureOf } from './signature';
import { outlineModelBytes } from './model-outline';
import type { ModelInfo } from '../../contract/model-types';
import { findTrailingZipMaps, zipMapTensorType } from './zipmap';

export async function inspectModel(path: string): Promise<ModelInfo> {
  return inspectModelBytes(await readModelFile(path), path);
}

/**
 * Inspects model bytes; `path` names the file in the result and in errors. Reads the model's
 * outline: inspection never looks at weights or tree arrays.
 */
export function inspectModelBytes(bytes: Uint8Array, path: string): ModelInfo {
  return describeModel(parseModelBytes(outlineModelBytes(bytes), path), bytes, path);
}

/**
 * Describes a parsed model. `bytes` are the file's bytes (size and sha256 identify the file in
 * the history, so they are of the file, never of a rewrite).
 */
export function describeModel(model: ModelProto, bytes: Uint8Array, path: string): ModelInfo {
  const graph = model.graph;
  if (!graph) throw new Error('describeModel: model without graph'); // parseModelBytes refuses these
  const zipMaps = findTrailingZipMaps(graph);
  const originalOutputs = graph.output.map(signatureOf);
  const outputs = graph.output.map((output) => {
    const zipMap = zipMaps.find((z) => z.output === output.name && z.problem === null);
    return zipMap
      ? signatureOf(makeValueInfo(output.name, zipMapTensorType(graph, zipMap)))
      : signatureOf(output);
  });

  const operatorCounts: Record<string, number> = {};
  let nodeCount = 0;
  for (const node of allNodes(graph)) {
    const key = operatorKey(node);
    operatorCounts[key] = (operatorCounts[key] ?? 0) + 1;
    nodeCount++;
  }

  // Initializers also appear as graph inputs in older models; they are weights, not data inputs.
  const initializerNames = new Set(graph.initializer.map((t) => t.name));
  return {
    path,
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    irVersion: Number(model.irVersion),
    opsets: model.opsetImport.map((o) => ({ domain: o.domain, version: Number(o.version) })),
    producer: { name: model.producerName, version: model.producerVersion },
    domain: model.domain,
    modelVersion: Number(model.modelVersion),
    docString: model.docString,
    graphName: graph.name,
    metadata: Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value])),
    inputs: graph.input.filter((i) => !initializerNames.has(i.name)).map(signatureOf),
    outputs,
    originalOutputs,
    operatorCounts,
    nodeCount,
    initializerCount: graph.initializer.length + graph.sparseInitializer.length,
    detected: detectRole(graph, outputs, zipMaps),
  };
}
