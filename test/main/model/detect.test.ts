/** Detection on small graphs built here, for the shapes the committed fixtures do not cover. */
import { describe, expect, it } from 'vitest';
import { inspectModelBytes } from '../../../main/model/inspect';
import {
  DataType,
  ML_DOMAIN,
  makeGraph,
  makeModel,
  makeNode,
  makeTensorValueInfo,
  makeValueInfo,
  serializeModel,
  type AttributeValue,
  type NodeProto,
  type TypeProto,
  type ValueInfoProto,
} from '../../../main/model/onnx-proto';
import { makeTensor } from '../../../main/model/onnx-tensor';
import type { DetectedRole, Dim } from '../../../contract/model-types';
import { create } from '@bufbuild/protobuf';
import { TypeProtoSchema } from 'onnx-buf';

const X = makeTensorValueInfo('X', DataType.FLOAT, ['N', 4]);

function detect(nodes: NodeProto[], outputs: ValueInfoProto[], withWeights = false): DetectedRole {
  const initializers = withWeights
    ? [
        makeTensor('W', DataType.FLOAT, [4, 1], new Float32Array(4)),
        makeTensor('W3', DataType.FLOAT, [4, 3], new Float32Array(12)),
      ]
    : [];
  const graph = makeGraph({ name: 'g', nodes, inputs: [X], outputs, initializers });
  const model = makeModel(graph, { opsets: { '': 13, [ML_DOMAIN]: 3 } });
  return inspectModelBytes(serializeModel(model), 'synthetic.onnx').detected;
}

const floatOut = (name: string, shape: Dim[] | null) => makeTensorValueInfo(name, DataType.FLOAT, shape);
const ml = (op: string, inputs: string[], outputs: string[], attributes: Record<string, AttributeValue>) =>
  makeNode(op, inputs, outputs, { domain: ML_DOMAIN, attributes });

describe('plain networks', () => {
  it('a final Sigmoid on one column is a binary probability', () => {
    const nodes = [makeNode('MatMul', ['X', 'W'], ['z']), makeNode('Sigmoid', ['z'], ['p'])];
    const detected = detect(nodes, [floatOut('p', ['N', 1])], true);
    expect(detected).toMatchObject({
      task: 'classification',
      scoreOutput: 'p',
      scoreKind: 'probabilities',
      classes: null,
    });
  });

  it('LogSoftmax is read as logits (softmax recovers the probabilities)', () => {
    const nodes = [makeNode('MatMul', ['X', 'W3'], ['z']), makeNode('LogSoftmax', ['z'], ['logp'])];
    expect(detect(nodes, [floatOut('logp', ['N', 3])], true)).toMatchObject({
      task: 'classification',
      scoreKind: 'logits',
    });
  });

  it('Softmax followed by a reshape still gives probabilities', () => {
    const nodes = [
      makeNode('MatMul', ['X', 'W3'], ['z']),
      makeNode('Softmax', ['z'], ['s']),
      makeNode('Identity', ['s'], ['p']),
    ];
    expect(detect(nodes, [floatOut('p', ['N', 3])], true)).toMatchObject({
      scoreOutput: 'p',
      scoreKind: 'probabilities',
    });
  });

  it.each<[string, Dim[]]>([
    ['[N,1]', ['N', 1]],
    ['[N]', ['N']],
  ])('a float %s output with no activation is a regression value', (_, shape) => {
    const nodes = [makeNode('MatMul', ['X', 'W'], ['y'])];
    const detected = detect(nodes, [floatOut('y', shape)], true);
    expect(detected).toMatchObject({ task: 'regression', scoreOutput: 'y', scoreKind: 'value' });
    expect(detected.notes.join(' ')).toMatch(/binary logit/);
  });

  it('an output of unknown width is left for the spec to say', () => {
    const detected = detect(
      [makeNode('MatMul', ['X', 'W3'], ['y'])],
      [floatOut('y', ['N', 'classes'])],
      true,
    );
    expect(detected).toMatchObject({ task: null, scoreOutput: null, scoreKind: null });
    expect(detected.notes.join(' ')).toMatch(/"outputKind"/);
  });
});

