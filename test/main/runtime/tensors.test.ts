/**
 * Feeds become ONNX Runtime tensors in one place: each element type the app feeds keeps its values
 * and shape through a real session, and data that does not match its type or shape is refused in
 * plain words before ONNX Runtime sees it.
 */
import { describe, expect, it } from 'vitest';
import {
  DataType,
  makeGraph,
  makeModel,
  makeNode,
  makeTensorValueInfo,
  serializeModel,
} from '../../../main/model/onnx-proto';
import { createSession } from '../../../main/runtime/create-session';
import { toFeeds, toTensor, type TensorInput, type TensorType } from '../../../main/runtime/tensors';

const ELEMENT: Record<TensorType, DataType> = {
  float32: DataType.FLOAT,
  float64: DataType.DOUBLE,
  int64: DataType.INT64,
  string: DataType.STRING,
  bool: DataType.BOOL,
};

/** One input per element type, each passed through Identity to an output named `<type>_out`. */
function identityModel(): Uint8Array {
  const types = Object.keys(ELEMENT) as TensorType[];
  const graph = makeGraph({
    name: 'identities',
    nodes: types.map((t) => makeNode('Identity', [t], [`${t}_out`])),
    inputs: types.map((t) => makeTensorValueInfo(t, ELEMENT[t], [null, 2])),
    outputs: types.map((t) => makeTensorValueInfo(`${t}_out`, ELEMENT[t], [null, 2])),
  });
  return serializeModel(makeModel(graph, { opsets: { '': 13 } }));
}

const inputs: Record<TensorType, TensorInput> = {
  float32: { type: 'float32', data: Float32Array.from([0.5, -1, 2.25, 3]), dims: [2, 2] },
  float64: { type: 'float64', data: Float64Array.from([0.1, 0.2, 0.3, 1e300]), dims: [2, 2] },
  int64: { type: 'int64', data: BigInt64Array.from([1n, -2n, 2n ** 62n, 0n]), dims: [2, 2] },
  string: { type: 'string', data: ['a', 'b', '', 'ünï'], dims: [2, 2] },
  bool: { type: 'bool', data: Uint8Array.from([1, 0, 0, 1]), dims: [2, 2] },
};

/** Elements in order, whatever array holds them (a tensor's data is typed by element type only). */
function valuesOf(data: unknown): unknown[] {
  return Array.from(data as ArrayLike<unknown>);
}

describe('toTensor', () => {
  it.each(Object.values(inputs))('a $type feed keeps its type, values and shape', (input) => {
    const tensor = toTensor(input);
    expect(tensor.type).toBe(input.type);
    expect(tensor.dims).toEqual(input.dims);
    expect(valuesOf(tensor.data)).toEqual(valuesOf(input.data));
  });

  it('a rank-1 feed stays rank 1', () => {
    const tensor = toTensor({ type: 'float32', data: Float32Array.from([1, 2, 3]), dims: [3] });
    expect(tensor.dims).toEqual([3]);
  });

  it('data of the wrong kind for its type is refused, naming the input', () => {
    expect(() => toTensor({ type: 'float32', data: Float64Array.from([1]), dims: [1, 1] }, 'x')).toThrow(
      /^input 'x' is of type float32 but holds a Float64Array$/,
    );
    expect(() => toTensor({ type: 'int64', data: ['1'], dims: [1] }, 'id')).toThrow(
      /^input 'id' is of type int64 but holds a Array$/,
    );
  });

  it('data that does not fill the shape is refused', () => {
    expect(() => toTensor({ type: 'float64', data: new Float64Array(5), dims: [2, 3] }, 'x')).toThrow(
      /^input 'x': 5 values do not fill shape \[2, 3\]$/,
    );
  });
});

describe('toFeeds', () => {
  it('every element type runs through a real session and comes back as it went in', async () => {
    const opened = await createSession(identityModel(), { provider: 'cpu', threads: 1 });
    try {
      const feeds = toFeeds(inputs);
      expect(Object.keys(feeds).sort()).toEqual(Object.keys(inputs).sort());
      const out = await opened.session.run(feeds);
      for (const input of Object.values(inputs)) {
        const tensor = out[`${input.type}_out`]!;
        expect(tensor.type).toBe(input.type);
        expect(tensor.dims).toEqual([2, 2]);
        const values = valuesOf(tensor.data);
        expect(input.type === 'bool' ? values.map(Number) : values).toEqual(valuesOf(input.data));
      }
    } finally {
      await opened.session.release();
    }
  });
});
