/**
 * int8 weights for MatMul/Gemm. Weights become int8 once, per output channel and
 * symmetric (zero point 0, scale = max|w| / 127 per column, so a column of small weights keeps
 * its precision next to a column of large ones). Two schemes, both run by the onnxruntime-node
 * CPU provider with standard operators and both storing weights at a quarter of their size:
 *
 * `weight-only` (default, opset ≥ 13):
 *   W = DequantizeLinear(W_q, w_scale, 0, axis=1) → the original float MatMul/Gemm.
 * `dynamic` (opset ≥ 11; ONNX Runtime's own `quantize_dynamic` scheme):
 *   x_q, x_scale, x_zp = DynamicQuantizeLinear(x)                (uint8, per tensor, per batch)
 *   y = Cast(MatMulInteger(x_q, W_q, x_zp), float) · (x_scale · w_scale)   (+ bias for Gemm)
 *
 * Why weight-only is the default: the dynamic scheme quantizes each batch's activations with one
 * scale for the whole batch, so a row's scores depend on which rows share its chunk (the same file
 * scored with another chunk size gives other numbers), and on the corpus MLP it moves
 * probabilities by up to ~0.1 against ~0.01 for weight-only. Integer arithmetic only pays off for
 * layers far larger than the tabular models this app sees; `dynamic` stays available for those.
 * Everything else (ai.onnx.ml operators, float64 MatMuls, weights read elsewhere) is left as is.
 */
import { StudioError } from '../../contract/errors';
import {
  cloneModel,
  DataType,
  getFloat,
  getInt,
  isOp,
  makeNode,
  opsetVersion,
  type ModelProto,
  type NodeProto,
  type TensorProto,
} from '../model/onnx-proto';
import { makeTensor } from '../model/onnx-tensor';
import { tensorValues } from './tensor-values';
import { freshNamer } from './initializer-uses';
import { setVariantMetadata } from './variant-metadata';

export interface Int8Result {
  model: ModelProto;
  /** Names of the nodes whose weights were quantized. */
  quantized: string[];
  /** MatMul/Gemm nodes left in float, and why. */
  kept: { node: string; reason: string }[];
}

export type Int8Scheme = 'dynamic' | 'weight-only';

export interface Int8Options {
  /** Default `weight-only`. */
  scheme?: Int8Scheme;
  /**
   * Weights with fewer elements stay float: the added nodes, scales and names cost more bytes
   * than the int8 weights save (about 500 bytes for `dynamic`, 200 for `weight-only`, against 3
   * bytes saved per weight). Default 256 for `dynamic`, 128 for `weight-only`.
   */
  minElements?: number;
}

export function quantizeInt8(original: ModelProto, options: Int8Options = {}): Int8Result {
  const scheme = options.scheme ?? 'weight-only';
  const minElements = options.minElements ?? (scheme === 'dynamic' ? 256 : 128);
  const opset = opsetVersion(original, '') ?? 0;
  const needed = scheme === 'dynamic' ? 11 : 13;
  if (opset < needed) {
    throw new StudioError(
      'model',
      `${scheme} int8 quantization needs default-domain opset ${needed} or later; the model has ${opset}`,
    );
  }
  const model = cloneModel(original);
  const graph = model.graph;
  const result: Int8Result = { model, quantized: [], kept: [] };
  if (!graph) return result;
  const initializers = new Map(graph.initializer.map((t) => [t.name, t] as const));
  const graphIo = new Set([...graph.input, ...graph.output].map((v) => v.name));
  const fresh = freshNamer(graph);
  const nodes: NodeProto[] = [];
  const added: TensorProto[] = [];
  for (const node of graph.node) {
    const isMatMul = isOp(node, 'MatMul');
    if (!isMatMul && !isOp(node, 'Gemm')) {
      nodes.push(node);
      continue;
    }
    const label = node.name || node.output[0] || node.opType;
    const weight = initializers.get(node.input[1] ?? '');
    const reason = !weight
      ? 'weight is not an initializer'
      : weight.dataType !== DataType.FLOAT
        ? 'weight is not float32'
        : weight.dims.length !== 2
          ? 'weight is not a matrix'
          : graphIo.has(weight.name)
            ? 'weight is a graph input or output'
            : !isMatMul && (getInt(node, 'transA') ?? 0) !== 0
              ? 'Gemm with transA'
              : weight.dims.reduce((n, d) => n * Number(d), 1) < minElements
                ? 'weight too small to pay off'
                : null;
    if (reason || !weight) {
      result.kept.push({ node: label, reason: reason ?? '' });
      nodes.push(node);
      continue;
    }
    const transB = !isMatMul && (getInt(node, 'transB') ?? 0) !== 0;
    const alpha = isMatMul ? 1 : (getFloat(node, 'alpha') ?? 1);
    const q = quantizeColumns(tensorValues(weight) as Float32Array, weight.dims.map(Number), transB, alpha);
    const wq = makeTensor(fresh(`${weight.name}_int8`), DataType.INT8, [q.rows, q.cols], q.values);
    const ws = makeTensor(fresh(`${weight.name}_scale`), DataType.FLOAT, [q.cols], q.scales);
    added.push(wq, ws);
    if (scheme === 'weight-only') {
      nodes.push(...weightOnly(node, wq.name, ws.name, q.cols, fresh, added, label));
      result.quantized.push(label);
      continue;
    }
    const x = node.input[0] as string;
    const [xq, xScale, xZero, yInt, yFloat, scale] = [
      'x_q',
      'x_scale',
      'x_zero',
      'y_int32',
      'y_float',
      'scale',
    ].map((s) => fresh(`${label}/${s}`)) as [string, string, string, string, string, string];
    const out = node.output[0] as string;
    const bias = isMatMul ? undefined : gemmBias(node, initializers, fresh, added);
    const scaled = bias ? fresh(`${label}/y_scaled`) : out;
    nodes.push(
      makeNode('DynamicQuantizeLinear', [x], [xq, xScale, xZero], { name: fresh(`${label}/quantize_x`) }),
      makeNode('MatMulInteger', [xq, wq.name, xZero], [yInt], { name: fresh(`${label}/matmul_integer`) }),
      makeNode('Cast', [yInt], [yFloat], {
        name: fresh(`${label}/cast`),
        attributes: { to: { int: DataType.FLOAT } },
      }),
      makeNode('Mul', [xScale, ws.name], [scale], { name: fresh(`${label}/scale`) }),
      makeNode('Mul', [yFloat, scale], [scaled], { name: fresh(`${label}/rescale`) }),
      ...(bias ? [makeNode('Add', [scaled, bias], [out], { name: fresh(`${label}/bias`) })] : []),
    );
    result.quantized.push(label);
  }
  // Float weights no longer read by anyone are dropped: that is where the size goes.
  graph.node = nodes;
  const read = new Set(nodes.flatMap((n) => n.input));
  graph.initializer = [...graph.initializer.filter((t) => read.has(t.name) || graphIo.has(t.name)), ...added];
  setVariantMetadata(model, scheme === 'dynamic' ? 'int8-dynamic' : 'int8-weight-only', result.quantized);
  return result;
}