describe('ai.onnx.ml operators', () => {
  const svm = (extra: Record<string, AttributeValue>) =>
    ml('SVMClassifier', ['X'], ['label', 'scores'], {
      classlabels_strings: { strings: ['no', 'yes'] },
      kernel_type: { string: 'LINEAR' },
      ...extra,
    });
  const outputs = [makeTensorValueInfo('label', DataType.STRING, ['N']), floatOut('scores', ['N', 2])];

  it('SVMClassifier with Platt scaling gives probabilities with string classes', () => {
    const detected = detect([svm({ prob_a: { floats: [-1] }, prob_b: { floats: [0] } })], outputs);
    expect(detected).toMatchObject({
      task: 'classification',
      classes: ['no', 'yes'],
      classLabelType: 'string',
      scoreOutput: 'scores',
      scoreKind: 'probabilities',
      labelOutput: 'label',
    });
  });

  it('SVMClassifier without it gives decision values, read as logits', () => {
    expect(detect([svm({})], outputs)).toMatchObject({ scoreKind: 'logits', classes: ['no', 'yes'] });
  });

  it('LinearClassifier with SOFTMAX and no Normalizer gives probabilities', () => {
    const node = ml('LinearClassifier', ['X'], ['label', 'scores'], {
      classlabels_ints: { ints: [3, 7, 9] },
      coefficients: { floats: new Array(12).fill(0) },
      post_transform: { string: 'SOFTMAX' },
    });
    const detected = detect(
      [node],
      [makeTensorValueInfo('label', DataType.INT64, ['N']), floatOut('scores', ['N', 3])],
    );
    expect(detected).toMatchObject({
      classes: ['3', '7', '9'],
      classLabelType: 'int64',
      scoreKind: 'probabilities',
    });
  });

  it('LinearRegressor is a regression value', () => {
    const node = ml('LinearRegressor', ['X'], ['y'], { coefficients: { floats: [1, 2, 3, 4] } });
    expect(detect([node], [floatOut('y', ['N', 1])])).toMatchObject({
      task: 'regression',
      scoreKind: 'value',
      classes: null,
    });
  });

  it('TreeEnsemble (ai.onnx.ml 5) with one target is a regression value', () => {
    const node = ml('TreeEnsemble', ['X'], ['y'], { n_targets: { int: 1 }, post_transform: { int: 0 } });
    expect(detect([node], [floatOut('y', ['N', 1])])).toMatchObject({
      task: 'regression',
      scoreKind: 'value',
    });
  });
});

describe('label-only models', () => {
  it('an int64 [N] output alone makes a classifier with a label output', () => {
    const nodes = [
      makeNode('ArgMax', ['X'], ['label'], { attributes: { axis: { int: 1 }, keepdims: { int: 0 } } }),
    ];
    const detected = detect(nodes, [makeTensorValueInfo('label', DataType.INT64, ['N'])]);
    expect(detected).toMatchObject({
      task: 'classification',
      labelOutput: 'label',
      scoreOutput: null,
      scoreKind: null,
    });
  });
});

describe('ZipMap that cannot be rewritten', () => {
  it('is left alone, with a note, when another node reads its sequence', () => {
    const seqOfMaps: TypeProto = create(TypeProtoSchema, {
      value: {
        case: 'sequenceType',
        value: {
          elemType: {
            value: {
              case: 'mapType',
              value: {
                keyType: DataType.INT64,
                valueType: { value: { case: 'tensorType', value: { elemType: DataType.FLOAT } } },
              },
            },
          },
        },
      },
    });
    const nodes = [
      makeNode('Softmax', ['X'], ['p']),
      ml('ZipMap', ['p'], ['maps'], { classlabels_int64s: { ints: [0, 1, 2, 3] } }),
      makeNode('SequenceLength', ['maps'], ['n']),
    ];
    const detected = detect(nodes, [
      makeValueInfo('maps', seqOfMaps),
      makeTensorValueInfo('n', DataType.INT64, []),
    ]);
    expect(detected.zipMapRewritten).toBe(false);
    expect(detected.notes.join(' ')).toMatch(/also read by 1 node/);
  });
});
