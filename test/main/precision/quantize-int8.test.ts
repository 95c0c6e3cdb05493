import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../contract/errors';
import { parseModel, serializeModel } from '../../../main/model/onnx-proto';
import { quantizeColumns, quantizeInt8 } from '../../../main/precision/quantize-int8';
import type { Feeds } from '../../../main/precision/precision-report';
import { SCORING, loadCase } from '../export/corpus-case';
import { memberBatches } from './batches';

describe('quantizeColumns', () => {
  it('scales each column by its own largest magnitude, with alpha folded in', () => {
    // W is 2×2 stored transposed (Gemm transB=1): columns are rows of the stored matrix.
    const q = quantizeColumns(Float32Array.from([1, -0.5, 0.01, 0.02]), [2, 2], true, 2);
    expect(Array.from(q.values)).toEqual([127, 64, -64, 127]);
    expect(q.scales[0]).toBeCloseTo((1 / 127) * 2, 7);
    expect(q.scales[1]).toBeCloseTo((0.02 / 127) * 2, 9);
  });
});

describe('quantizeInt8', () => {
  it('rewrites the PyTorch MLP Gemms in both schemes; ONNX Runtime runs them', async () => {
    const loaded = await loadCase(join(SCORING, 'binary-soft-int'));
    const original = parseModel(loaded.models.get('mlp')!.bytes);
    const dynamic = quantizeInt8(original, { scheme: 'dynamic' });
    // The 2×32 output layer (64 weights) is below the 256-element default.
    expect(dynamic.quantized).toEqual(['/body/body.0/Gemm']);
    expect(dynamic.kept).toEqual([{ node: '/body/body.2/Gemm', reason: 'weight too small to pay off' }]);
    const ops = dynamic.model.graph!.node.map((n) => n.opType);
    expect(ops).toEqual(expect.arrayContaining(['DynamicQuantizeLinear', 'MatMulInteger']));
    expect(dynamic.model.graph!.initializer.some((t) => t.name === 'body.0.weight')).toBe(false);
    const weightOnly = quantizeInt8(original);
    // The default scheme; its threshold (128) takes the 2×32 output layer too.
    expect(weightOnly.quantized).toEqual(['/body/body.0/Gemm']);
    expect(weightOnly.model.graph!.node.map((n) => n.opType)).toContain('DequantizeLinear');
    for (const variant of [dynamic, weightOnly]) {
      const session = await ort.InferenceSession.create(serializeModel(variant.model));
      const x = new ort.Tensor('float32', new Float32Array(2 * 30).fill(10), [2, 30]);
      const out = (await session.run({ features: x })).probabilities!;
      expect(out.dims).toEqual([2, 2]);
      await session.release();
    }
  });

  it('weight-only scores a row the same whatever its batch; dynamic does not', async () => {
    const loaded = await loadCase(join(SCORING, 'binary-soft-int'));
    const original = parseModel(loaded.models.get('mlp')!.bytes);
    const small = await memberBatches(loaded, 'mlp', 10);
    const large = await memberBatches(loaded, 'mlp', 300);
    const firstRows = async (bytes: Uint8Array) => {
      const session = await ort.InferenceSession.create(bytes);
      const run = async (feeds: Feeds) =>
        Array.from((await session.run(feeds)).probabilities!.data as Float32Array);
      const [alone, together] = [await run(small[0]!), (await run(large[0]!)).slice(0, 20)];
      await session.release();
      return { alone, together };
    };
    const weightOnly = await firstRows(serializeModel(quantizeInt8(original).model));
    expect(weightOnly.alone).toEqual(weightOnly.together);
    const dynamic = await firstRows(serializeModel(quantizeInt8(original, { scheme: 'dynamic' }).model));
    expect(dynamic.alone).not.toEqual(dynamic.together);
  });

  it('leaves a model without large enough float MatMul/Gemm weights unchanged but for its metadata', async () => {
    const loaded = await loadCase(join(SCORING, 'multiclass-string-labels'));
    const net = quantizeInt8(parseModel(loaded.models.get('net')!.bytes));
    expect(net.quantized).toEqual([]);
    const logreg = quantizeInt8(parseModel(loaded.models.get('logreg')!.bytes));
    expect(logreg.quantized).toEqual([]);
    expect(logreg.kept).toEqual([]);
  });

  it('refuses models older than opset 11', () => {
    const model = parseModel(new Uint8Array(0));
    model.opsetImport.push({ $typeName: 'onnx.OperatorSetIdProto', domain: '', version: 9n });
    expect(() => quantizeInt8(model, { scheme: 'dynamic' })).toThrow(StudioError);
    expect(() => quantizeInt8(model)).toThrow(/opset 13/);
  });
});
