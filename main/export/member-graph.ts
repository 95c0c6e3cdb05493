/**
 * A member's graph made ready to sit inside a fused model: cut down to the nodes its combined
 * output needs, and every name (node, value, initializer, subgraph reference) put under the
 * member's prefix `<member>/`, so two members' `float_input` or `W` can never meet.
 */
import type { GraphProto, NodeProto } from '../model/onnx-proto';

/** Keeps only the top-level nodes that `outputs` depend on (subgraph references included). */
export function pruneGraph(graph: GraphProto, outputs: readonly string[]): void {
  const needed = new Set(outputs);
  const kept: NodeProto[] = [];
  for (let i = graph.node.length - 1; i >= 0; i--) {
    const node = graph.node[i] as NodeProto;
    if (!node.output.some((o) => needed.has(o))) continue;
    kept.push(node);
    for (const input of node.input) if (input !== '') needed.add(input);
    for (const name of subgraphReads(node)) needed.add(name);
  }
  graph.node = kept.reverse();
  graph.initializer = graph.initializer.filter((t) => needed.has(t.name));
  graph.sparseInitializer = graph.sparseInitializer.filter((t) => needed.has(t.values?.name ?? ''));
}

/** Every value a node's subgraphs read: a superset of the outer values they capture. */
function subgraphReads(node: NodeProto): Set<string> {
  const reads = new Set<string>();
  const visit = (graph: GraphProto) => {
    for (const inner of graph.node) {
      for (const input of inner.input) if (input !== '') reads.add(input);
      for (const attr of inner.attribute) {
        if (attr.g) visit(attr.g);
        attr.graphs.forEach(visit);
      }
    }
  };
  for (const attr of node.attribute) {
    if (attr.g) visit(attr.g);
    attr.graphs.forEach(visit);
  }
  return reads;
}

/**
 * Renames every name in `graph` and its subgraphs to `prefix + name`. One consistent renaming of
 * all names cannot change what the graph computes, and outer values a subgraph captures keep
 * matching because both sides are renamed alike. Empty names (omitted optional inputs) stay empty.
 */
export function prefixGraph(graph: GraphProto, prefix: string): void {
  const rename = (name: string) => (name === '' ? '' : prefix + name);
  graph.name = rename(graph.name);
  for (const info of [...graph.input, ...graph.output, ...graph.valueInfo]) info.name = rename(info.name);
  for (const tensor of graph.initializer) tensor.name = rename(tensor.name);
  for (const sparse of graph.sparseInitializer) {
    if (sparse.values) sparse.values.name = rename(sparse.values.name);
    if (sparse.indices) sparse.indices.name = rename(sparse.indices.name);
  }
  for (const annotation of graph.quantizationAnnotation) {
    annotation.tensorName = rename(annotation.tensorName);
    for (const entry of annotation.quantParameterTensorNames) entry.value = rename(entry.value);
  }
  graph.node.forEach((node, index) => {
    node.name = prefix + (node.name || `${node.opType}_${index}`);
    node.input = node.input.map(rename);
    node.output = node.output.map(rename);
    for (const attr of node.attribute) {
      if (attr.g) prefixGraph(attr.g, prefix);
      for (const sub of attr.graphs) prefixGraph(sub, prefix);
    }
  });
}
