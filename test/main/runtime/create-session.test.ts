/**
 * Opening ONNX Runtime sessions: a provider this build lacks and a model ONNX Runtime refuses are
 * both told in plain words, with the library's own text kept only as the error's detail.
 */
import { create } from '@bufbuild/protobuf';
import { TensorProtoSchema } from 'onnx-buf';
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
import { listProviders } from '../../../main/runtime/providers';

/** y = x · W, with W [rows,1]; `irVersion` and a mismatched `rows` make models ONNX Runtime refuses. */
function linearModel(options: { irVersion?: number; rows?: number } = {}): Uint8Array {
  const rows = options.rows ?? 2;
  const weight = create(TensorProtoSchema, {
    name: 'W',
    dims: [BigInt(rows), 1n],
    dataType: DataType.FLOAT,
    floatData: Array.from({ length: rows }, (_, i) => i + 1),
  });
  const graph = makeGraph({
    name: 'linear',
    nodes: [makeNode('MatMul', ['x', 'W'], ['y'])],
    inputs: [makeTensorValueInfo('x', DataType.FLOAT, [null, 2])],
    outputs: [makeTensorValueInfo('y', DataType.FLOAT, [null, 1])],
    initializers: [weight],
  });
  return serializeModel(makeModel(graph, { opsets: { '': 13 }, irVersion: options.irVersion ?? 8 }));
}

const rawLibraryText = /\.cc:\d+|onnxruntime::|was false|\[ONNXRuntimeError\]/;

describe('createSession', () => {
  it('a provider this build does not include runs on cpu, with a warning that says why', async () => {
    const cuda = listProviders().find((p) => p.name === 'cuda');
    if (cuda?.available) return; // a build with CUDA installed has nothing to warn about
    const opened = await createSession(linearModel(), { provider: 'cuda', threads: 1 });
    try {
      expect(opened.provider).toBe('cpu');
      expect(opened.warning).toMatch(/^provider cuda is not available here \(.+\); using cpu instead$/);
      expect(opened.warning).not.toMatch(rawLibraryText);
    } finally {
      await opened.session.release();
    }
  });

  it('a model from a newer ONNX says which IR version it needs, keeping the library text as detail', async () => {
    const error = await createSession(
      linearModel({ irVersion: 99 }),
      { provider: 'cpu', threads: 1 },
      { member: 'lin', file: '/models/lin.onnx' },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'model', location: { file: '/models/lin.onnx', member: 'lin' } });
    const { message, detail } = error as { message: string; detail: string };
    expect(message).toMatch(
      /^\/models\/lin\.onnx \(member lin\) cannot be loaded: it was saved in ONNX IR version 99/,
    );
    expect(message).not.toMatch(rawLibraryText);
    expect(detail).toMatch(/IR version/);
  });

  it('a model whose shapes do not fit says so without source locations', async () => {
    const error = await createSession(
      linearModel({ rows: 3 }),
      { provider: 'cpu', threads: 1 },
      { file: '/models/bad.onnx' },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'model' });
    const { message, detail } = error as { message: string; detail: string };
    expect(message).toMatch(/^\/models\/bad\.onnx cannot be loaded: /);
    expect(message).not.toMatch(rawLibraryText);
    expect(detail.length).toBeGreaterThan(0);
  });
});
