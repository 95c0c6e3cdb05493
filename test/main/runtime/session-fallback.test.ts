/**
 * The fallback to CPU, whatever this machine has: the provider list is replaced, so both ways a
 * provider can fail (not in this build; in the list but unable to start) are exercised everywhere,
 * each giving a CPU session and a one-line warning that says why.
 */
import { create } from '@bufbuild/protobuf';
import { TensorProtoSchema } from 'onnx-buf';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProviderInfo } from '../../../contract/contract';
import {
  DataType,
  makeGraph,
  makeModel,
  makeNode,
  makeTensorValueInfo,
  serializeModel,
} from '../../../main/model/onnx-proto';

const offered = vi.hoisted(() => ({ list: [] as ProviderInfo[] }));
vi.mock('../../../main/runtime/providers', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../main/runtime/providers')>()),
  listProviders: () => offered.list,
}));

const { createSession } = await import('../../../main/runtime/create-session');
const { toFeeds } = await import('../../../main/runtime/tensors');

function doubler(): Uint8Array {
  const two = create(TensorProtoSchema, { name: 'two', dims: [], dataType: DataType.FLOAT, floatData: [2] });
  const graph = makeGraph({
    name: 'doubler',
    nodes: [makeNode('Mul', ['x', 'two'], ['y'])],
    inputs: [makeTensorValueInfo('x', DataType.FLOAT, [null])],
    outputs: [makeTensorValueInfo('y', DataType.FLOAT, [null])],
    initializers: [two],
  });
  return serializeModel(makeModel(graph, { opsets: { '': 13 } }));
}

beforeEach(() => {
  offered.list = [];
});

describe('createSession falls back to cpu', () => {
  it('when the provider is not in this build, saying why', async () => {
    offered.list = [
      { name: 'cpu', bundled: true, available: true, reason: null },
      { name: 'cuda', bundled: false, available: false, reason: 'not installed in this build' },
    ];
    const opened = await createSession(doubler(), { provider: 'cuda', threads: 1 });
    try {
      expect(opened.provider).toBe('cpu');
      expect(opened.warning).toBe(
        'provider cuda is not available here (not installed in this build); using cpu instead',
      );
    } finally {
      await opened.session.release();
    }
  });

  it('when the build does not list the provider at all', async () => {
    const opened = await createSession(doubler(), { provider: 'coreml', threads: 1 });
    try {
      expect(opened.provider).toBe('cpu');
      expect(opened.warning).toBe(
        'provider coreml is not available here (this ONNX Runtime build does not include it); using cpu instead',
      );
    } finally {
      await opened.session.release();
    }
  });

  it('when a listed provider cannot start, with the library reason in one line', async () => {
    // Listed as available, but ONNX Runtime here has no such backend: creating the session fails.
    offered.list = [{ name: 'dml', bundled: true, available: true, reason: null }];
    const opened = await createSession(doubler(), { provider: 'dml', threads: 1 });
    try {
      expect(opened.provider).toBe('cpu');
      expect(opened.warning).toMatch(
        /^provider dml could not start on this machine \(.+\); using cpu instead$/,
      );
      expect(opened.warning).not.toContain('\n');
      // The session it falls back to runs.
      const out = await opened.session.run(
        toFeeds({ x: { type: 'float32', data: Float32Array.from([1, 2]), dims: [2] } }),
      );
      expect(Array.from(out.y!.data as Float32Array)).toEqual([2, 4]);
    } finally {
      await opened.session.release();
    }
  });

  it('a cpu session has no warning', async () => {
    const opened = await createSession(doubler(), { provider: 'cpu', threads: 1 });
    try {
      expect(opened).toMatchObject({ provider: 'cpu', warning: null });
    } finally {
      await opened.session.release();
    }
  });
});
