/**
 * A model that moves to another folder (a bundle, a migration artifact) must take its weights
 * along: tensors kept in external data files beside it are read into the model (confined to its
 * folder, as for scoring: external-data.ts), so the copy is one self-contained file.
 */
import { externalTensors, inlineExternalData } from './external-data';
import { parseModelBytes, readModelFile } from './load';
import { serializeModel } from './onnx-proto';

/** The model's bytes with external tensors inlined, or null when the file is self-contained already. */
export async function selfContainedModelBytes(path: string): Promise<Uint8Array | null> {
  const bytes = await readModelFile(path);
  const model = parseModelBytes(bytes, path);
  if (externalTensors(model).length === 0) return null;
  await inlineExternalData(model, path);
  return serializeModel(model);
}
