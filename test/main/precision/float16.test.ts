import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { float16Bits } from '../../../main/precision/float16-bits';
import { convertToFloat16, toFloat16 } from '../../../main/precision/float16';
import { PRECISION_KEY } from '../../../main/precision/variant-metadata';
import { toBinary } from '@bufbuild/protobuf';
import { allNodes, DataType, NodeProtoSchema, operatorKey, parseModel } from '../../../main/model/onnx-proto';
import { SCORING, fuseCase, loadCase } from '../export/corpus-case';

describe('float16 bits', () => {
  it('rounds to nearest even like numpy astype(float16)', () => {
    // Expected values from numpy: np.float32(v).astype(np.float16).view(np.uint16).
    const cases: [number, number][] = [
      [1, 0x3c00],
      [-2, 0xc000],
      [65504, 0x7bff],
      [65519, 0x7bff],
      [65520, 0x7c00],
      [1e-8, 0],
      [2 ** -24, 1],
      [0.1, 0x2e66],
      [1 + 2 ** -11, 0x3c00],
      [1 + 3 * 2 ** -11, 0x3c02],
      [3e-5, 0x1f7],
      [-0, 0x8000],
      [2 ** -25, 0],
      [2 ** -25 * 1.0001, 1],
      [Infinity, 0x7c00],
    ];
    for (const [value, bits] of cases) expect(float16Bits(value), String(value)).toBe(bits);
    expect(float16Bits(NaN) & 0x7c00).toBe(0x7c00);
    expect(float16Bits(NaN) & 0x3ff).not.toBe(0);
  });
});

describe('toFloat16', () => {
  it('converts the PyTorch MLP weights and keeps inputs and outputs float32', async () => {
    const loaded = await loadCase(join(SCORING, 'binary-soft-int'));
    const original = parseModel(loaded.models.get('mlp')!.bytes);
    const { model, converted, kept, weightBytes } = convertToFloat16(original);
    expect(converted).toEqual(['body.0.weight', 'body.2.weight']);
    // Scaler vectors and biases (30, 32, 2 elements) are below the 64-element default.
    expect(kept.map((k) => k.name)).toEqual(['mean', 'std', 'body.0.bias', 'body.2.bias']);
    expect(weightBytes.after).toBe(weightBytes.before - 2 * (32 * 30 + 2 * 32));
    expect(convertToFloat16(original, { minElements: 1 }).converted).toHaveLength(6);
    const graph = model.graph!;
    expect(graph.input[0]!.type!.value.value).toMatchObject({ elemType: DataType.FLOAT });
    expect(graph.output[0]!.type!.value.value).toMatchObject({ elemType: DataType.FLOAT });
    expect(graph.node.filter((n) => n.opType === 'Cast')).toHaveLength(converted.length);
    expect(model.metadataProps.find((p) => p.key === PRECISION_KEY)?.value).toBe('float16');
    // The original is not changed.
    expect(original.graph!.initializer.every((t) => t.dataType === DataType.FLOAT)).toBe(true);
  });

  it('leaves ai.onnx.ml members and the glue of a fused model alone', async () => {
    const loaded = await loadCase(join(SCORING, 'binary-soft-int'));
    const fused = parseModel(fuseCase(loaded).bytes);
    const { model, converted } = convertToFloat16(fused);
    expect(converted.length).toBeGreaterThan(0);
    expect(converted.every((name) => name.startsWith('mlp/'))).toBe(true);
    const ml = (m: typeof model) =>
      [...allNodes(m.graph!)]
        .filter((n) => operatorKey(n).startsWith('ai.onnx.ml:'))
        .map((n) => Buffer.from(toBinary(NodeProtoSchema, n)).toString('hex'));
    expect(ml(model).length).toBeGreaterThan(0);
    expect(ml(model)).toEqual(ml(fused));
    expect(
      toFloat16(parseModel(loaded.models.get('logreg')!.bytes)).graph!.initializer.some(
        (t) => t.dataType === DataType.FLOAT16,
      ),
    ).toBe(false);
  });
});
