import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inspectModel, inspectModelBytes } from '../../../main/model/inspect';
import { parseModel, serializeModel } from '../../../main/model/onnx-proto';
import { fixtureBytes, fixturePath } from './fixtures';

describe('inspect: converter-shaped classifiers ending in ZipMap', () => {
  it('reads the signature, opsets, metadata and identity of the file', async () => {
    const info = await inspectModel(fixturePath('logreg_cancer_zipmap_int'));
    const bytes = fixtureBytes('logreg_cancer_zipmap_int');
    expect(info.path).toBe(fixturePath('logreg_cancer_zipmap_int'));
    expect(info.sizeBytes).toBe(bytes.length);
    expect(info.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(info.irVersion).toBe(8);
    expect(info.opsets).toEqual([
      { domain: '', version: 13 },
      { domain: 'ai.onnx.ml', version: 1 },
    ]);
    expect(info.producer).toEqual({ name: 'ensemble-studio-fixtures', version: '1' });
    expect(info.metadata).toEqual({ source: 'sklearn LogisticRegression', dataset: 'cancer' });
    expect(info.inputs).toEqual([
      {
        name: 'float_input',
        valueKind: 'tensor',
        elementType: 'float',
        shape: [null, 30],
        display: 'tensor(float)[?,30]',
      },
    ]);
    expect(info.originalOutputs.map((o) => [o.name, o.valueKind, o.display])).toEqual([
      ['output_label', 'tensor', 'tensor(int64)[?]'],
      ['output_probability', 'sequence', 'seq(map(int64,tensor(float)))'],
    ]);
    // As the runtime sees it after the rewrite.
    expect(info.outputs[1]).toEqual({
      name: 'output_probability',
      valueKind: 'tensor',
      elementType: 'float',
      shape: [null, 2],
      display: 'tensor(float)[?,2]',
    });
    expect(info.operatorCounts).toEqual({
      'ai.onnx.ml:Scaler': 1,
      'ai.onnx.ml:LinearClassifier': 1,
      'ai.onnx.ml:Normalizer': 1,
      Cast: 1,
      'ai.onnx.ml:ZipMap': 1,
    });
    expect(info.nodeCount).toBe(5);
    expect(info.initializerCount).toBe(0);
  });

  it('detects int64 labels and probabilities', async () => {
    const { detected } = await inspectModel(fixturePath('logreg_cancer_zipmap_int'));
    expect(detected).toMatchObject({
      task: 'classification',
      classes: ['0', '1'],
      classLabelType: 'int64',
      scoreOutput: 'output_probability',
      scoreKind: 'probabilities',
      labelOutput: 'output_label',
      zipMapRewritten: true,
    });
    expect(detected.notes.join(' ')).toMatch(/ZipMap/);
  });

  it('detects string labels, keeping symbolic batch dimensions', async () => {
    const info = await inspectModel(fixturePath('logreg_iris_zipmap_str'));
    expect(info.inputs[0]?.display).toBe('tensor(float)[N,4]');
    expect(info.outputs.map((o) => o.display)).toEqual(['tensor(string)[N]', 'tensor(float)[N,3]']);
    expect(info.detected).toMatchObject({
      task: 'classification',
      classes: ['setosa', 'versicolor', 'virginica'],
      classLabelType: 'string',
      scoreOutput: 'output_probability',
      scoreKind: 'probabilities',
      labelOutput: 'output_label',
      zipMapRewritten: true,
    });
  });

  it('detects a random forest ending in ZipMap', async () => {
    const info = await inspectModel(fixturePath('forest_wine_zipmap'));
    expect(info.operatorCounts).toEqual({
      'ai.onnx.ml:TreeEnsembleClassifier': 1,
      Cast: 1,
      'ai.onnx.ml:ZipMap': 1,
    });
    expect(info.detected).toMatchObject({
      task: 'classification',
      classes: ['0', '1', '2'],
      scoreOutput: 'output_probability',
      scoreKind: 'probabilities',
      zipMapRewritten: true,
    });
  });
});

describe('inspect: ai.onnx.ml classifiers and regressors without ZipMap', () => {
  it('takes classes from TreeEnsembleClassifier; NONE on a forest means probabilities', async () => {
    const info = await inspectModel(fixturePath('forest_wine_tensor'));
    expect(info.outputs).toEqual(info.originalOutputs);
    expect(info.detected).toMatchObject({
      task: 'classification',
      classes: ['0', '1', '2'],
      classLabelType: 'int64',
      scoreOutput: 'output_probability',
      scoreKind: 'probabilities',
      labelOutput: 'output_label',
      zipMapRewritten: false,
    });
    expect(info.detected.notes.join(' ')).toMatch(/random forest/);
  });

  it('treats LinearClassifier scores with post_transform NONE as logits', async () => {
    const { detected } = await inspectModel(fixturePath('linear_iris_scores'));
    expect(detected).toMatchObject({ task: 'classification', classes: ['0', '1', '2'], scoreKind: 'logits' });
    expect(detected.notes.join(' ')).toMatch(/post_transform=NONE/);
  });

  it('detects a tree regressor', async () => {
    const info = await inspectModel(fixturePath('forest_diabetes_regressor'));
    expect(info.outputs[0]?.display).toBe('tensor(float)[?,1]');
    expect(info.detected).toMatchObject({
      task: 'regression',
      classes: null,
      scoreOutput: 'variable',
      scoreKind: 'value',
      labelOutput: null,
      zipMapRewritten: false,
    });
  });
});

describe('inspect: PyTorch exports', () => {
  it('a final Softmax gives probabilities; the classes are unknown', async () => {
    const info = await inspectModel(fixturePath('mlp_iris_softmax'));
    expect(info.producer.name).toBe('pytorch');
    expect(info.opsets).toEqual([{ domain: '', version: 13 }]);
    expect(info.inputs[0]?.display).toBe('tensor(float)[batch,4]');
    expect(info.operatorCounts).toEqual({ Gemm: 2, Relu: 1, Softmax: 1 });
    expect(info.initializerCount).toBe(4);
    expect(info.detected).toMatchObject({
      task: 'classification',
      classes: null,
      scoreOutput: 'probabilities',
      scoreKind: 'probabilities',
      labelOutput: null,
    });
    expect(info.detected.notes.join(' ')).toMatch(/"classes"/);
  });

  it('a float [N,3] output with no final activation gives logits', async () => {
    const info = await inspectModel(fixturePath('mlp_iris_logits'));
    expect(info.opsets).toEqual([{ domain: '', version: 15 }]);
    expect(info.detected).toMatchObject({
      task: 'classification',
      classes: null,
      scoreOutput: 'logits',
      scoreKind: 'logits',
    });
  });
});

describe('inspect: files that are not models', () => {
  const cases: [string, Uint8Array][] = [
    ['empty', new Uint8Array()],
    ['text', new TextEncoder().encode('a,b,c\n1,2,3\n')],
    ['truncated', fixtureBytes('forest_wine_zipmap').subarray(0, 3000)],
    ['cut before the opsets', fixtureBytes('mlp_iris_softmax').subarray(0, 40)],
  ];
  it.each(cases)('%s: StudioError(model) naming the file', (_, bytes) => {
    const path = '/data/models/broken.onnx';
    expect(() => inspectModelBytes(bytes, path)).toThrow(
      expect.objectContaining({ name: 'StudioError', code: 'model', location: { file: path } }),
    );
    expect(() => inspectModelBytes(bytes, path)).toThrow(
      /^\/data\/models\/broken\.onnx is not an ONNX model \(or it is damaged\): /,
    );
  });

  it('says in plain words that a non-ONNX file is not a model, keeping the library text as detail', () => {
    // Bytes that protobuf rejects with its own wording ("illegal tag: field no … wire type …").
    const bytes = Uint8Array.from([0x6e, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x1e]);
    let error: unknown;
    try {
      inspectModelBytes(bytes, '/data/models/photo.onnx');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'model', location: { file: '/data/models/photo.onnx' } });
    const { message, detail } = error as { message: string; detail?: string };
    expect(message).toMatch(/^\/data\/models\/photo\.onnx is not an ONNX model \(or it is damaged\): /);
    expect(message).toMatch(/Export it again/);
    expect(message).not.toMatch(/wire type|illegal tag|field no/);
    expect(detail).toMatch(/wire type|illegal tag|premature|invalid/i);
  });

  it('every truncation before the metadata is refused, never misread', () => {
    // metadata_props is the last field written; a cut between two entries is a valid, smaller
    // model, which no reader can tell from the original. Every earlier cut must be refused.
    const bytes = fixtureBytes('logreg_iris_zipmap_str');
    const model = parseModel(bytes);
    model.metadataProps = [];
    const metadataStart = serializeModel(model).length;
    expect(metadataStart).toBeLessThan(bytes.length);
    for (let cut = 0; cut < metadataStart; cut++) {
      expect(() => inspectModelBytes(bytes.subarray(0, cut), 'm.onnx'), `cut at ${cut}`).toThrow(
        /is not an ONNX model \(or it is damaged\)/,
      );
    }
  });

  it('a missing file is not_found', async () => {
    await expect(inspectModel('/nonexistent/model.onnx')).rejects.toMatchObject({
      code: 'not_found',
      location: { file: '/nonexistent/model.onnx' },
    });
  });
});
