/**
 * float16 weights: float32 initializers are stored as float16 and a Cast back to
 * float32 is put in front of their readers, so the model's inputs, outputs and arithmetic stay
 * float32 and only the file (and load-time memory) shrinks. Why weight-only: ONNX Runtime's CPU
 * provider has float16 kernels for few operators, so a model computing in float16 would fall back
 * or be refused there; ONNX Runtime constant-folds the Casts at load, so scoring speed is that of
 * the original with float16-rounded weights.
 *
 * Only initializers whose every reader is on ALLOWED_READERS are converted: operators whose float
 * operands are plain numbers for arithmetic. ai.onnx.ml operators (TreeEnsemble*, LinearClassifier,
 * Scaler, …) hold their numbers in attributes, which stay as they are; shape, index and other
 * non-float tensors are never touched; values beyond float16's range are kept in float32.
 */
import { DataType, makeNode, normalizeDomain, type ModelProto, type TensorProto } from '../model/onnx-proto';
import { makeTensor } from '../model/onnx-tensor';
import { tensorValues } from './tensor-values';
import { cloneModel } from '../model/onnx-proto';
import { FLOAT16_MAX, toFloat16Array } from './float16-bits';
import { freshNamer, initializerUses } from './initializer-uses';
import { setVariantMetadata } from './variant-metadata';

/** Default-domain operators whose float32 tensor operands may be rounded to float16. */
export const ALLOWED_READERS: ReadonlySet<string> = new Set([
  'MatMul',
  'Gemm',
  'Conv',
  'ConvTranspose',
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Sum',
  'PRelu',
  'BatchNormalization',
  'InstanceNormalization',
  'LayerNormalization',
]);

export interface Float16Result {
  model: ModelProto;
  /** Initializers now stored as float16. */
  converted: string[];
  /** float32 initializers kept, and why. */
  kept: { name: string; reason: string }[];
  /** Bytes of weights before and after. */
  weightBytes: { before: number; after: number };
}

export interface Float16Options {
  /**
   * Initializers with fewer elements stay float32: below this, the Cast node and its names cost
   * more bytes than the halved tensor saves (and they are typically scalers, where precision
   * matters most). Default 64.
   */
  minElements?: number;
}

/** The float16-weight variant of a model; the result also says what was converted. */
export function convertToFloat16(original: ModelProto, options: Float16Options = {}): Float16Result {
  const minElements = options.minElements ?? 64;
  const model = cloneModel(original);
  const graph = model.graph;
  const result: Float16Result = { model, converted: [], kept: [], weightBytes: { before: 0, after: 0 } };
  if (!graph) return result;
  const uses = initializerUses(graph);
  const fresh = freshNamer(graph);
  const casts = [];
  const initializers: TensorProto[] = [];
  for (const tensor of graph.initializer) {
    initializers.push(tensor);
    if (tensor.dataType !== DataType.FLOAT) continue;
    const reason = keepReason(tensor, uses.get(tensor.name), minElements);
    const values = tensorValues(tensor) as Float32Array;
    result.weightBytes.before += values.byteLength;
    if (reason) {
      result.kept.push({ name: tensor.name, reason });
      result.weightBytes.after += values.byteLength;
      continue;
    }
    const half = makeTensor(
      fresh(`${tensor.name}_fp16`),
      DataType.FLOAT16,
      tensor.dims.map(Number),
      toFloat16Array(values),
    );
    initializers[initializers.length - 1] = half;
    casts.push(
      makeNode('Cast', [half.name], [tensor.name], {
        name: fresh(`${tensor.name}_to_fp32`),
        attributes: { to: { int: DataType.FLOAT } },
      }),
    );
    result.converted.push(tensor.name);
    result.weightBytes.after += values.length * 2;
  }
  graph.initializer = initializers;
  graph.node = [...casts, ...graph.node];
  setVariantMetadata(model, 'float16', result.converted);
  return result;
}

/** The float16 variant as a model (what was converted is in its metadata; see convertToFloat16). */
export function toFloat16(model: ModelProto, options: Float16Options = {}): ModelProto {
  return convertToFloat16(model, options).model;
}

function keepReason(
  tensor: TensorProto,
  uses: { node: { opType: string; domain: string } }[] | undefined,
  minElements: number,
): string | null {
  if (!uses || uses.length === 0) return 'not read by a top-level node (graph input/output or subgraph)';
  const count = tensor.dims.reduce((n, d) => n * Number(d), 1);
  if (count < minElements) return `${count} elements: too small to pay off`;
  const other = uses.find(
    ({ node }) => normalizeDomain(node.domain) !== '' || !ALLOWED_READERS.has(node.opType),
  );
  if (other) return `read by ${other.node.domain ? `${other.node.domain}:` : ''}${other.node.opType}`;
  const values = tensorValues(tensor) as Float32Array;
  if (values.some((v) => Math.abs(v) > FLOAT16_MAX)) return 'has values beyond float16 range';
  return null;
}
