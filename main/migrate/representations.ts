/**
 * The four ways the ensemble can travel: its members as they are (the spec, its models and the
 * app's combiner), the fused ONNX model, and the fused model's float16 and int8 variants. The
 * fused ones are built here from the same prepared models the app scores with.
 */
import { stat } from 'node:fs/promises';
import type { MigrationRepresentation } from '../../contract/migration-types';
import type { ResolvedEnsemble } from '../ensemble/plan';
import { fuseEnsemble, type FusedModel } from '../export/fuse';
import { appVersion } from '../environment/app-version';
import type { LoadedModels } from '../jobs/load-members';
import { parseModel, serializeModel } from '../model/onnx-proto';
import { convertToFloat16 } from '../precision/float16';
import { quantizeInt8 } from '../precision/quantize-int8';

export type Representation =
  | { name: 'members'; sizeBytes: number; error: null }
  | { name: Exclude<MigrationRepresentation, 'members'>; bytes: Uint8Array; sizeBytes: number; error: null }
  /** A representation this ensemble cannot take, and why (every candidate of it says so). */
  | { name: MigrationRepresentation; error: string };

export interface Representations {
  list: Representation[];
  /** The fused model (its inputs tell how to feed every fused variant); null when fusing failed. */
  fused: FusedModel | null;
}

export async function buildRepresentations(
  resolved: ResolvedEnsemble,
  models: LoadedModels,
): Promise<Representations> {
  const list: Representation[] = [{ name: 'members', sizeBytes: await membersSize(models), error: null }];
  let fused: FusedModel;
  try {
    fused = fuseEnsemble(resolved, models, { inputLayout: 'per-column', appVersion: appVersion() });
  } catch (error) {
    const why = `the ensemble cannot be fused: ${messageOf(error)}`;
    list.push(
      { name: 'fused', error: why },
      { name: 'fused-float16', error: why },
      { name: 'fused-int8', error: why },
    );
    return { list, fused: null };
  }
  list.push({ name: 'fused', bytes: fused.bytes, sizeBytes: fused.bytes.length, error: null });
  list.push(variant('fused-float16', () => float16Bytes(fused.bytes)));
  list.push(variant('fused-int8', () => int8Bytes(fused.bytes)));
  return { list, fused };
}

/** The members' model files on disk, together (what the members' artifact copies). */
async function membersSize(models: LoadedModels): Promise<number> {
  let total = 0;
  for (const model of models.values()) total += (await stat(model.path)).size;
  return total;
}

function variant(name: 'fused-float16' | 'fused-int8', make: () => Uint8Array): Representation {
  try {
    const bytes = make();
    return { name, bytes, sizeBytes: bytes.length, error: null };
  } catch (error) {
    return { name, error: messageOf(error) };
  }
}

function float16Bytes(fused: Uint8Array): Uint8Array {
  const result = convertToFloat16(parseModel(fused));
  if (result.converted.length === 0)
    throw new Error(
      'float16: no weights to convert (tree and linear ai.onnx.ml operators keep their float attributes)',
    );
  return serializeModel(result.model);
}

function int8Bytes(fused: Uint8Array): Uint8Array {
  const result = quantizeInt8(parseModel(fused));
  if (result.quantized.length === 0)
    throw new Error('int8: the fused model has no MatMul/Gemm weights large enough to quantize');
  return serializeModel(result.model);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
