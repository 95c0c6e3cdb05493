import { describe, expect, it } from 'vitest';
import {
  AttributeType,
  DataType,
  ML_DOMAIN,
  cloneModel,
  elementTypeCode,
  elementTypeName,
  getFloat,
  getFloats,
  getInt,
  getInts,
  getString,
  getStrings,
  getTensor,
  makeNode,
  makeTensorValueInfo,
  opsetVersion,
  operatorKey,
  parseModel,
  removeAttribute,
  serializeModel,
  setAttribute,
  typeText,
} from '../../../main/model/onnx-proto';
import { makeTensor, readTensor } from '../../../main/model/onnx-tensor';
import { signatureOf } from '../../../main/model/signature';
import { FIXTURES, fixtureBytes } from './fixtures';

describe('round trip', () => {
  it.each(FIXTURES)('%s: parse then serialize gives identical bytes', (name) => {
    const bytes = fixtureBytes(name);
    expect(Buffer.from(serializeModel(parseModel(bytes))).equals(Buffer.from(bytes))).toBe(true);
  });

  it('keeps fields this ONNX version does not know', () => {
    // Field 99 (varint 42) appended to ModelProto: a field from some future ONNX.
    const unknown = Uint8Array.of(0x98, 0x06, 0x2a);
    const bytes = Buffer.concat([fixtureBytes('logreg_cancer_zipmap_int'), unknown]);
    const model = parseModel(bytes);
    expect(Buffer.from(serializeModel(model)).equals(bytes)).toBe(true);
    // Still there after an edit and a clone.
    const copy = cloneModel(model);
    copy.producerName = 'edited';
    expect(Buffer.from(serializeModel(copy)).subarray(-3)).toEqual(Buffer.from(unknown));
  });
});

describe('attributes', () => {
  const model = parseModel(fixtureBytes('logreg_iris_zipmap_str'));
  const nodes = model.graph?.node ?? [];
  const classifier = nodes.find((n) => n.opType === 'LinearClassifier');
  const scaler = nodes.find((n) => n.opType === 'Scaler');

  it('reads ints, floats and UTF-8 strings by name', () => {
    if (!classifier || !scaler) throw new Error('fixture lacks its nodes');
    expect(getStrings(classifier, 'classlabels_strings')).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(getString(classifier, 'post_transform')).toBe('SOFTMAX');
    expect(getInt(classifier, 'multi_class')).toBe(0);
    expect(getFloats(classifier, 'coefficients')).toHaveLength(12);
    expect(getFloats(scaler, 'offset')?.[0]).toBeCloseTo(5.8433, 3);
    // Wrong type or absent: undefined, never a misread value.
    expect(getInt(classifier, 'post_transform')).toBeUndefined();
    expect(getInts(classifier, 'nope')).toBeUndefined();
  });

  it('sets, replaces and removes attributes, keeping their types', () => {
    const node = makeNode('Foo', ['x'], ['y'], {
      domain: ML_DOMAIN,
      attributes: { a: { int: 3 }, s: { string: 'héllo' }, f: { float: 0.5 } },
    });
    setAttribute(node, 'a', { ints: [1, 2n] });
    setAttribute(node, 'names', { strings: ['é', 'b'] });
    setAttribute(node, 't', { tensor: makeTensor('w', DataType.FLOAT, [2], Float32Array.of(1, 2)) });
    expect(node.attribute.map((a) => a.name)).toEqual(['a', 's', 'f', 'names', 't']);
    expect(node.attribute[0]?.type).toBe(AttributeType.INTS);
    expect(getInts(node, 'a')).toEqual([1n, 2n]);
    expect(getString(node, 's')).toBe('héllo');
    expect(getFloat(node, 'f')).toBe(0.5);
    expect(getStrings(node, 'names')).toEqual(['é', 'b']);
    const tensor = getTensor(node, 't');
    expect(tensor && readTensor(tensor)).toEqual(Float32Array.of(1, 2));
    removeAttribute(node, 's');
    expect(getString(node, 's')).toBeUndefined();
    expect(operatorKey(node)).toBe('ai.onnx.ml:Foo');
  });
});

