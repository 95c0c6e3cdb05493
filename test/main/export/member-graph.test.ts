/**
 * Members whose graphs use the same names (`x`, `one`, `y`) and capture an outer value inside an
 * If branch: after fusing, each member still computes its own result. Built by hand because the
 * corpus has no control flow.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { resolveEnsemble } from '../../../main/ensemble/resolve';
import { EnsembleSpecSchema } from '../../../contract/ensemble-spec';
import { fuseEnsemble } from '../../../main/export/fuse';
import { inspectModelBytes } from '../../../main/model/inspect';
import {
  DataType,
  makeGraph,
  makeModel,
  makeNode,
  makeTensorValueInfo,
  serializeModel,
} from '../../../main/model/onnx-proto';
import { makeTensor } from '../../../main/model/onnx-tensor';

const x = makeTensorValueInfo('x', DataType.FLOAT, ['N', 1]);
const y = makeTensorValueInfo('y', DataType.FLOAT, ['N', 1]);
const one = () => makeTensor('one', DataType.FLOAT, [], Float32Array.of(1));

/** y = If(true) then x + one else x − one: the branches read the outer `x` and `one`. */
function ifModel(): Uint8Array {
  const branch = (op: string) =>
    makeGraph({
      name: op,
      nodes: [makeNode(op, ['x', 'one'], ['r'])],
      inputs: [],
      outputs: [makeTensorValueInfo('r', DataType.FLOAT, null)],
    });
  const graph = makeGraph({
    name: 'if',
    nodes: [
      makeNode('If', ['cond'], ['y'], {
        attributes: { then_branch: { graph: branch('Add') }, else_branch: { graph: branch('Sub') } },
      }),
      makeNode('Mul', ['x', 'one'], ['unused']), // pruned: nothing reads it
    ],
    inputs: [x],
    outputs: [y],
    initializers: [one(), makeTensor('cond', DataType.BOOL, [], Uint8Array.of(1))],
  });
  return serializeModel(makeModel(graph, { opsets: { '': 15 }, irVersion: 8 }));
}

/** y = x · 2 + one, with the same names as ifModel. */
function affineModel(): Uint8Array {
  const graph = makeGraph({
    name: 'affine',
    nodes: [makeNode('Mul', ['x', 'two'], ['x2']), makeNode('Add', ['x2', 'one'], ['y'])],
    inputs: [x],
    outputs: [y],
    initializers: [one(), makeTensor('two', DataType.FLOAT, [], Float32Array.of(2))],
  });
  return serializeModel(makeModel(graph, { opsets: { '': 13 }, irVersion: 7 }));
}

describe('merging member graphs', () => {
  it('keeps same-named values apart, including values captured by subgraphs and a member named like the glue', async () => {
    const models = new Map([
      ['branchy', { bytes: ifModel() }],
      ['ensemble', { bytes: affineModel() }],
    ]);
    const infos = new Map([...models].map(([name, m]) => [name, inspectModelBytes(m.bytes, `${name}.onnx`)]));
    const spec = EnsembleSpecSchema.parse({
      format: 'ensemble-studio/ensemble@1',
      name: 'names',
      task: 'regression',
      members: [...models.keys()].map((name) => ({
        name,
        model: `${name}.onnx`,
        inputs: { x: ['a'] },
        outputKind: 'value',
      })),
      combiner: { method: 'mean' },
    });
    const resolved = resolveEnsemble(spec, infos, [{ name: 'a', type: 'number', sourceType: 'DOUBLE' }]);
    const fused = fuseEnsemble(
      resolved,
      new Map([...models].map(([name, m]) => [name, { bytes: m.bytes, info: infos.get(name)! }])),
      { inputLayout: 'per-column', appVersion: 'test' },
    );
    expect(fused.inputs).toEqual([{ name: 'a', columns: ['a'], type: 'float32' }]);
    expect(fused.model.graph!.node.some((n) => n.output.includes('branchy/unused'))).toBe(false);

    const session = await ort.InferenceSession.create(fused.bytes);
    const a = Float32Array.of(0, 1.5, -3);
    const out = (await session.run({ a: new ort.Tensor('float32', a, [3, 1]) })).prediction!;
    await session.release();
    // mean of (a + 1) and (2a + 1)
    expect(Array.from(out.data as Float32Array)).toEqual(Array.from(a, (v) => (v + 1 + (2 * v + 1)) / 2));
  });
});
