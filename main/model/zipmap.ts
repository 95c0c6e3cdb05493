/**
 * Finding the ZipMap at the end of a converted scikit-learn classifier.
 *
 * skl2onnx ends classifiers with ZipMap by default: it turns the [N,C] probability tensor into a
 * sequence of {label: probability} maps, which onnxruntime-node cannot return. The class labels
 * live on the ZipMap node, so reading them here lets the rewrite drop the node without losing
 * them. Kept apart from the rewrite so inspection can describe the rewritten outputs without
 * doing it.
 */
import {
  DataType,
  ML_DOMAIN,
  consumerMap,
  getInts,
  getStrings,
  isOp,
  makeTensorType,
  tensorShape,
  type GraphProto,
  type NodeProto,
  type TypeProto,
} from './onnx-proto';
import type { Dim } from '../../contract/model-types';

export interface TrailingZipMap {
  node: NodeProto;
  /** The [N,C] float tensor ZipMap reads: the scores it would have zipped. */
  input: string;
  /** The graph output ZipMap writes; after the rewrite the same name carries the tensor. */
  output: string;
  /** Class labels in column order, as strings. */
  classes: string[];
  classLabelType: 'int64' | 'string';
  /** Why the node cannot be rewritten, or null when it can. */
  problem: string | null;
}

/** ZipMap nodes whose output is a graph output, in graph order. */
export function findTrailingZipMaps(graph: GraphProto): TrailingZipMap[] {
  const graphOutputs = new Set(graph.output.map((o) => o.name));
  const consumers = consumerMap(graph);
  const found: TrailingZipMap[] = [];
  for (const node of graph.node) {
    if (!isOp(node, 'ZipMap', ML_DOMAIN)) continue;
    const output = node.output[0];
    const input = node.input[0];
    if (output === undefined || input === undefined || !graphOutputs.has(output)) continue;
    const ints = getInts(node, 'classlabels_int64s');
    const strings = getStrings(node, 'classlabels_strings');
    const classes = ints ? ints.map((v) => v.toString()) : (strings ?? []);
    const readers = consumers.get(output)?.length ?? 0;
    // Other nodes that read the sequence would break if it became a tensor.
    const problem =
      readers > 0
        ? `ZipMap output '${output}' is also read by ${readers} node(s), so it cannot become a tensor`
        : classes.length === 0
          ? `ZipMap '${node.name || output}' has no class labels`
          : null;
    found.push({ node, input, output, classes, classLabelType: ints ? 'int64' : 'string', problem });
  }
  return found;
}

/**
 * tensor(float)[N,C] for the rewritten output. N is the first dimension of the first graph input
 * (the batch, whatever the converter called it); C is the number of classes.
 */
export function zipMapTensorType(graph: GraphProto, zipMap: TrailingZipMap): TypeProto {
  const firstInput = tensorShape(graph.input[0]?.type);
  const batch: Dim = firstInput && firstInput.length > 0 ? (firstInput[0] ?? null) : null;
  return makeTensorType(DataType.FLOAT, [batch, zipMap.classes.length]);
}