describe('tensors', () => {
  it.each([
    [DataType.FLOAT, Float32Array.of(1.5, -2, 3)],
    [DataType.DOUBLE, Float64Array.of(1e-300, 2, 3)],
    [DataType.INT64, BigInt64Array.of(-1n, 2n ** 62n, 3n)],
    [DataType.INT32, Int32Array.of(-7, 0, 7)],
    [DataType.FLOAT16, Uint16Array.of(0x3c00, 0x4000, 0xbc00)],
    [DataType.BOOL, Uint8Array.of(1, 0, 1)],
  ])('type %i survives makeTensor → serialize → readTensor', (type, values) => {
    const tensor = makeTensor('t', type, [3], values);
    const node = makeNode('Constant', [], ['c'], { attributes: { value: { tensor } } });
    const model = parseModel(fixtureBytes('mlp_iris_logits'));
    model.graph?.node.push(node);
    const back = parseModel(serializeModel(model)).graph?.node.at(-1);
    const read = back ? readTensor(getTensor(back, 'value') ?? tensor) : [];
    expect(read).toEqual(values);
  });

  it('reads strings and the typed fields converters sometimes use', () => {
    expect(readTensor(makeTensor('s', DataType.STRING, [2], ['a', 'ß']))).toEqual(['a', 'ß']);
    const typed = makeTensor('f', DataType.FLOAT, [2], Float32Array.of(0, 0));
    typed.rawData = new Uint8Array();
    typed.floatData = [0.25, 4];
    expect(readTensor(typed)).toEqual(Float32Array.of(0.25, 4));
  });

  it('reads the initializers of a PyTorch export', () => {
    const graph = parseModel(fixtureBytes('mlp_iris_softmax')).graph;
    const weights = graph?.initializer.map((t) => [t.name, readTensor(t).length]);
    expect(weights).toEqual(expect.arrayContaining([[expect.stringContaining('weight'), 64]]));
  });

  it('refuses values that do not fit the shape or type', () => {
    expect(() => makeTensor('t', DataType.FLOAT, [2, 2], Float32Array.of(1))).toThrow(
      /1 values for shape \[2,2\]/,
    );
    expect(() => makeTensor('t', DataType.FLOAT, [1], Float64Array.of(1))).toThrow(/does not hold float/);
  });
});

describe('types', () => {
  it('names element types as ONNX does', () => {
    expect(elementTypeName(1)).toBe('float');
    expect(elementTypeName(7)).toBe('int64');
    expect(elementTypeName(8)).toBe('string');
    expect(elementTypeName(17)).toBe('float8e4m3fn');
    expect(elementTypeCode('double')).toBe(DataType.DOUBLE);
    expect(() => elementTypeCode('float7')).toThrow(/float7/);
  });

  it('builds value infos with fixed, symbolic and open dimensions', () => {
    const info = makeTensorValueInfo('x', DataType.FLOAT, ['N', 30, null]);
    expect(typeText(info.type)).toBe('tensor(float)');
    expect(signatureOf(info)).toEqual({
      name: 'x',
      valueKind: 'tensor',
      elementType: 'float',
      shape: ['N', 30, null],
      display: 'tensor(float)[N,30,?]',
    });
  });

  it('reads opset versions by domain', () => {
    const model = parseModel(fixtureBytes('forest_wine_zipmap'));
    expect(opsetVersion(model, '')).toBe(13);
    expect(opsetVersion(model, 'ai.onnx')).toBe(13);
    expect(opsetVersion(model, ML_DOMAIN)).toBe(1);
    expect(opsetVersion(model, 'com.microsoft')).toBeNull();
  });
});
