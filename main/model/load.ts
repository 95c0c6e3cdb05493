/**
 * Reading a model file into a parsed ModelProto, with every failure as a StudioError that names
 * the file: a missing file is 'not_found'; anything that is not a usable ONNX model is 'model'.
 */
import { readFile } from 'node:fs/promises';
import { StudioError } from '../../contract/errors';
import { normalizeDomain, parseModel, type ModelProto } from './onnx-proto';

export async function readModelFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new StudioError(
        'not_found',
        `model file not found: ${path}: check the path, or import the model again if it was moved`,
        { file: path },
        detail,
      );
    const why =
      code === 'EISDIR'
        ? 'it is a folder, not a file: choose the .onnx file inside it'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied: check who may read it'
          : 'the operating system refused to read it';
    throw new StudioError('model', `cannot read model file ${path}: ${why}`, { file: path }, detail);
  }
}

/**
 * Parses and sanity-checks model bytes. Protobuf parses many byte strings that are not models
 * (a truncated file can end on a field boundary), so a model must also have a graph and import
 * at least one opset, as every ONNX writer does. The protobuf library's own text ("illegal tag:
 * field no 13 wire type 6") means nothing to an analyst: it goes to the error's detail.
 */
export function parseModelBytes(bytes: Uint8Array, path: string): ModelProto {
  const fail = (why: string, detail?: string): never => {
    throw new StudioError(
      'model',
      `${path} is not an ONNX model (or it is damaged): ${why}. Export it again from its framework, or check that you picked the right file`,
      { file: path },
      detail,
    );
  };
  if (bytes.length === 0) fail('the file is empty');
  let model: ModelProto | undefined;
  try {
    model = parseModel(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    fail('its contents cannot be read as an ONNX model (truncated, or another kind of file)', reason);
  }
  if (!model) return fail('no model');
  if (!model.graph) fail('it has no graph (truncated or not ONNX)');
  if (model.irVersion <= 0n) fail('it has no IR version (truncated or not ONNX)');
  if (model.opsetImport.length === 0) fail('it imports no opset (truncated or not ONNX)');
  const broken = graphProblem(model);
  if (broken) fail(broken);
  return model;
}

/**
 * The first inconsistency in the top-level graph: a node of a domain the model does not import,
 * or a tensor read or output that nothing defines. These catch cut-short files whose cut fell on
 * a field boundary; ONNX Runtime would refuse them later with a less helpful message.
 */
function graphProblem(model: ModelProto): string | null {
  const graph = model.graph;
  if (!graph) return 'it has no graph';
  const domains = new Set(model.opsetImport.map((o) => normalizeDomain(o.domain)));
  const defined = new Set<string>([
    ...graph.input.map((i) => i.name),
    ...graph.initializer.map((t) => t.name),
  ]);
  for (const t of graph.sparseInitializer) if (t.values) defined.add(t.values.name);
  for (const node of graph.node) for (const out of node.output) defined.add(out);
  for (const node of graph.node) {
    const domain = normalizeDomain(node.domain);
    if (!domains.has(domain))
      return `node '${node.name || node.opType}' uses domain '${domain}', which the model does not import`;
    const missing = node.input.find((name) => name !== '' && !defined.has(name));
    if (missing !== undefined)
      return `node '${node.name || node.opType}' reads '${missing}', which nothing defines`;
  }
  const output = graph.output.find((o) => !defined.has(o.name));
  if (output) return `graph output '${output.name}' is not computed by any node`;
  return null;
}
