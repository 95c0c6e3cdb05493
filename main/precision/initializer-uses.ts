/** Who reads each initializer of a graph: what decides whether a weight may change precision. */
import { allNodes, type GraphProto, type NodeProto } from '../model/onnx-proto';

export interface InitializerUse {
  node: NodeProto;
  /** Input position of the initializer in the node. */
  slot: number;
}

/**
 * Initializer name → its top-level readers. Initializers also read inside a subgraph (If/Loop
 * bodies) or exposed as graph inputs/outputs are left out: changing them is not a local edit.
 */
export function initializerUses(graph: GraphProto): Map<string, InitializerUse[]> {
  const names = new Set(graph.initializer.map((t) => t.name));
  for (const io of [...graph.input, ...graph.output]) names.delete(io.name);
  for (const node of graph.node) {
    for (const attr of node.attribute) {
      for (const sub of [...(attr.g ? [attr.g] : []), ...attr.graphs])
        for (const inner of allNodes(sub)) for (const input of inner.input) names.delete(input);
    }
  }
  const uses = new Map<string, InitializerUse[]>();
  for (const node of graph.node) {
    node.input.forEach((input, slot) => {
      if (!names.has(input)) return;
      const list = uses.get(input) ?? [];
      list.push({ node, slot });
      uses.set(input, list);
    });
  }
  return uses;
}

/** A name not yet used by any value, node output or initializer of the graph. */
export function freshNamer(graph: GraphProto): (hint: string) => string {
  const used = new Set<string>(graph.initializer.map((t) => t.name));
  for (const io of [...graph.input, ...graph.output]) used.add(io.name);
  for (const node of allNodes(graph)) for (const name of [...node.input, ...node.output]) used.add(name);
  return (hint) => {
    let name = hint;
    for (let i = 2; used.has(name); i++) name = `${hint}_${i}`;
    used.add(name);
    return name;
  };
}