/** DequantizeLinear(W_q) → the original node reading it (K×N, so Gemm's transB and alpha are reset). */
function weightOnly(
  node: NodeProto,
  weight: string,
  scales: string,
  cols: number,
  fresh: (hint: string) => string,
  added: TensorProto[],
  label: string,
): NodeProto[] {
  const zero = makeTensor(fresh(`${weight}_zero`), DataType.INT8, [cols], new Int8Array(cols));
  added.push(zero);
  const dequantized = fresh(`${label}/weight`);
  const dq = makeNode('DequantizeLinear', [weight, scales, zero.name], [dequantized], {
    name: fresh(`${label}/dequantize`),
    attributes: { axis: { int: 1 } },
  });
  const copy = makeNode(node.opType, [...node.input], [...node.output], { name: node.name });
  copy.attribute = node.attribute.filter((a) => a.name !== 'transB' && a.name !== 'alpha');
  copy.input[1] = dequantized;
  return [dq, copy];
}

/** beta·C as the bias to add (C itself when beta is 1), or undefined when Gemm has no C. */
function gemmBias(
  node: NodeProto,
  initializers: ReadonlyMap<string, TensorProto>,
  fresh: (hint: string) => string,
  added: TensorProto[],
): string | undefined {
  const c = node.input[2];
  if (!c) return undefined;
  const beta = getFloat(node, 'beta') ?? 1;
  if (beta === 1) return c;
  const tensor = initializers.get(c);
  if (tensor && tensor.dataType === DataType.FLOAT) {
    const scaled = Float32Array.from(tensorValues(tensor) as Float32Array, (v) => v * beta);
    const t = makeTensor(fresh(`${c}_beta`), DataType.FLOAT, tensor.dims.map(Number), scaled);
    added.push(t);
    return t.name;
  }
  throw new StudioError(
    'model',
    `Gemm '${node.name}': beta ${beta} with a computed C is not supported for int8`,
  );
}

/**
 * W (K×N, or N×K when `transposed`) → int8 K×N with one symmetric scale per column; alpha is
 * folded into the scales.
 */
export function quantizeColumns(
  w: Float32Array,
  dims: readonly number[],
  transposed: boolean,
  alpha = 1,
): { values: Int8Array; scales: Float32Array; rows: number; cols: number } {
  const [d0, d1] = dims as [number, number];
  const rows = transposed ? d1 : d0;
  const cols = transposed ? d0 : d1;
  const at = (k: number, n: number) => w[transposed ? n * d1 + k : k * d1 + n] as number;
  const values = new Int8Array(rows * cols);
  const scales = new Float32Array(cols);
  for (let n = 0; n < cols; n++) {
    let max = 0;
    for (let k = 0; k < rows; k++) max = Math.max(max, Math.abs(at(k, n)));
    const scale = max === 0 ? 1 : max / 127;
    scales[n] = scale * alpha;
    for (let k = 0; k < rows; k++)
      values[k * cols + n] = Math.max(-127, Math.min(127, roundHalfEven(at(k, n) / scale)));
  }
  return { values, scales, rows, cols };
}

/** Rounding as numpy and ONNX Runtime's quantizer round (Math.round sends −63.5 to −63, not −64). */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const rest = x - floor;
  if (rest !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}
