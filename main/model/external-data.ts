/**
 * Tensors whose bytes live in a file beside the model (`data_location = EXTERNAL`, ONNX's format
 * for large models): their bytes are read and put back into the tensor, so the model that ONNX
 * Runtime, the fused export and the precision variants get is one self-contained message.
 *
 * A model file is something an analyst downloads, and its `location` entries are just strings it
 * carries: read as given they could point anywhere (`/etc/passwd`, `../../secrets`). So a location
 * must be a relative name that stays inside the model's folder, also after symlinks are resolved;
 * anything else is refused, naming the model, the tensor and the location.
 */
import { open, realpath, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { TensorProto_DataLocation as DataLocation } from 'onnx-buf';
import { StudioError } from '../../contract/errors';
import type { GraphProto, ModelProto, NodeProto, TensorProto } from './onnx-proto';

/**
 * Protobuf messages cannot exceed 2 GiB, so a model whose external tensors add up to more cannot
 * be made self-contained; it is refused with that reason rather than failing inside the library.
 */
const MAX_INLINE_BYTES = 2 ** 31 - 1;

/** Every tensor of the model that keeps its bytes in an external file. */
export function externalTensors(model: ModelProto): TensorProto[] {
  const found: TensorProto[] = [];
  const take = (tensor: TensorProto | undefined): void => {
    if (tensor?.dataLocation === DataLocation.EXTERNAL) found.push(tensor);
  };
  const visitNodes = (nodes: readonly NodeProto[]): void => {
    for (const node of nodes) {
      for (const attr of node.attribute) {
        take(attr.t);
        attr.tensors.forEach(take);
        take(attr.sparseTensor?.values);
        take(attr.sparseTensor?.indices);
        if (attr.g) visitGraph(attr.g);
        attr.graphs.forEach(visitGraph);
      }
    }
  };
  const visitGraph = (graph: GraphProto): void => {
    graph.initializer.forEach(take);
    for (const sparse of graph.sparseInitializer) {
      take(sparse.values);
      take(sparse.indices);
    }
    visitNodes(graph.node);
  };
  if (model.graph) visitGraph(model.graph);
  for (const fn of model.functions) visitNodes(fn.node);
  return found;
}

interface ExternalRef {
  location: string;
  offset: number;
  length: number | null;
}

/**
 * Reads every external tensor's bytes into the tensor itself (raw_data) and clears its external
 * entries. Mutates `model`; returns how many tensors were inlined (0: nothing to do).
 * @param modelPath the model file; locations are relative to its folder
 */
export async function inlineExternalData(model: ModelProto, modelPath: string): Promise<number> {
  const tensors = externalTensors(model);
  if (tensors.length === 0) return 0;
  const folder = path.dirname(path.resolve(modelPath));
  let realFolder: string;
  try {
    realFolder = await realpath(folder);
  } catch (error) {
    throw new StudioError(
      'model',
      `${modelPath}: its folder cannot be opened, so its external tensor data cannot be read`,
      { file: modelPath },
      error instanceof Error ? error.message : String(error),
    );
  }
  const files = new Map<string, FileHandle>();
  let total = 0;
  try {
    for (const tensor of tensors) {
      const ref = externalRef(tensor, modelPath);
      const file = await confinedFile(ref.location, folder, realFolder, modelPath, tensor.name);
      let handle = files.get(file);
      if (!handle) {
        handle = await open(file, 'r');
        files.set(file, handle);
      }
      const stat = await handle.stat();
      if (!stat.isFile())
        throw new StudioError(
          'model',
          `${modelPath}: tensor '${tensor.name}' keeps its data in '${ref.location}', which is a folder, not a file: the model or its data file is misplaced`,
          { file: modelPath, field: tensor.name },
        );
      const size = stat.size;
      const length = ref.length ?? size - ref.offset;
      if (ref.offset > size || length < 0 || ref.offset + length > size) {
        throw new StudioError(
          'model',
          `${modelPath}: tensor '${tensor.name}' wants bytes ${ref.offset}–${ref.offset + Math.max(length, 0)} of ` +
            `'${ref.location}', which holds only ${size} bytes: the data file does not belong to this model or is cut short`,
          { file: modelPath, field: tensor.name },
        );
      }
      total += length;
      if (total > MAX_INLINE_BYTES) {
        throw new StudioError(
          'model',
          `${modelPath}: its external tensor data is larger than 2 GiB, which Ensemble Studio cannot load yet`,
          { file: modelPath },
        );
      }
      const bytes = new Uint8Array(length);
      if (length > 0) await handle.read(bytes, 0, length, ref.offset);
      tensor.rawData = bytes;
      tensor.dataLocation = DataLocation.DEFAULT;
      tensor.externalData = [];
    }
  } finally {
    await Promise.allSettled([...files.values()].map((h) => h.close()));
  }
  return tensors.length;
}

function externalRef(tensor: TensorProto, modelPath: string): ExternalRef {
  const entries = new Map(tensor.externalData.map((e) => [e.key, e.value]));
  const location = entries.get('location');
  if (!location) {
    throw new StudioError(
      'model',
      `${modelPath}: tensor '${tensor.name}' says its data is in an external file but names no file: the model is damaged`,
      { file: modelPath, field: tensor.name },
    );
  }
  const number = (key: string): number | null => {
    const text = entries.get(key);
    if (text === undefined || text === '') return null;
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
      throw new StudioError(
        'model',
        `${modelPath}: tensor '${tensor.name}' has an external-data ${key} of '${text}', which is not a byte count: the model is damaged`,
        { file: modelPath, field: tensor.name },
      );
    }
    return value;
  };
  return { location, offset: number('offset') ?? 0, length: number('length') };
}

/** The external file's real path, or a refusal when `location` could leave the model's folder. */
async function confinedFile(
  location: string,
  folder: string,
  realFolder: string,
  modelPath: string,
  tensor: string,
): Promise<string> {
  const refuse = (why: string, detail?: string): never => {
    throw new StudioError(
      'model',
      `${modelPath}: tensor '${tensor}' keeps its data in '${location}', ${why}. ` +
        `External data must be a file in the model's own folder (or below it): put it there and name it relative to the model`,
      { file: modelPath, field: tensor },
      detail,
    );
  };
  if (location.includes('\0')) refuse('which is not a valid file name');
  if (path.isAbsolute(location) || path.win32.isAbsolute(location) || /^[\\/]/.test(location))
    refuse('which is an absolute path');
  if (location.split(/[\\/]+/).includes('..')) refuse("which climbs out of the model's folder ('..')");
  let real: string;
  try {
    real = await realpath(path.join(folder, location));
  } catch (error) {
    return refuse(
      'which does not exist beside the model',
      error instanceof Error ? error.message : String(error),
    );
  }
  const inside = real.startsWith(realFolder.endsWith(path.sep) ? realFolder : realFolder + path.sep);
  if (!inside) refuse("which leads outside the model's folder (through a link)");
  return real;
}
